"""Applications: screening with reasons, vulnerability priority, mentoring, the road to the committee."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from accounts.roles import Role, roles_of
from grants import services
from grants.models import Application, GrantCycle, PlanVersion, Proposal
from grants.tests.factories import (
    ApplicationFactory,
    GrantCycleFactory,
    MentorAssignmentFactory,
    MentoringSessionFactory,
    PlanVersionFactory,
    TeamMemberFactory,
)
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _member(**fields):
    return {"full_name": "ლევან გელაშვილი", "sex": "male", "age": 40, "is_returnee": True} | fields


def test_officer_enters_a_team_application_through_the_page(client_for, officer, world):
    cycle = GrantCycleFactory(status=GrantCycle.Status.CALL_OPEN, municipalities=[world.hub_a.municipality])
    data = {
        "team_name": "ყურძნის გუნდი",
        "team_type": "collective",
        "business_idea": "ღვინის მარანი",
        "municipality": world.hub_a.municipality.pk,
        "hub": world.hub_a.pk,
        "requested_amount": "15000",
        "members-TOTAL_FORMS": "2",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "2",
        "members-MAX_NUM_FORMS": "1000",
    }
    for i, (sex, age) in enumerate([("female", 63), ("male", 24)]):
        data |= {f"members-{i}-full_name": f"წევრი {i}", f"members-{i}-sex": sex, f"members-{i}-age": age}
        data |= {f"members-{i}-is_returnee": "on"}
    response = client_for(officer).post(reverse("grants:application-create", args=[cycle.pk]), data)
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.members.count() == 2 and application.created_by == officer
    client_for(officer).post(reverse("grants:application-screen", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == Application.Status.MENTORING
    assert [rule["passed"] for rule in application.eligibility] == [True, True, True]
    # elderly woman (63) and youth (24): two members in priority groups, rule shown.
    assert application.vulnerability_priority == 2
    # The rule is written in the language of the screening page (Georgian here) with each group's count.
    assert "2 წევრი 2-დან" in application.vulnerability_rule and ": 1; " in application.vulnerability_rule


def test_a_member_given_with_a_registered_personal_number_is_linked_to_the_record(client_for, officer, world):
    from reintegration.models import Beneficiary
    from reintegration.tests.factories import BeneficiaryFactory

    person = BeneficiaryFactory(
        name_ka="მარიამ კაპანაძე",
        personal_number="01024012399",
        sex="female",
        birth_year=1960,
        category=Beneficiary.Category.RETURNEE,
    )
    cycle = GrantCycleFactory(status=GrantCycle.Status.CALL_OPEN, municipalities=[world.hub_a.municipality])
    data = {
        "team_name": "თაფლის გუნდი",
        "team_type": "collective",
        "business_idea": "მეფუტკრეობა",
        "municipality": world.hub_a.municipality.pk,
        "hub": world.hub_a.pk,
        "requested_amount": "9000",
        "members-TOTAL_FORMS": "2",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "2",
        "members-MAX_NUM_FORMS": "1000",
        "members-0-full_name": "ეს სახელი ჩანაცვლდება",
        "members-0-personal_number": "01024012399",
        "members-0-sex": "male",
        "members-0-age": "30",
        "members-1-full_name": "გიორგი ბერიძე",
        "members-1-sex": "male",
        "members-1-age": "35",
        "members-1-is_returnee": "on",
    }
    response = client_for(officer).post(reverse("grants:application-create", args=[cycle.pk]), data)
    assert response.status_code == 302
    linked = Application.objects.get().members.get(personal_number="01024012399")
    assert linked.beneficiary == person
    assert (linked.full_name, linked.sex, linked.is_returnee) == ("მარიამ კაპანაძე", "female", True)
    assert not Application.objects.get().members.exclude(pk=linked.pk).get().beneficiary


def test_screening_gives_a_reason_for_each_failed_rule(officer, world):
    cycle = GrantCycleFactory(status=GrantCycle.Status.CALL_OPEN, municipalities=[world.hub_a.municipality])
    application = services.application_create(
        cycle=cycle,
        acting_user=officer,
        members=[_member(), _member(is_returnee=False)],
        team_name="t",
        team_type=Application.TeamType.COLLECTIVE,
        business_idea="b",
        municipality=world.hub_b.municipality,
        requested_amount=Decimal("25000"),
    )
    services.application_submit(application=application, acting_user=officer)
    application = services.application_screen(application=application, acting_user=officer)
    assert application.status == Application.Status.INELIGIBLE
    reasons = {rule["rule"]: rule["reason"] for rule in application.eligibility if not rule["passed"]}
    assert "at least 2 returnees; this team has 1" in reasons["team"]
    assert "not one of the cycle's municipalities" in reasons["municipality"]
    assert "25000" in reasons["amount"] and "20000" in reasons["amount"]


def test_a_community_team_needs_returnees_and_non_migrants(officer, world):
    cycle = GrantCycleFactory()
    application = ApplicationFactory(cycle=cycle, team_type=Application.TeamType.COMMUNITY)
    members = [TeamMemberFactory.build(is_returnee=True), TeamMemberFactory.build(is_returnee=True)]
    (team_rule, *_rest) = services.eligibility_of(application, members)
    assert not team_rule["passed"]
    members.append(TeamMemberFactory.build(is_returnee=False))
    assert services.eligibility_of(application, members)[0]["passed"]


def test_a_counsellor_cannot_screen_or_create(counsellor, world):
    cycle = GrantCycleFactory()
    with pytest.raises(PermissionDenied):
        services.application_create(cycle=cycle, acting_user=counsellor, members=[], team_name="x")
    application = ApplicationFactory(cycle=cycle, status=Application.Status.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.application_screen(application=application, acting_user=counsellor)


def test_a_screened_application_cannot_be_screened_again(officer):
    application = ApplicationFactory(status=Application.Status.MENTORING)
    with pytest.raises(ValidationError):
        services.application_screen(application=application, acting_user=officer)


def test_mentor_assignment_gives_the_mentor_role_and_only_their_teams(client_for, officer, mentor, world):
    application = ApplicationFactory(status=Application.Status.MENTORING)
    other = ApplicationFactory(status=Application.Status.MENTORING)
    assert Role.MENTOR not in roles_of(mentor)
    client_for(officer).post(
        reverse("grants:mentor-assign", args=[application.pk]),
        {"mentor": mentor.pk, "start_date": timezone.localdate().isoformat()},
    )
    assert Role.MENTOR in roles_of(mentor)
    client = client_for(mentor)
    page = client.get(reverse("grants:application-list"))
    assert application.reference in page.content.decode() and other.reference not in page.content.decode()
    assert client.get(reverse("grants:application-detail", args=[other.pk])).status_code == 404


def test_mentor_records_sessions_and_plan_versions_and_sees_what_changed(client_for, mentor):
    application = ApplicationFactory(status=Application.Status.MENTORING)
    MentorAssignmentFactory(application=application, mentor=mentor)
    client = client_for(mentor)
    client.post(
        reverse("grants:session-add", args=[application.pk]),
        {"date": "2026-01-10", "duration_minutes": 90, "topics": "ფასები", "agreed_tasks": "ბაზრის კვლევა"},
    )
    assert application.sessions.count() == 1
    plan = {"summary": "v1", "budget": "ღუმელი; 8000; 1000; 0\nმაცივარი; 3000; 0; 500", "milestones": "2; შეძენა"}
    client.post(reverse("grants:plan-add", args=[application.pk]), plan)
    plan2 = {"summary": "v2", "budget": "ღუმელი; 9000; 1000; 0\nსაცალო დახლი; 2000; 0; 0", "milestones": "3; შეძენა"}
    client.post(reverse("grants:plan-add", args=[application.pk]), plan2 | {"is_final": "on"})
    assert list(PlanVersion.objects.values_list("number", "is_final")) == [(1, False), (2, True)]
    diff = client.get(reverse("grants:plan-diff", args=[application.pk, 1, 2])).content.decode()
    assert "+ საცალო დახლი" in diff and "− მაცივარი" in diff and "~ ღუმელი" in diff and "~ შეძენა: 2 → 3" in diff
    response = client.post(reverse("grants:plan-add", args=[application.pk]), plan)
    assert PlanVersion.objects.count() == 2 and response.status_code == 200


def test_the_committee_needs_two_months_of_mentoring_and_a_final_plan(officer):
    cycle = GrantCycleFactory(status=GrantCycle.Status.MENTORING)
    application = ApplicationFactory(cycle=cycle, status=Application.Status.MENTORING)
    TeamMemberFactory(application=application, sex="female")
    TeamMemberFactory(application=application)
    start = timezone.localdate() - datetime.timedelta(days=90)
    MentoringSessionFactory(application=application, date=start)
    MentoringSessionFactory(application=application, date=start + datetime.timedelta(days=50))
    with pytest.raises(ValidationError) as refusal:
        services.application_send_to_committee(application=application, acting_user=officer)
    assert len(refusal.value.messages) == 2
    assert "at least two months" in refusal.value.messages[0]
    MentoringSessionFactory(application=application, date=start + datetime.timedelta(days=62))
    PlanVersionFactory(application=application, number=1, is_final=True)
    assert all(rule["passed"] for rule in services.committee_readiness(application))
    proposal = services.application_send_to_committee(application=application, acting_user=officer)
    assert proposal.subject == application and proposal.women_share == Decimal("0.500")
    assert Proposal.objects.count() == 1
    application.refresh_from_db()
    assert application.status == Application.Status.IN_REVIEW


def test_counsellors_see_their_hubs_applications_only(client_for, counsellor, world):
    mine = ApplicationFactory(hub=world.hub_a)
    theirs = ApplicationFactory(hub=world.hub_b)
    client = client_for(counsellor)
    assert client.get(reverse("grants:application-detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("grants:application-detail", args=[theirs.pk])).status_code == 404


def test_application_list_costs_the_same_queries_with_more_applications(client_for, officer):
    def grow():
        for _ in range(3):
            TeamMemberFactory(application=ApplicationFactory())

    grow()
    assert_constant_queries(client_for(officer), reverse("grants:application-list"), grow)


def test_tranche_release_waits_for_the_report_and_the_visit_through_the_pages(client_for, officer):
    from grants.models import Award, Tranche

    application = ApplicationFactory(status=Application.Status.SELECTED)
    client = client_for(officer)
    client.post(
        reverse("grants:award-create", args=[application.pk]),
        {"agreement_date": "2026-02-01", "amount": "15000", "tranches": "10000; აღჭურვილობა\n5000; გახსნა"},
    )
    award = Award.objects.get()
    first = award.tranches.get(number=1)
    release = reverse("grants:tranche-action", args=[first.pk, "release"])
    client.post(release)
    assert Tranche.objects.get(pk=first.pk).status == Tranche.Status.PLANNED
    client.post(reverse("grants:tranche-action", args=[first.pk, "approve"]), {"report": "შეძენილია"})
    client.post(reverse("grants:tranche-action", args=[first.pk, "visit"]), {"date": "2026-03-01", "findings": "ok"})
    client.post(release)
    assert Tranche.objects.get(pk=first.pk).status == Tranche.Status.RELEASED
    client.post(
        reverse("grants:tranche-action", args=[first.pk, "disburse"]),
        {"date": "2026-03-02", "amount": "10000", "reference": "PAY-1"},
    )
    assert first.disbursements.count() == 1
    page = client.get(reverse("grants:award-detail", args=[award.pk]))
    assert page.status_code == 200


def test_counsellor_sees_an_application_with_a_client_of_their_hub_and_the_case_panel(counsellor, world):
    from grants import selectors
    from grants.permissions import applications_visible_to
    from reintegration.tests import factories as rf

    case = rf.CaseFactory(hub=world.hub_a)
    application = ApplicationFactory(hub=None)
    TeamMemberFactory(application=application, beneficiary=case.beneficiary)
    assert application in applications_visible_to(counsellor)
    assert application not in applications_visible_to(world.user("other_hub_counsellor"))
    assert selectors.case_panel_context(case, counsellor) == {"grant_applications": [application]}
    assert selectors.case_panel_context(case, world.user("committee_member")) is None


def test_a_committee_member_in_a_team_members_household_is_flagged(world):
    from grants import services
    from grants.tests.factories import committee_cycle, proposal_for
    from reintegration.tests import factories as rf

    household = rf.HouseholdFactory()
    relative = rf.BeneficiaryFactory(household=household, personal_number="01008012345")
    teammate = rf.BeneficiaryFactory(household=household)
    member = world.user("committee_member")
    cycle = committee_cycle(chair=world.user("officer"), members=[member])
    cycle.committee.filter(user=member).update(personal_number=relative.personal_number)
    application = ApplicationFactory(cycle=cycle, status=Application.Status.IN_REVIEW)
    TeamMemberFactory(application=application, beneficiary=teammate)
    review = services.review_for(proposal=proposal_for(application), acting_user=member)
    assert review.system_flags == ["You are registered in the same household as a member of this team."]


def test_application_detail_costs_the_same_queries_with_more_members_and_sessions(client_for, officer):
    application = ApplicationFactory(status=Application.Status.MENTORING)

    def grow():
        TeamMemberFactory(application=application)
        MentoringSessionFactory(application=application)
        PlanVersionFactory(application=application, number=application.plan_versions.count() + 1)

    grow()
    client, url = client_for(officer), reverse("grants:application-detail", args=[application.pk])
    client.get(url)  # warm the content-type cache the access log uses
    assert_constant_queries(client, url, grow)


def test_officer_records_the_workshop_and_its_attendance(client_for, officer):
    from grants.models import Workshop

    application = ApplicationFactory(status=Application.Status.MENTORING)
    present, absent = TeamMemberFactory(application=application), TeamMemberFactory(application=application)
    outsider = TeamMemberFactory()
    client = client_for(officer)
    client.post(
        reverse("grants:workshop-add", args=[application.cycle_id]),
        {"title": "ბიზნეს-დაგეგმვა", "date": "2026-02-10", "place": "თელავი"},
    )
    workshop = Workshop.objects.get()
    client.post(reverse("grants:workshop-detail", args=[workshop.pk]), {"attendees": [present.pk]})
    assert list(workshop.attendees.all()) == [present]
    response = client.post(reverse("grants:workshop-detail", args=[workshop.pk]), {"attendees": [outsider.pk]})
    assert response.status_code == 200 and list(workshop.attendees.all()) == [present]
    assert absent not in workshop.attendees.all()
    with pytest.raises(ValidationError):
        services.workshop_attendance_set(workshop=workshop, attendees=[outsider], acting_user=officer)
