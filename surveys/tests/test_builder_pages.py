import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from surveys.models import Instrument, InstrumentVersion, Question

from . import xlsforms
from .factories import ResponseFactory, RoundFactory, VersionFactory

pytestmark = pytest.mark.django_db


def test_officer_creates_an_instrument_and_adds_a_choice_question_through_the_pages(client_for, officer):
    client = client_for(officer)
    data = {"code": "pilot", "name_ka": "საპილოტე", "name_en": "Pilot", "kind": "other", "description": ""}
    response = client.post(reverse("surveys:instrument-create"), data)
    instrument = Instrument.objects.get(code="pilot")
    assert response.url == reverse("surveys:instrument-detail", args=[instrument.pk])
    version = instrument.versions.get()
    question = {
        "name": "heard", "group": "services", "type": "select_one", "label_ka": "გსმენიათ?", "label_en": "Heard?",
        "required": "on", "relevant": "", "constraint": "", "choices_text": "yes | დიახ | Yes\nno | არა | No",
    }  # fmt: skip
    response = client.post(reverse("surveys:question-create", args=[version.pk]), question)
    assert response.status_code == 302
    saved = Question.objects.get(version=version)
    assert (saved.list_name, saved.required, [c.label_ka for c in saved.choices.all()]) == (
        "heard",
        True,
        ["დიახ", "არა"],
    )
    broken = question | {"name": "later", "relevant": "${nowhere} = 1"}
    response = client.post(reverse("surveys:question-create", args=[version.pk]), broken)
    assert response.status_code == 200 and Question.objects.filter(version=version).count() == 1


def test_answered_version_offers_no_edit_and_refuses_one(client_for, officer):
    round_ = RoundFactory()
    ResponseFactory(round=round_)
    client = client_for(officer)
    page = client.get(reverse("surveys:version-detail", args=[round_.version.pk])).content.decode()
    assert reverse("surveys:question-create", args=[round_.version.pk]) not in page
    assert client.get(reverse("surveys:question-create", args=[round_.version.pk])).status_code == 403
    response = client.post(reverse("surveys:version-copy", args=[round_.version.pk]))
    copy = InstrumentVersion.objects.latest("pk")
    assert response.url == reverse("surveys:version-detail", args=[copy.pk]) and copy.questions.count() == 10


def test_xlsform_upload_page_imports_or_lists_problems(client_for, officer):
    instrument = VersionFactory().instrument
    client = client_for(officer)
    url = reverse("surveys:instrument-import", args=[instrument.pk])
    survey = [row[:] for row in xlsforms.SURVEY] + [["geopoint", "where", "სად", "Where"]]
    response = client.post(url, {"file": SimpleUploadedFile("bad.xlsx", xlsforms.workbook(survey))})
    assert response.status_code == 200 and response.context["problems"][0]["row"] == 26
    response = client.post(url, {"file": SimpleUploadedFile("form.xlsx", xlsforms.workbook())})
    version = instrument.versions.latest("number")
    assert response.url == reverse("surveys:version-profile", args=[version.pk]) and version.questions.count() == 10


def test_import_progress_polls_while_running_and_reloads_when_done(client_for, officer):
    from surveys.models import ImportJob

    round_ = RoundFactory()
    job = ImportJob.objects.create(round=round_, file="x.csv", original_name="x.csv", status="importing",
                                   total_rows=200, processed_rows=50, created_by=officer)  # fmt: skip
    client = client_for(officer)
    url = reverse("surveys:import-progress", args=[job.pk])
    response = client.get(url, headers={"HX-Request": "true"})
    assert 'hx-trigger="every 1s"' in response.content.decode() and 'value="25"' in response.content.decode()
    job.status = ImportJob.Status.DONE
    job.save()
    assert client.get(url, headers={"HX-Request": "true"})["HX-Refresh"] == "true"
