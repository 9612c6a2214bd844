import json

import pytest
from django.urls import reverse

from accounts.models import AccessLog
from reintegration import panels, services
from reintegration.models import Beneficiary
from reintegration.tests.factories import (
    AssessedNeedFactory,
    ConsentFactory,
    FollowUpFactory,
    MigrationEpisodeFactory,
    NeedAssessmentFactory,
    PlanActionFactory,
    SessionFactory,
    case_at,
)
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(world, counsellor):
    return case_at(world.hub_a, counsellor)


def _edit_data(person, **overrides):
    data = {
        "name_ka": person.name_ka,
        "name_latin": person.name_latin,
        "personal_number": person.personal_number,
        "birth_year": person.birth_year,
        "sex": person.sex,
        "phone": person.phone,
        "municipality": person.municipality_id,
        "address": person.address,
        "category": person.category,
        "citizenship": person.citizenship,
        "version": person.version,
    }
    return data | overrides


def test_a_stale_beneficiary_form_shows_the_conflict_and_overwrites_nothing(client_for, counsellor, hub_lead, case):
    person = case.beneficiary
    url = reverse("reintegration:beneficiary-edit", args=[person.pk])
    stale = _edit_data(person, phone="+995 555 00 00 01")
    assert client_for(hub_lead).post(url, _edit_data(person, address="ახალი მისამართი 5")).status_code == 302
    response = client_for(counsellor).post(url, stale)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-testid="edit-conflict"' in body and "ახალი მისამართი 5" in body
    person.refresh_from_db()
    assert person.address == "ახალი მისამართი 5" and person.phone != "+995 555 00 00 01" and person.version == 2
    # The form now carries the current version: saving again is a deliberate choice.
    again = client_for(counsellor).post(url, stale | {"version": 2})
    assert again.status_code == 302
    person.refresh_from_db()
    assert person.phone == "+995 555 00 00 01" and person.version == 3


def test_a_stale_case_form_shows_the_conflict(client_for, counsellor, hub_lead, case):
    url = reverse("reintegration:case-edit", args=[case.pk])
    client_for(hub_lead).post(url, {"counsellor": counsellor.pk, "summary": "ლიდერის შენიშვნა", "version": 1})
    response = client_for(counsellor).post(url, {"counsellor": counsellor.pk, "summary": "ჩემი ტექსტი", "version": 1})
    assert response.status_code == 200 and 'data-testid="edit-conflict"' in response.content.decode()
    form = response.context["form"]
    assert form["summary"].value() == "ჩემი ტექსტი" and form["version"].value() == 2
    case.refresh_from_db()
    assert case.summary == "ლიდერის შენიშვნა"


def test_renaming_updates_the_latin_spelling(client_for, counsellor, case):
    person = case.beneficiary
    client_for(counsellor).post(
        reverse("reintegration:beneficiary-edit", args=[person.pk]),
        _edit_data(person, name_ka="თამარ ჭავჭავაძე", name_latin=""),
    )
    person.refresh_from_db()
    assert person.name_latin == "Tamar Chavchavadze"


def _grow_case(case):
    episode = MigrationEpisodeFactory(beneficiary=case.beneficiary)
    assert episode
    ConsentFactory(beneficiary=case.beneficiary, recorded_by=case.counsellor)
    AssessedNeedFactory(assessment=NeedAssessmentFactory(case=case), need="housing")
    SessionFactory(case=case, confidential_notes="x")
    PlanActionFactory(goal__case=case, goal__created_by=case.counsellor)
    FollowUpFactory(case=case)


def test_case_page_costs_the_same_queries_whatever_the_case_holds(client_for, counsellor, case):
    _grow_case(case)
    assert_constant_queries(
        client_for(counsellor), case.get_absolute_url(), lambda: [_grow_case(case) for _ in range(3)]
    )


def test_case_list_costs_the_same_queries_at_two_sizes(client_for, counsellor, world):
    case_at(world.hub_a, counsellor)
    url = reverse("reintegration:case-list") + "?status=active"
    assert_constant_queries(client_for(counsellor), url, lambda: [case_at(world.hub_a, counsellor) for _ in range(30)])


def test_case_list_filters_by_status_category_vulnerability_municipality_and_search(client_for, counsellor, world):
    youth = case_at(world.hub_a, counsellor, beneficiary__name_ka="ანა ბაქრაძე", beneficiary__birth_year=2004)
    older = case_at(  # a name like nothing searched below (a random name once came close to "Bakradze")
        world.hub_a,
        counsellor,
        status="closed",
        beneficiary__name_ka="ზურაბ ხარაიშვილი",
        beneficiary__category="local_resident",
        beneficiary__birth_year=1970,
    )
    hidden = case_at(world.hub_b, world.user("other_hub_counsellor"))
    client = client_for(counsellor)

    def listed(**query):
        response = client.get(reverse("reintegration:case-list"), query)
        return {c.pk for c in response.context["page"]}

    assert listed() == {youth.pk, older.pk}
    assert hidden.pk not in listed()
    assert listed(status="closed") == {older.pk}
    assert listed(category="local_resident") == {older.pk}
    assert listed(vulnerability="youth") == {youth.pk}
    assert listed(q="ბაქრაძე") == {youth.pk} == listed(q="Bakradze") == listed(q=youth.number)
    assert listed(municipality=world.hub_a.municipality_id) == {youth.pk, older.pk}
    assert listed(counsellor=counsellor.pk) == {youth.pk, older.pk}


def test_case_list_paginates_by_25(client_for, counsellor, world):
    for _ in range(27):
        case_at(world.hub_a, counsellor)
    response = client_for(counsellor).get(reverse("reintegration:case-list"))
    assert len(response.context["page"]) == 25 and response.context["page"].paginator.num_pages == 2


def test_officer_exports_everything_held_on_a_person_and_the_export_is_logged(client_for, officer, case):
    """The sections of every app and the PDF are tested in tests/test_subject_export.py."""
    _grow_case(case)
    url = reverse("reintegration:beneficiary-export", args=[case.beneficiary_id])
    response = client_for(officer).post(url, {"fmt": "json", "language": "en"})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    sections = data["sections"]
    assert sections["person"]["tables"]["person"][0]["name_ka"] == case.beneficiary.name_ka
    assert sections["cases"]["tables"]["cases"][0]["number"] == case.number
    assert sections["sessions"]["tables"]["sessions"][0]["topics"]
    assert sections["consents"]["tables"]["consents"] and sections["migration"]["tables"]["migration_episodes"]
    assert AccessLog.objects.filter(
        user=officer, action=AccessLog.Action.EXPORT, object_id=str(case.beneficiary_id)
    ).exists()


def test_the_export_carries_no_confidential_notes_without_a_reason(client_for, officer, case):
    SessionFactory(case=case, topics="საცხოვრებელი", confidential_notes="ძალადობა ოჯახში")
    url = reverse("reintegration:beneficiary-export", args=[case.beneficiary_id])
    body = client_for(officer).post(url, {"fmt": "json", "language": "ka"}).content.decode()
    assert "საცხოვრებელი" in body
    assert "ძალადობა" not in body and '"confidential_notes":' not in body
    assert not AccessLog.objects.filter(action=AccessLog.Action.BREAK_GLASS).exists()


def test_counsellors_cannot_export(case, counsellor):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.beneficiary_export(beneficiary=case.beneficiary, acting_user=counsellor)


def test_other_apps_add_panels_and_timeline_entries_to_the_case_page(client_for, counsellor, hub_lead, case):
    # Any template works as a panel; this one shows a value from the panel's context.
    name = "reintegration/_conflict.html"

    def context(c, user):
        if user != counsellor:
            return None  # a panel may hide itself from a user
        return {"conflict": {"changes": [{"field": f"panel-for-{c.number}", "before": "", "now": ""}]}}

    def timeline(c, user):
        return [{"at": c.opened_on, "kind": "Referral", "title": "მიმართვა გაიგზავნა"}]

    panels.register_case_panel(name, get_context=context, order=40)
    panels.register_timeline_source(timeline)
    try:
        panels_url, timeline_url = (f"{case.get_absolute_url()}?tab={tab}" for tab in ("referrals", "timeline"))
        body = client_for(counsellor).get(panels_url).content.decode()
        body += client_for(counsellor).get(timeline_url).content.decode()
        lead_body = client_for(hub_lead).get(panels_url).content.decode()
    finally:
        panels.unregister_case_panel(name)
        panels.unregister_timeline_source(timeline)
    assert f"panel-for-{case.number}" in body and "მიმართვა გაიგზავნა" in body
    assert f"panel-for-{case.number}" not in lead_body


def test_history_is_kept_for_beneficiary_edits(case, counsellor):
    services.beneficiary_update(
        beneficiary=case.beneficiary, expected_version=1, acting_user=counsellor, phone="+995 1"
    )
    assert Beneficiary.history.filter(id=case.beneficiary_id).count() == 2
