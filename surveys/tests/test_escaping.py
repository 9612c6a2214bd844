"""Help texts and imported labels are data: every page shows them escaped, never as HTML."""

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse

from accounts.forms import CrispyFormMixin
from hubs.tests.factories import MunicipalityApplicationFactory, SelectionCriterionFactory
from surveys.models import Round, RoundTarget
from surveys.xlsform import xlsform_import

from . import xlsforms
from .factories import InstrumentFactory

pytestmark = pytest.mark.django_db

REFRESH = '<meta http-equiv="refresh" content="0;url=https://evil.example/">'
SCRIPT = "<script>alert(1)</script>"
IMG = '<img src="x" onerror="alert(2)">'
RAW = (REFRESH, SCRIPT, IMG, "<b>")


def _assert_escaped(html: str) -> None:
    for raw in RAW:
        assert raw not in html, raw
    assert "&lt;meta http-equiv=&quot;refresh&quot;" in html


def _hostile_workbook() -> bytes:
    header = [*xlsforms.SURVEY[0], "hint::Georgian (ka)", "hint::English (en)"]
    survey = [header, ["start", "start"]]
    survey += [
        ["text", "comment", f"კომენტარი {SCRIPT}", "Comment <b>", None, None, None, None, None, REFRESH, REFRESH],
        ["select_one yes_no", "returnee", f"დაბრუნებული {IMG}", "Returnee", None, None, None, None, None, REFRESH],
    ]
    choices = [xlsforms.CHOICES[0], ["yes_no", "yes", f"დიახ {IMG}", "Yes <b>"], ["yes_no", "no", "არა", "No"]]
    return xlsforms.workbook(survey=survey, choices=choices)


@pytest.fixture
def hostile_round(officer, world):
    version, problems = xlsform_import(instrument=InstrumentFactory(), content=_hostile_workbook(), acting_user=officer)
    assert problems == [] and version is not None
    assert version.questions.get(name="comment").hint_ka == REFRESH
    round_ = Round.objects.create(
        version=version, name_ka="რ", name_en="R", start_date="2026-01-01", end_date="2030-01-01", status="open"
    )
    RoundTarget.objects.create(round=round_, municipality=world.hub_a.municipality, target=5)
    return round_


def test_imported_hints_and_labels_are_escaped_on_the_entry_page(client_for, counsellor, hostile_round):
    page = client_for(counsellor).get(reverse("surveys:response-create", args=[hostile_round.pk]))
    assert page.status_code == 200
    _assert_escaped(page.content.decode())


def test_imported_hints_and_labels_are_escaped_on_the_version_page(client_for, officer, hostile_round):
    page = client_for(officer).get(reverse("surveys:version-detail", args=[hostile_round.version.pk]))
    html = page.content.decode()
    for raw in RAW:
        assert raw not in html


def test_a_criterion_description_is_escaped_on_the_scoring_page(client_for, officer):
    SelectionCriterionFactory(description=REFRESH, name_ka=f"კრიტერიუმი {SCRIPT}")
    application = MunicipalityApplicationFactory()
    page = client_for(officer).get(reverse("hubs:application-score", kwargs={"pk": application.pk}))
    _assert_escaped(page.content.decode())


class _Form(CrispyFormMixin, forms.Form):
    name = forms.CharField(label=SCRIPT, help_text=REFRESH)


def test_every_crispy_help_text_and_label_is_escaped_unless_marked_safe():
    from django.utils.safestring import mark_safe

    html = Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": _Form()}))
    _assert_escaped(html)
    form = _Form()
    form.fields["name"].help_text = mark_safe("<em>ours</em>")  # code may still mark its own markup safe
    html = Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))
    assert "<em>ours</em>" in html
