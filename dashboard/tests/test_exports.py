"""Exports: built in the background with progress, downloadable by their author until they expire,
logged, Georgian intact, and for partners without small cells or anything personal."""

import datetime
import io
import os

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import AccessLog
from dashboard.exports import pseudonym
from dashboard.models import ExportJob, Indicator
from dashboard.services import reference_load
from dashboard.tasks import expire_exports
from reintegration.models import Beneficiary

from .fixtures import build

pytestmark = pytest.mark.django_db


def _export(client, kind, capture) -> tuple[ExportJob, object]:
    with capture(execute=True):
        response = client.post(reverse("dashboard:export-list"), {"kind": kind})
    job = ExportJob.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == reverse("dashboard:export-detail", args=[job.pk])
    detail = client.get(response["Location"]).content.decode()
    assert 'data-testid="export-download"' in detail
    download = client.get(reverse("dashboard:export-download", args=[job.pk]))
    assert download.status_code == 200
    return job, load_workbook(io.BytesIO(b"".join(download.streaming_content)), read_only=True)


def _cells(workbook) -> list:
    return [value for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for value in row]


def test_officer_donor_report_has_targets_actuals_lists_and_georgian(
    client_for, world, officer, django_capture_on_commit_callbacks
):
    build(world)
    reference_load()
    client = client_for(officer)
    job, workbook = _export(client, ExportJob.Kind.DONOR_REPORT, django_capture_on_commit_callbacks)
    assert workbook.sheetnames == ["indicators", "disaggregations", "records"]
    rows = {row[2]: row for row in workbook["indicators"].iter_rows(min_row=2, values_only=True)}
    assert rows["people_counselled"][3] == "კონსულტირებული ადამიანები"
    assert rows["people_counselled"][8] == "3"
    assert rows["hubs_operational"][7] == 12
    records = list(workbook["records"].iter_rows(min_row=2, values_only=True))
    assert sum(1 for row in records if row[0] == "people_counselled") == 3
    assert world.hub_a.name_ka in {row[4] for row in records}
    assert AccessLog.objects.filter(user=officer, action=AccessLog.Action.EXPORT, object_id=str(job.pk)).count() == 1
    assert job.__class__.objects.get(pk=job.pk).percent == 100


def test_partner_donor_report_has_no_small_cell_no_list_and_nothing_personal(
    client_for, world, partner, django_capture_on_commit_callbacks
):
    data = build(world)
    reference_load()
    client = client_for(partner)
    _job, workbook = _export(client, ExportJob.Kind.DONOR_REPORT, django_capture_on_commit_callbacks)
    assert "records" not in workbook.sheetnames
    people = set(Indicator.objects.filter(counts_people=True).values_list("code", flat=True))
    for row in workbook["disaggregations"].iter_rows(min_row=2, values_only=True):
        if row[0] in people:
            value = row[4]
            assert value in ("<5", "0") or value.endswith("%") or int(value) >= 5, row
    everything = " ".join(str(value) for value in _cells(workbook))
    for name in Beneficiary.objects.values_list("name_ka", flat=True):
        assert name not in everything
    for case in data["cases"]:
        assert case.number not in everything


def test_partner_cannot_ask_for_the_pseudonymised_export(client_for, world, partner):
    response = client_for(partner).post(reverse("dashboard:export-list"), {"kind": ExportJob.Kind.PSEUDONYMISED})
    assert response.status_code == 200  # the form refuses the choice
    assert not ExportJob.objects.exists()


def test_pseudonymised_export_keeps_no_name_number_phone_address_or_birth_date(
    client_for, world, officer, django_capture_on_commit_callbacks
):
    data = build(world)
    client = client_for(officer)
    _job, workbook = _export(client, ExportJob.Kind.PSEUDONYMISED, django_capture_on_commit_callbacks)
    rows = list(workbook["beneficiaries"].iter_rows(values_only=True))
    assert rows[0][:3] == ("pseudonym", "birth_year", "sex")
    assert len(rows) - 1 == Beneficiary.objects.count()
    everything = " ".join(str(value) for value in _cells(workbook))
    for person in Beneficiary.objects.all():
        for private in (person.name_ka, person.name_latin, person.phone, person.address, person.personal_number):
            assert not private or private not in everything
    p1 = data["cases"][0].beneficiary  # the woman born 1999 (other people's birth years are random)
    row = next(r for r in rows if r[0] == pseudonym(p1.pk))
    assert row[1:4] == (1999, "female", "returnee")
    _job, again = _export(client, ExportJob.Kind.PSEUDONYMISED, django_capture_on_commit_callbacks)
    assert {r[0] for r in again["beneficiaries"].iter_rows(min_row=2, values_only=True)} == {r[0] for r in rows[1:]}


def test_an_expired_link_answers_410_and_its_file_is_deleted(
    client_for, world, officer, django_capture_on_commit_callbacks
):
    reference_load()
    client = client_for(officer)
    job, _workbook = _export(client, ExportJob.Kind.DONOR_REPORT, django_capture_on_commit_callbacks)
    ExportJob.objects.filter(pk=job.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert client.get(reverse("dashboard:export-download", args=[job.pk])).status_code == 410
    path = ExportJob.objects.get(pk=job.pk).file.path
    assert expire_exports() == 1
    job.refresh_from_db()
    assert job.status == ExportJob.Status.EXPIRED and not job.file
    assert not os.path.exists(path)


def test_progress_is_polled_while_the_export_runs(client_for, world, officer):
    job = ExportJob.objects.create(kind=ExportJob.Kind.DONOR_REPORT, created_by=officer, total=4, done=1)
    page = client_for(officer).get(reverse("dashboard:export-progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    body = page.content.decode()
    assert 'hx-trigger="every 1s"' in body and 'value="25"' in body
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.DONE)
    done = client_for(officer).get(reverse("dashboard:export-progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"


def test_another_persons_export_is_not_found(client_for, world, officer):
    job = ExportJob.objects.create(kind=ExportJob.Kind.DONOR_REPORT, created_by=world.user("partner"))
    assert client_for(officer).get(reverse("dashboard:export-detail", args=[job.pk])).status_code == 404


def test_export_list_costs_the_same_queries_with_more_exports(client_for, world, officer):
    from tests.queries import assert_constant_queries

    def grow():
        for _ in range(5):
            ExportJob.objects.create(kind=ExportJob.Kind.DONOR_REPORT, created_by=officer)

    assert_constant_queries(client_for(officer), reverse("dashboard:export-list"), grow)
