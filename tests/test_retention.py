"""Retention: a closed case past its period is anonymised everywhere, and the dashboard's figures hold."""

import datetime
import json

import pytest
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from freezegun import freeze_time

from accounts.access import log_access
from accounts.models import AccessLog
from community.tests.factories import IdeaFactory
from grants.models import GrantCycle
from grants.tests.factories import TeamMemberFactory
from referrals.models import Referral, ReferralEvent
from referrals.tests.factories import ServiceFactory
from reintegration import services
from reintegration.models import Beneficiary, Consent, HouseholdMember, RetentionRun
from reintegration.tasks import anonymise_expired_records
from reintegration.tests import factories as f
from surveys.tests.factories import ResponseFactory


def _import_before_freezing():
    """Modules first imported while time is frozen keep freezegun's fake date classes for good (openpyxl's
    cell types did, breaking every later XLSX export): import every URL's views and indicator now."""
    import openpyxl.cell.cell  # noqa: F401
    from django.urls import get_resolver

    from dashboard.indicators import providers

    get_resolver().url_patterns  # noqa: B018 - imports every app's views
    providers()


_import_before_freezing()

START = datetime.datetime(2027, 1, 10, 9, 0, tzinfo=datetime.UTC)  # after the personas' memberships began

PERSON = {
    "name_ka": "ქეთევან ზარანდია",
    "personal_number": "01024056789",
    "phone": "+995 599 123 987",
    "address": "სოფელი ნაფარეული, მესამე ქუჩა 17",
    "birth_date": datetime.date(1988, 4, 23),
    "sex": "female",  # kept by anonymisation (the dashboard counts by sex): asserted after the run
}
RELATIVE = {"full_name": "ლევან ზარანდიასძე", "personal_number": "01024056790"}
WITNESS = "მოწმე ციალა ხარაიშვილი"
OLD_PHONE = "+995 577 404 404"
NOTES = [
    "ძალადობის შესახებ ისაუბრა ოჯახში",
    "ჯანმრთელობის პრობლემა აქვს გულთან",
    "მეზობლებთან კონფლიქტი დაასახელა",
    "ვალები აქვს ბანკთან ოცი ათასი",
    "იურისტთან კონსულტაცია სჭირდება",
    "დახმარების მიღება გაუჭირდა",
]


def _dashboard_figures() -> dict:
    from dashboard.indicators import Period, aggregate, compute, hub_regions, providers

    regions = hub_regions()
    return {code: aggregate(compute(code, Period(), None)["facts"], regions) for code in sorted(providers())}


def _personal_values(person_latin: str) -> list[str]:
    return [
        PERSON["name_ka"],
        person_latin,
        PERSON["personal_number"],
        PERSON["phone"],
        PERSON["address"],
        PERSON["birth_date"].isoformat(),
        RELATIVE["full_name"],
        RELATIVE["personal_number"],
        WITNESS,
        OLD_PHONE,
        *NOTES,
    ]


def _scan_every_text_column(values: list[str]) -> list[tuple[str, str, str]]:
    """(table, column, value) for every cell of every table (history and logs included) whose text
    holds one of ``values``. Every column is read, whatever its type: no introspection of types to
    get wrong, and a date column shows its ISO text."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - introspected names
            columns = [column[0] for column in cursor.description]
            for row in cursor.fetchall():
                for column, cell in zip(columns, row, strict=True):
                    if cell is None:
                        continue
                    text = cell if isinstance(cell, str) else json.dumps(cell, ensure_ascii=False, default=str)
                    found += [(table, column, value) for value in values if value in text]
    return found


def _build_person(world):
    """A person with every kind of record, their case closed on START's day."""
    counsellor, lead = world.user("counsellor"), world.user("hub_lead")
    case = f.case_at(world.hub_a, counsellor, **{f"beneficiary__{k}": v for k, v in PERSON.items()})
    person = case.beneficiary
    household = f.HouseholdFactory(head=person, female_headed=True)
    person.household = household
    person.save()
    HouseholdMember.objects.create(household=household, beneficiary=person, relationship="head", sex="female")
    HouseholdMember.objects.create(household=household, relationship="spouse", sex="male", birth_year=1985, **RELATIVE)
    f.MigrationEpisodeFactory(beneficiary=person)
    f.ConsentFactory(beneficiary=person, recorded_by=counsellor)
    f.ConsentFactory(beneficiary=person, recorded_by=counsellor, method=Consent.Method.VERBAL_WITNESS, witness=WITNESS)
    assessment = f.NeedAssessmentFactory(case=case, notes=NOTES[0])
    need = f.AssessedNeedFactory(assessment=assessment, note=NOTES[1])
    f.SessionFactory(case=case, topics=NOTES[2], confidential_notes=NOTES[3], next_steps=PERSON["phone"])
    goal = f.PlanGoalFactory(case=case, description=NOTES[4])
    f.PlanActionFactory(goal=goal, description=NOTES[5])
    f.FollowUpFactory(case=case, purpose=f"დარეკოს {PERSON['phone']}", outcome=NOTES[5])
    service = ServiceFactory(category=need.need)
    referral = Referral.objects.create(
        case=case, need=need, service=service, reason=NOTES[1], feedback=NOTES[2], created_by=counsellor
    )
    ReferralEvent.objects.create(referral=referral, at=START, actor=counsellor, to_status="sent", note=NOTES[3])
    TeamMemberFactory(
        beneficiary=person,
        full_name=PERSON["name_ka"],
        personal_number=PERSON["personal_number"],
        sex="female",
        application__cycle__status=GrantCycle.Status.CLOSED,
    )
    ResponseFactory(
        household=household,
        answers={
            "sex": "female",
            "age": 37,
            "returnee": "yes",
            "respondent": PERSON["name_ka"],
            "tel": PERSON["phone"],
        },
    )
    idea = IdeaFactory(applicant=PERSON["name_ka"], contact=PERSON["phone"], description=f"ავტორი: {PERSON['name_ka']}")
    idea.description = "სათემო ცენტრი"  # the name stays only in the idea's history
    idea.save()
    # A phone changed since: the old one stays in the history and in a note written before the change.
    f.FollowUpFactory(case=case, purpose=f"ძველი ნომერი {OLD_PHONE}")
    person.phone, person.address = OLD_PHONE, PERSON["address"]
    person.save()
    person.phone = PERSON["phone"]
    person.save()
    log_access(user=counsellor, action=AccessLog.Action.VIEW, obj=case, path=f"/cases/{case.pk}/")
    log_access(
        user=world.user("officer"),
        action=AccessLog.Action.BREAK_GLASS,
        obj=case,
        path=f"/cases/{case.pk}/confidential-notes/",
        reason=f"{PERSON['name_ka']} ითხოვს დახმარებას, {NOTES[0]}",
    )
    LogEntry.objects.create(
        user=world.user("officer"),
        content_type=ContentType.objects.get_for_model(Beneficiary),
        object_id=str(person.pk),
        object_repr=str(person),
        action_flag=CHANGE,
        change_message=f"Changed phone to {PERSON['phone']}",
    )
    services.case_request_closure(case=case, reason="goals_met", note=NOTES[4], acting_user=counsellor)
    services.case_approve_closure(case=case, note=NOTES[5], acting_user=lead)
    case.refresh_from_db()
    assert case.status == case.Status.CLOSED
    return person


@pytest.mark.django_db(transaction=False)
def test_a_closed_case_past_its_retention_period_leaves_no_personal_value_in_the_database(
    world, django_capture_on_commit_callbacks
):
    with freeze_time(START) as clock:
        person = _build_person(world)
        values = _personal_values(person.name_latin)
        assert {v for _t, _c, v in _scan_every_text_column(values)} == set(values)  # the scan sees them all

        clock.tick(datetime.timedelta(days=settings.RETENTION_CASE_DAYS - 1))
        assert anonymise_expired_records.delay().get()  # not due yet; the first nightly run is a dry run
        person.refresh_from_db()
        assert person.anonymised_at is None

        clock.tick(datetime.timedelta(days=2))
        figures = _dashboard_figures()
        with django_capture_on_commit_callbacks(execute=True):
            run = RetentionRun.objects.get(pk=anonymise_expired_records.delay().get())

        assert not run.dry_run and run.trigger == RetentionRun.Trigger.NIGHTLY
        assert run.counts["person_after_cases"] == 1
        assert _scan_every_text_column(values) == []
        assert _dashboard_figures() == figures
        person.refresh_from_db()
        assert (person.birth_year, person.sex, person.municipality_id) == (1988, "female", world.hub_a.municipality_id)
        assert person.anonymised_at is not None
        # Rows are anonymised in place, never deleted.
        assert person.cases.get().sessions.count() == 1
        assert Referral.objects.get().events.count() == 1


def test_the_first_nightly_run_is_a_dry_run_that_lists_what_is_due(world):
    with freeze_time(START) as clock:
        person = _build_person(world)
        clock.tick(datetime.timedelta(days=settings.RETENTION_CASE_DAYS + 1))
        run = RetentionRun.objects.get(pk=anonymise_expired_records.delay().get())
    assert run.dry_run
    assert run.counts["person_after_cases"] == 1
    assert run.items[0]["label"] == person.cases.get().number
    person.refresh_from_db()
    assert person.name_ka == PERSON["name_ka"]


def test_a_person_in_a_running_grant_cycle_is_kept(world):
    with freeze_time(START) as clock:
        person = _build_person(world)
        TeamMemberFactory(beneficiary=person, application__cycle__status=GrantCycle.Status.MENTORING)
        clock.tick(datetime.timedelta(days=settings.RETENTION_CASE_DAYS + 1))
        from reintegration.services.retention import retention_due

        due = {entry["kind"].key: entry["count"] for entry in retention_due()}
    assert due["person_after_cases"] == 0


def test_a_person_without_a_case_is_anonymised_after_its_own_period(world):
    with freeze_time(START) as clock:
        person = f.BeneficiaryFactory(name_ka="თამარ ქობულაძე", personal_number="01001001001")
        clock.tick(datetime.timedelta(days=settings.RETENTION_NO_CASE_DAYS + 1))
        services_retention().retention_run(dry_run=False, acting_user=world.user("officer"))
    person.refresh_from_db()
    assert (person.name_ka, person.personal_number, person.anonymised_at is not None) == ("—", "", True)


def services_retention():
    from reintegration.services import retention

    return retention


# --------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------
def test_the_officer_sees_the_periods_and_the_dry_run_list(world, client_for):
    with freeze_time(START) as clock:
        person = _build_person(world)
        clock.tick(datetime.timedelta(days=settings.RETENTION_CASE_DAYS + 1))
        response = client_for(world.user("officer")).get(reverse("reintegration:retention"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="due-person_after_cases">1<' in page
    assert person.cases.get().number in page
    assert "RETENTION_CASE_DAYS" in page
    assert PERSON["name_ka"] not in page


def test_the_officer_records_a_dry_run_and_reads_its_report(world, client_for):
    with freeze_time(START) as clock:
        person = _build_person(world)
        clock.tick(datetime.timedelta(days=settings.RETENTION_CASE_DAYS + 1))
        client = client_for(world.user("officer"))
        response = client.post(reverse("reintegration:retention-run"), {"dry_run": "on"})
        run = RetentionRun.objects.get()
        assert response.status_code == 302 and response["Location"] == run.get_absolute_url()
        report = client.get(run.get_absolute_url()).content.decode()
    assert run.dry_run and run.started_by == world.user("officer") and run.trigger == "officer"
    assert 'data-testid="count-person_after_cases">1<' in report
    person.refresh_from_db()
    assert person.anonymised_at is None


def test_the_officer_runs_the_anonymisation_and_the_report_counts_it(world, client_for):
    with freeze_time(START) as clock:
        person = _build_person(world)
        clock.tick(datetime.timedelta(days=settings.RETENTION_CASE_DAYS + 1))
        client = client_for(world.user("officer"))
        client.post(reverse("reintegration:retention-run"))
        run = RetentionRun.objects.get()
        report = client.get(run.get_absolute_url()).content.decode()
    person.refresh_from_db()
    assert not run.dry_run and person.anonymised_at is not None
    assert run.rows["reintegration.Beneficiary"] == 1
    assert "reintegration.CounsellingSession" in report


@pytest.mark.parametrize("persona", ["counsellor", "hub_lead", "partner", "mentor"])
def test_only_officers_reach_the_retention_pages(world, client_for, persona):
    client = client_for(world.user(persona))
    run = RetentionRun.objects.create(trigger="nightly", dry_run=True)
    person = f.case_at(world.hub_a, world.user("counsellor")).beneficiary
    assert client.get(reverse("reintegration:retention")).status_code == 403
    assert client.get(run.get_absolute_url()).status_code == 403
    assert client.post(reverse("reintegration:retention-run")).status_code == 403
    assert (
        client.post(reverse("reintegration:beneficiary-erase", args=[person.pk]), {"reason": "x" * 20}).status_code
        == 403
    )
    assert RetentionRun.objects.count() == 1
    person.refresh_from_db()
    assert person.anonymised_at is None


def test_the_officer_erases_a_person_on_request_with_a_reason_kept_without_personal_data(world, client_for):
    with freeze_time(START):
        person = _build_person(world)
    client = client_for(world.user("officer"))
    url = reverse("reintegration:beneficiary-erase", args=[person.pk])
    page = client.get(url)
    assert page.status_code == 200 and PERSON["name_ka"] in page.content.decode()
    response = client.post(url, {"reason": f"{PERSON['name_ka']} asked in writing on 12 March", "confirm": "on"})
    run = RetentionRun.objects.get()
    assert response.status_code == 302 and response["Location"] == run.get_absolute_url()
    assert run.trigger == "erasure" and run.counts == {"erasure": 1}
    person.refresh_from_db()
    assert (person.name_ka, person.phone, person.birth_date) == ("—", "", None)
    entry = AccessLog.objects.get(action=AccessLog.Action.ANONYMISE)
    assert entry.user == world.user("officer") and entry.object_id == str(person.pk)
    assert entry.reason == "— asked in writing on 12 March"
    assert _scan_every_text_column(_personal_values("Ketevan Zarandia")) == []


def test_erasure_is_refused_while_a_case_is_open(world, client_for):
    person = f.case_at(world.hub_a, world.user("counsellor"), beneficiary__name_ka="ნანა ღლონტი").beneficiary
    client = client_for(world.user("officer"))
    url = reverse("reintegration:beneficiary-erase", args=[person.pk])
    response = client.post(url, {"reason": "the person asked for it", "confirm": "on"})
    assert response.status_code == 200
    with translation.override("ka"):
        refusal = escape(gettext("Close this person's open cases before anonymising the record."))
    assert refusal in response.content.decode()
    person.refresh_from_db()
    assert person.anonymised_at is None and not RetentionRun.objects.exists()


def test_erasure_needs_the_confirmation_and_a_reason(world, client_for):
    with freeze_time(START):
        person = _build_person(world)
    client = client_for(world.user("officer"))
    url = reverse("reintegration:beneficiary-erase", args=[person.pk])
    assert client.post(url, {"reason": "the person asked for it"}).status_code == 200
    assert client.post(url, {"reason": "short", "confirm": "on"}).status_code == 200
    person.refresh_from_db()
    assert person.anonymised_at is None


def test_an_uploaded_survey_export_is_deleted_after_its_period(world, tmp_path, settings):
    from django.core.files.base import ContentFile

    from surveys.models import ImportJob
    from surveys.tests.factories import RoundFactory

    settings.MEDIA_ROOT = tmp_path
    with freeze_time(START) as clock:
        job = ImportJob.objects.create(
            round=RoundFactory(),
            file=ContentFile(b"_uuid,name\n1,x\n", name="kobo.csv"),
            original_name="kobo.csv",
            status=ImportJob.Status.DONE,
            finished_at=START,
            created_by=world.user("officer"),
        )
        path = tmp_path / job.file.name
        assert path.exists()
        clock.tick(datetime.timedelta(days=settings.RETENTION_SURVEY_IMPORT_DAYS + 1))
        RetentionRun.objects.create(trigger="officer", dry_run=True)
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(execute=True):
            run = RetentionRun.objects.get(pk=anonymise_expired_records.delay().get())
    job.refresh_from_db()
    assert run.counts["survey_import_files"] == 1
    assert job.file.name == "" and not path.exists()


def test_the_retention_page_and_a_report_cost_the_same_queries_at_two_sizes(world, client_for):
    from tests.queries import assert_constant_queries

    client = client_for(world.user("officer"))

    def closed_long_ago():
        for _ in range(3):
            case = f.case_at(world.hub_a, world.user("counsellor"), status="closed")
            case.closed_on = datetime.date(2000, 1, 1)
            case.save()
        services_retention().retention_run(dry_run=True, acting_user=world.user("officer"))

    closed_long_ago()
    assert_constant_queries(client, reverse("reintegration:retention"), closed_long_ago)
    run = RetentionRun.objects.order_by("pk").first()
    assert_constant_queries(client, run.get_absolute_url(), closed_long_ago)
