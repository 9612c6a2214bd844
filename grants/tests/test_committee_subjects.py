"""The committee's decision reaches its subject through a registered hook, as a service."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from accounts.tests.factories import UserFactory
from grants import services, subjects
from grants.models import Application, CycleEvent, Decision, Proposal, Review
from grants.tests.factories import ApplicationFactory, TeamMemberFactory, committee_cycle, proposal_for
from hubs.models import Hub

pytestmark = pytest.mark.django_db


@pytest.fixture
def deciding():
    """A cycle whose scoring is closed, with three proposals in review and each decision recorded."""
    chair = UserFactory()
    cycle = committee_cycle(chair=chair)
    cycle.scoring_closed_at = timezone.now()
    cycle.save()
    outcomes = {"A": "selected", "B": "reserve", "C": "rejected"}
    applications = {}
    for reference, outcome in outcomes.items():
        application = ApplicationFactory(cycle=cycle, reference=reference, status=Application.Status.IN_REVIEW)
        proposal = proposal_for(application)
        Decision.objects.create(proposal=proposal, outcome=outcome, ranked_outcome=outcome, decided_by=chair)
        applications[reference] = application
    return cycle, chair, applications


def test_deciding_the_cycle_moves_each_application_along_its_transitions_with_an_event_row(deciding):
    cycle, chair, applications = deciding
    services.cycle_decide(cycle=cycle, acting_user=chair)
    statuses = dict(Application.objects.filter(cycle=cycle).values_list("reference", "status"))
    assert statuses == {"A": "selected", "B": "reserve", "C": "rejected"}
    events = CycleEvent.objects.filter(cycle=cycle, action="application_status")
    assert sorted(events.values_list("application__reference", "from_status", "to_status", "actor")) == [
        ("A", "in_review", "selected", chair.pk),
        ("B", "in_review", "reserve", chair.pk),
        ("C", "in_review", "rejected", chair.pk),
    ]


def test_a_decision_the_application_cannot_follow_stops_the_whole_cycle_decision(deciding):
    cycle, chair, applications = deciding
    Application.objects.filter(pk=applications["A"].pk).update(status=Application.Status.WITHDRAWN)
    with pytest.raises(ValidationError):
        services.cycle_decide(cycle=cycle, acting_user=chair)
    cycle.refresh_from_db()
    assert not cycle.is_locked
    assert not CycleEvent.objects.filter(cycle=cycle, action="application_status").exists()


def test_an_unknown_outcome_is_refused_not_turned_into_a_rejection(deciding):
    cycle, chair, applications = deciding
    with pytest.raises(ValidationError):
        services.application_decide(application=applications["A"], outcome="maybe", acting_user=chair)
    applications["A"].refresh_from_db()
    assert applications["A"].status == Application.Status.IN_REVIEW


def test_only_the_chair_applies_a_decision(deciding):
    cycle, chair, applications = deciding
    with pytest.raises(PermissionDenied):
        services.application_decide(application=applications["A"], outcome="selected", acting_user=UserFactory())


def test_a_second_kind_of_subject_registers_its_own_hooks(deciding, monkeypatch, world):
    cycle, chair, applications = deciding
    calls = []
    hub = world.hub_a
    monkeypatch.setitem(
        subjects._subjects,
        Hub,
        subjects.CommitteeSubject(
            model=Hub,
            conflicts=lambda subject, seat: [f"conflict with {subject.code}"],
            decided=lambda subject, *, outcome, acting_user: calls.append((subject.pk, outcome, acting_user.pk)),
        ),
    )
    proposal = Proposal.objects.create(
        cycle=cycle,
        content_type=ContentType.objects.get_for_model(Hub),
        object_id=hub.pk,
        reference="HUB",
        title="x",
        requested_amount=1,
    )
    Decision.objects.create(proposal=proposal, outcome="selected", ranked_outcome="selected", decided_by=chair)
    seat = cycle.committee.get(user=chair)
    assert services.system_conflicts(seat, proposal) == [f"conflict with {hub.code}"]
    services.cycle_decide(cycle=cycle, acting_user=chair)
    assert calls == [(hub.pk, "selected", chair.pk)]


def test_an_unregistered_kind_of_subject_cannot_go_before_the_committee(world):
    cycle = committee_cycle(chair=UserFactory())
    with pytest.raises(LookupError):
        services.proposal_create(subject=world.hub_a, cycle=cycle, acting_user=UserFactory())


def test_opening_the_submit_page_writes_no_review(world):
    member = world.user("committee_member")
    cycle = committee_cycle(chair=UserFactory(), members=[member])
    application = ApplicationFactory(cycle=cycle, status=Application.Status.IN_REVIEW)
    TeamMemberFactory(application=application)
    proposal = proposal_for(application)
    client = Client()
    client.force_login(member)
    response = client.get(reverse("grants:review-submit", args=[proposal.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("grants:proposal-detail", args=[proposal.pk])
    assert Review.objects.count() == 0


def test_a_member_listed_in_a_team_members_household_is_flagged_by_the_one_household_rule(world):
    """The household rule is reintegration's: a seat holder listed as a household member (by personal
    number) of a registered team member's household is barred, not only one registered as a beneficiary."""
    from grants.models import CommitteeMembership
    from reintegration.models import HouseholdMember
    from reintegration.tests.factories import BeneficiaryFactory, HouseholdFactory

    member = world.user("committee_member")
    cycle = committee_cycle(chair=UserFactory(), members=[member])
    CommitteeMembership.objects.filter(cycle=cycle, user=member).update(personal_number="01001099999")
    seat = CommitteeMembership.objects.get(cycle=cycle, user=member)
    applicant = BeneficiaryFactory(personal_number="01001088888")
    household = HouseholdFactory(head=applicant)
    applicant.household = household
    applicant.save()
    HouseholdMember.objects.create(
        household=household, full_name="და", personal_number="01001099999", relationship="other", sex="female"
    )
    application = ApplicationFactory(cycle=cycle, status=Application.Status.IN_REVIEW)
    TeamMemberFactory(application=application, beneficiary=applicant, personal_number=applicant.personal_number)
    stranger_team = ApplicationFactory(cycle=cycle, status=Application.Status.IN_REVIEW)
    TeamMemberFactory(application=stranger_team, personal_number="01001077777")
    with translation.override("en"):
        flags = services.system_conflicts(seat, proposal_for(application))
    assert flags == ["You are registered in the same household as a member of this team."]
    assert services.system_conflicts(seat, proposal_for(stranger_team)) == []
