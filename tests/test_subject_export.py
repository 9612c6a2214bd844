"""The data-subject export holds everything held on a person, from every app, and nothing of others.

Built through the export view as the officer: JSON (each section holds the rows made here, found by
the values set here) and the PDF in Georgian (text extracted with pypdf). The export, and the
break-glass reason when confidential notes are asked for, are written to the access log.
"""

import datetime
import json
import time
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.access import log_access
from accounts.models import AccessLog
from accounts.pdf import pdf_text
from community.tests.factories import IdeaFactory
from grants.tests.factories import ApplicationFactory, TeamMemberFactory
from referrals.models import Referral, ReferralEvent
from referrals.tests.factories import ServiceFactory
from reintegration import subject_export
from reintegration.models import (
    Case,
    CaseStatusChange,
    Consent,
    HouseholdMember,
)
from reintegration.tests import factories as f
from rss.models import Round as RssRound
from rss.tests.factories import provisional
from surveys.tests.factories import ResponseFactory
from tests.queries import assert_constant_queries

REASON = "The person asked for a copy of every record, notes included."


def _export_url(person) -> str:
    return reverse("reintegration:beneficiary-export", args=[person.pk])


@pytest.fixture
def person(world, counsellor, officer, hub_lead):
    """One person with a record of every kind, and another person whose records must stay out."""
    case = f.case_at(
        world.hub_a,
        counsellor,
        beneficiary__name_ka="ლევან კაპანაძე",
        beneficiary__personal_number="01024081234",
        beneficiary__phone="+995 599 12 34 56",
        beneficiary__birth_date=datetime.date(1988, 3, 14),
    )
    person = case.beneficiary
    household = f.HouseholdFactory(head=person, size=5)
    person.household = household
    person.save()
    HouseholdMember.objects.create(
        household=household, full_name="თამარ კაპანაძე", relationship="child", birth_year=2015, sex="female"
    )
    f.ConsentFactory(
        beneficiary=person, purpose=Consent.Purpose.SHARING, provider_name="ხელოსნობის ცენტრი", recorded_by=counsellor
    )
    f.MigrationEpisodeFactory(beneficiary=person, country="Greece")
    CaseStatusChange.objects.create(
        case=case, from_status="open", to_status="active", actor=counsellor, note="პირველი შეხვედრა შედგა"
    )
    need = f.AssessedNeedFactory(
        assessment=f.NeedAssessmentFactory(case=case, notes="შეფასება ბინაზე"), note="ეძებს სამუშაოს"
    )
    f.SessionFactory(case=case, topics="ბიზნესის დაწყება", confidential_notes="ოჯახური კონფლიქტი")
    goal = f.PlanGoalFactory(case=case, description="საკუთარი სახელოსნო")
    f.PlanActionFactory(goal=goal, description="ბიზნეს-ტრენინგი")
    f.FollowUpFactory(case=case, purpose="ზარი ერთ თვეში")
    referral = Referral.objects.create(
        case=case,
        need=need,
        service=ServiceFactory(name_ka="პროფესიული კურსები"),
        reason="ხელობის სწავლა",
        created_by=counsellor,
    )
    ReferralEvent.objects.create(
        referral=referral, at=timezone.now(), actor=counsellor, to_status="draft", note="მომზადდა"
    )
    RssRound.objects.create(
        case=case,
        version=provisional(),
        kind="baseline",
        status="completed",
        conducted_on=datetime.date(2026, 2, 3),
        composite=Decimal("0.6250"),
    )
    application = ApplicationFactory(team_name="თხილის გუნდი", requested_amount=Decimal("12500.50"))
    TeamMemberFactory(application=application, beneficiary=person, full_name=person.name_ka, age=38, is_lead=True)
    ResponseFactory(household=household, answers={"household_size": 5, "returnee": "yes"})
    IdeaFactory(applicant="ლევან კაპანაძე და მეზობლები", title="სოფლის წყაროს აღდგენა")
    log_access(user=hub_lead, action=AccessLog.Action.VIEW, obj=case, path="/cases/")

    # Someone else, with records of the same kinds: none of them may appear.
    other = f.case_at(world.hub_a, counsellor, beneficiary__name_ka="სხვა პირი")
    f.SessionFactory(case=other, topics="სხვისი სესია")
    f.FollowUpFactory(case=other, purpose="სხვისი ზარი")
    TeamMemberFactory(application=ApplicationFactory(team_name="სხვა გუნდი"), beneficiary=other.beneficiary)
    log_access(user=officer, action=AccessLog.Action.VIEW, obj=other, path="/cases/other/")
    return person


def _export(client, person, **data):
    return client.post(_export_url(person), {"fmt": "json", "language": "ka"} | data)


def _flat(pdf: bytes) -> str:
    """The PDF's text without whitespace: a value wrapped inside a narrow cell is still found."""
    return "".join(pdf_text(pdf).split())


def _in(value: str, flat: str) -> bool:
    return "".join(value.split()) in flat


def _rows(data, section, table):
    return data["sections"][section]["tables"][table]


def test_the_json_export_holds_every_kind_of_record_of_the_person(client_for, officer, person, hub_lead):
    response = _export(client_for(officer), person)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="person-{person.pk}.json"'
    data = json.loads(response.content)
    case = person.cases.get()

    assert _rows(data, "person", "person") == [
        _rows(data, "person", "person")[0] | {"name_ka": "ლევან კაპანაძე", "personal_number": "01024081234"}
    ]
    assert _rows(data, "person", "person")[0]["birth_date"] == "1988-03-14"
    assert _rows(data, "household", "household")[0]["size"] == 5
    assert [m["full_name"] for m in _rows(data, "household", "members")] == ["თამარ კაპანაძე"]
    assert [(c["purpose"], c["provider_name"]) for c in _rows(data, "consents", "consents")] == [
        ("sharing", "ხელოსნობის ცენტრი")
    ]
    assert [e["country"] for e in _rows(data, "migration", "migration_episodes")] == ["Greece"]
    assert [c["number"] for c in _rows(data, "cases", "cases")] == [case.number]
    assert [s["note"] for s in _rows(data, "cases", "status_changes")] == ["პირველი შეხვედრა შედგა"]
    assert [a["notes"] for a in _rows(data, "needs", "assessments")] == ["შეფასება ბინაზე"]
    assert [(n["need"], n["note"]) for n in _rows(data, "needs", "needs")] == [("employment", "ეძებს სამუშაოს")]
    assert [s["topics"] for s in _rows(data, "sessions", "sessions")] == ["ბიზნესის დაწყება"]
    assert [g["description"] for g in _rows(data, "plan", "goals")] == ["საკუთარი სახელოსნო"]
    assert [a["description"] for a in _rows(data, "plan", "actions")] == ["ბიზნეს-ტრენინგი"]
    assert [u["purpose"] for u in _rows(data, "follow_ups", "follow_ups")] == ["ზარი ერთ თვეში"]
    assert [(r["reason"], r["service"]) for r in _rows(data, "referrals", "referrals")] == [
        ("ხელობის სწავლა", "პროფესიული კურსები")
    ]
    assert [e["note"] for e in _rows(data, "referrals", "events")] == ["მომზადდა"]
    assert [(r["kind"], r["composite"]) for r in _rows(data, "rss", "rounds")] == [("baseline", "0.6250")]
    assert [(m["is_lead"], m["age"]) for m in _rows(data, "grants", "team_memberships")] == [(True, 38)]
    assert [(a["team_name"], a["requested_amount"]) for a in _rows(data, "grants", "applications")] == [
        ("თხილის გუნდი", "12500.50")
    ]
    assert [r["answers"] for r in _rows(data, "surveys", "responses")] == [{"household_size": 5, "returnee": "yes"}]
    assert [i["title"] for i in _rows(data, "community", "ideas")] == ["სოფლის წყაროს აღდგენა"]
    log = _rows(data, "access_log", "access_log")
    assert [(e["user"], e["action"]) for e in log if e["user"] == hub_lead.full_name] == [(hub_lead.full_name, "view")]
    assert all(set(e) == {"at", "user", "action", "record"} for e in log)  # no path, no reason


def test_the_export_holds_nothing_of_another_person(client_for, officer, person):
    body = _export(client_for(officer), person).content.decode()
    for value in ("სხვა პირი", "სხვისი სესია", "სხვისი ზარი", "სხვა გუნდი", "/cases/other/"):
        assert value not in body
    # The officer's view of the other case is not in this person's access log.
    data = json.loads(body)
    assert [e for e in _rows(data, "access_log", "access_log") if e["user"] == "officer@iom.ge"] == []


def test_the_export_is_written_to_the_access_log(client_for, officer, person):
    before = AccessLog.objects.filter(action=AccessLog.Action.EXPORT).count()
    _export(client_for(officer), person, fmt="pdf")
    entry = AccessLog.objects.filter(action=AccessLog.Action.EXPORT).latest("pk")
    assert AccessLog.objects.filter(action=AccessLog.Action.EXPORT).count() == before + 1
    assert (entry.user, entry.object_id, entry.path) == (officer, str(person.pk), _export_url(person))


def test_confidential_notes_are_left_out_without_a_reason(client_for, officer, person):
    body = _export(client_for(officer), person).content.decode()
    assert "ბიზნესის დაწყება" in body
    assert "ოჯახური კონფლიქტი" not in body and '"confidential_notes":' not in body
    assert not AccessLog.objects.filter(action=AccessLog.Action.BREAK_GLASS).exists()


def test_confidential_notes_come_only_with_a_break_glass_reason_logged_per_case(client_for, officer, person):
    response = _export(client_for(officer), person, confidential_reason=REASON)
    data = json.loads(response.content)
    assert data["confidential_notes_included"] is True
    assert [s["confidential_notes"] for s in _rows(data, "sessions", "sessions")] == ["ოჯახური კონფლიქტი"]
    case = person.cases.get()
    entry = AccessLog.objects.get(action=AccessLog.Action.BREAK_GLASS)
    assert (entry.user, entry.object_id, entry.reason) == (officer, str(case.pk), REASON)
    # The officers' review of break-glass openings lists it with the case number.
    review = client_for(officer).get(reverse("reintegration:break-glass-review")).content.decode()
    assert case.number in review and REASON in review


def test_a_reason_too_short_refuses_the_export_and_logs_nothing(client_for, officer, person):
    response = _export(client_for(officer), person, confidential_reason="because")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "confidential_reason" in response.context["form"].errors
    assert "ოჯახური კონფლიქტი" not in response.content.decode()
    assert not AccessLog.objects.filter(action__in=[AccessLog.Action.BREAK_GLASS, AccessLog.Action.EXPORT]).exists()


def test_the_pdf_in_georgian_has_every_section_with_its_values(client_for, officer, person):
    response = _export(client_for(officer), person, fmt="pdf", language="ka")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="person-{person.pk}.pdf"'
    text = _flat(response.content)
    for title in (
        "პირის შესახებ შენახული მონაცემები",
        "რეესტრის ჩანაწერი",
        "შინამეურნეობა",
        "თანხმობები",
        "მიგრაციის ისტორია",
        "საქმეები",
        "საჭიროებები",
        "საკონსულტაციო სესიები",
        "რეინტეგრაციის გეგმა",
        "შემდგომი კონტაქტები",
        "მიმართვები",
        "მდგრადობის კვლევის რაუნდები",
        "საგრანტო გუნდები და განაცხადები",
        "შინამეურნეობის კვლევის პასუხები",
        "სათემო ჩანაწერები",
        "ვინ ნახა ჩანაწერი",
    ):
        assert _in(title, text), title
    for value in (
        "ლევან კაპანაძე",
        "01024081234",
        "14.03.1988",  # Georgian short date
        "თამარ კაპანაძე",
        "ხელოსნობის ცენტრი",
        person.cases.get().number,
        "ეძებს სამუშაოს",
        "ბიზნესის დაწყება",
        "საკუთარი სახელოსნო",
        "ზარი ერთ თვეში",
        "ხელობის სწავლა",
        "0,6250",  # the composite, Georgian decimal comma
        "12 500,50",  # the requested amount, Georgian grouping (a no-break space)
        "სოფლის წყაროს აღდგენა",
    ):
        assert _in(value, text), value
    assert "ოჯახური კონფლიქტი" not in text


def test_the_pdf_in_english_formats_dates_and_amounts_the_english_way(client_for, officer, person):
    response = _export(client_for(officer), person, fmt="pdf", language="en")
    text = _flat(response.content)
    assert _in("Registry record", text) and _in("Who viewed the record", text)
    assert _in("14/03/1988", text) and _in("12,500.50", text)


def test_empty_sections_say_so(client_for, officer, world, counsellor):
    lone = f.case_at(world.hub_a, counsellor).beneficiary
    data = json.loads(_export(client_for(officer), lone).content)
    assert _rows(data, "referrals", "referrals") == [] and _rows(data, "household", "members") == []
    text = _flat(_export(client_for(officer), lone, fmt="pdf", language="ka").content)
    assert text.count("ჩანაწერიარარის.") >= 6


def test_the_export_page_offers_the_formats_to_the_officer(client_for, officer, person):
    response = client_for(officer).get(_export_url(person))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="pdf"' in body and 'value="json"' in body and 'name="confidential_reason"' in body
    case_page = client_for(officer).get(person.cases.get().get_absolute_url()).content.decode()
    assert _export_url(person) in case_page


def test_hub_staff_neither_see_the_button_nor_may_export(client_for, counsellor, person):
    client = client_for(counsellor)
    assert _export_url(person) not in client.get(person.cases.get().get_absolute_url()).content.decode()
    assert client.get(_export_url(person)).status_code == 403
    assert _export(client, person).status_code == 403
    assert not AccessLog.objects.filter(action=AccessLog.Action.EXPORT).exists()


def test_sections_come_from_the_registry(person, officer):
    keys = [s.key for s in subject_export.registered_sections()]
    assert keys[0] == "person" and keys[-1] == "access_log"
    assert {"referrals", "rss", "grants", "surveys", "community"} <= set(keys)


def test_the_export_page_costs_the_same_queries_as_cases_grow(client_for, officer, person, counsellor, world):
    def grow():
        Case.objects.create(number="BBB-2026-0001", beneficiary=person, hub=world.hub_b, counsellor=counsellor)
        Case.objects.create(
            number="AAA-2025-0001", beneficiary=person, hub=world.hub_a, counsellor=counsellor, status="closed"
        )

    assert_constant_queries(client_for(officer), _export_url(person), grow)


def _export_queries(client, person) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = _export(client, person)
    assert response.status_code == 200
    return len(captured)


def test_the_export_costs_the_same_queries_as_records_grow(client_for, officer, person, counsellor, world):
    client = client_for(officer)
    before = _export_queries(client, person)
    case = person.cases.get()
    second = Case.objects.create(
        number="AAA-2026-9999", beneficiary=person, hub=world.hub_b, counsellor=counsellor, status="closed"
    )
    for n in range(3):
        f.SessionFactory(case=second, topics=f"სესია {n}")
        f.FollowUpFactory(case=case, purpose=f"ზარი {n}")
        goal = f.PlanGoalFactory(case=second)
        f.PlanActionFactory(goal=goal)
        TeamMemberFactory(application=ApplicationFactory(), beneficiary=person)
        ResponseFactory(household=person.household)
        f.MigrationEpisodeFactory(beneficiary=person)
        log_access(user=counsellor, action=AccessLog.Action.VIEW, obj=second)
    referral = Referral.objects.get()
    ReferralEvent.objects.create(referral=referral, at=timezone.now(), actor=counsellor, to_status="sent")
    assert _export_queries(client, person) == before


def test_a_big_record_renders_as_a_pdf_inline_within_seconds(client_for, officer, person, counsellor):
    """Inline rendering is enough: 60 sessions, 60 follow-ups and views on 300 days take ~4 s of CPU.

    Measured in CPU time (this process), not wall time, so that a busy machine does not fail it.
    """
    case = person.cases.get()
    for n in range(60):
        f.SessionFactory(case=case, topics=f"თემა-{n:02d} " + "სესიის თემა " * 7)
        f.FollowUpFactory(case=case)
    # Views on 300 different days, written with their day (the log is append-only: never back-dated).
    case_type = ContentType.objects.get_for_model(case)
    AccessLog.objects.bulk_create(
        AccessLog(user=counsellor, action=AccessLog.Action.VIEW, content_type=case_type, object_id=str(case.pk),
                  at=timezone.now() - datetime.timedelta(days=n))
        for n in range(300)
    )  # fmt: skip
    client = client_for(officer)
    _export(client, person, fmt="pdf")  # the fonts are loaded once per process
    started = time.process_time()
    response = _export(client, person, fmt="pdf")
    elapsed = time.process_time() - started
    assert response.status_code == 200
    assert elapsed < 12, elapsed
    text = _flat(response.content)
    assert [n for n in range(60) if f"თემა-{n:02d}" not in text] == []
