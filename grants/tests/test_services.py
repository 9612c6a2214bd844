"""Services: illegal transitions, denied actors, audit rows."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from accounts.navigation import items_for
from accounts.roles import Role, roles_of
from accounts.tests.factories import UserFactory
from grants import services
from grants.models import Application, CycleEvent, GrantCycle, Review
from grants.tests.factories import (
    ApplicationFactory,
    CommitteeMembershipFactory,
    GrantCycleFactory,
    committee_cycle,
    proposal_for,
)
from hubs.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def _cycle_fields(**overrides):
    today = timezone.localdate()
    return {
        "name_ka": "ციკლი",
        "name_en": "Cycle",
        "call_opens": today,
        "call_closes": today + datetime.timedelta(days=30),
        "budget": Decimal("100000"),
        "ceiling": Decimal("20000"),
    } | overrides


def test_officer_creates_a_cycle_with_an_audit_row(officer):
    cycle = services.cycle_create(acting_user=officer, **_cycle_fields())
    assert cycle.tie_breaks[0] == "vulnerability" and cycle.target_awards == 6
    assert CycleEvent.objects.get(cycle=cycle).actor == officer


def test_a_cycle_needs_at_least_six_awards_and_a_ceiling_within_the_budget(officer):
    with pytest.raises(ValidationError):
        services.cycle_create(acting_user=officer, **_cycle_fields(target_awards=5))
    with pytest.raises(ValidationError):
        services.cycle_create(acting_user=officer, **_cycle_fields(ceiling=Decimal("200000")))


def test_only_officers_run_cycles(counsellor, committee_member, officer):
    for user in (counsellor, committee_member):
        with pytest.raises(PermissionDenied):
            services.cycle_create(acting_user=user, **_cycle_fields())
    cycle = GrantCycleFactory(status=GrantCycle.Status.DRAFT)
    with pytest.raises(PermissionDenied):
        services.cycle_transition(cycle=cycle, to_status=GrantCycle.Status.CALL_OPEN, acting_user=counsellor)


def test_illegal_cycle_transitions_are_refused(officer):
    cycle = GrantCycleFactory(status=GrantCycle.Status.DRAFT)
    with pytest.raises(ValidationError):
        services.cycle_transition(cycle=cycle, to_status=GrantCycle.Status.REVIEW, acting_user=officer)
    review = GrantCycleFactory(status=GrantCycle.Status.REVIEW)
    with pytest.raises(ValidationError):  # only the chair decides
        services.cycle_transition(cycle=review, to_status=GrantCycle.Status.DECIDED, acting_user=officer)


def test_review_needs_criteria_a_chair_a_rapporteur_and_three_scorers(officer):
    cycle = GrantCycleFactory(status=GrantCycle.Status.MENTORING)
    with pytest.raises(ValidationError) as refusal:
        services.cycle_transition(cycle=cycle, to_status=GrantCycle.Status.REVIEW, acting_user=officer)
    assert len(refusal.value.messages) == 4


def test_committee_seat_gives_the_committee_role_and_the_menu_entry(officer):
    person = UserFactory()
    cycle = GrantCycleFactory()
    assert Role.COMMITTEE not in roles_of(person)
    services.committee_member_add(cycle=cycle, user=person, role="member", acting_user=officer)
    person = type(person).objects.get(pk=person.pk)
    assert Role.COMMITTEE in roles_of(person)
    assert any(item["url"] == "/grants/" for item in items_for(person))
    with pytest.raises(ValidationError):  # one seat per cycle
        services.committee_member_add(cycle=cycle, user=person, role="chair", acting_user=officer)


def test_an_observer_or_a_non_member_cannot_score(committee_member, world):
    observer = UserFactory()
    cycle = committee_cycle(chair=UserFactory(), members=[committee_member])
    CommitteeMembershipFactory(cycle=cycle, user=observer, role="observer")
    proposal = proposal_for(ApplicationFactory(cycle=cycle, status=Application.Status.IN_REVIEW))
    for user in (observer, world.user("officer")):
        with pytest.raises(PermissionDenied):
            services.review_for(proposal=proposal, acting_user=user)


def test_a_member_cannot_act_on_another_members_review(committee_member, conflicted_member):
    cycle = committee_cycle(chair=UserFactory(), members=[committee_member, conflicted_member])
    proposal = proposal_for(ApplicationFactory(cycle=cycle, status=Application.Status.IN_REVIEW))
    review = services.review_for(proposal=proposal, acting_user=committee_member)
    with pytest.raises(PermissionDenied):
        services.review_confirm_no_conflict(review=review, acting_user=conflicted_member)


def test_scoring_before_the_conflict_step_and_after_recusal_is_refused(committee_member):
    cycle = committee_cycle(chair=UserFactory(), members=[committee_member], criteria=1)
    proposal = proposal_for(ApplicationFactory(cycle=cycle, status=Application.Status.IN_REVIEW))
    review = services.review_for(proposal=proposal, acting_user=committee_member)
    criterion = cycle.criteria.get()
    with pytest.raises(ValidationError):  # no score before the conflict step
        services.score_save(review=review, criterion_id=criterion.pk, value=3, comment="", acting_user=committee_member)
    services.review_declare_conflict(review=review, note="neighbour", acting_user=committee_member)
    with pytest.raises(ValidationError):
        services.review_confirm_no_conflict(review=review, acting_user=committee_member)
    assert Review.objects.get(pk=review.pk).status == Review.Status.RECUSED


def test_scoring_closes_only_by_the_chair_or_an_officer_and_then_refuses_scores(committee_member):
    chair = UserFactory()
    cycle = committee_cycle(chair=chair, members=[committee_member], criteria=1)
    proposal = proposal_for(ApplicationFactory(cycle=cycle, status=Application.Status.IN_REVIEW))
    review = services.review_for(proposal=proposal, acting_user=committee_member)
    services.review_confirm_no_conflict(review=review, acting_user=committee_member)
    with pytest.raises(PermissionDenied):
        services.scoring_close(cycle=cycle, acting_user=committee_member)
    services.scoring_close(cycle=cycle, acting_user=chair)
    with pytest.raises(PermissionDenied):
        services.score_save(
            review=review, criterion_id=cycle.criteria.get().pk, value=3, comment="", acting_user=committee_member
        )


def test_a_plain_member_cannot_record_decisions_or_consensus(committee_member):
    cycle = committee_cycle(chair=UserFactory(), members=[committee_member], criteria=1)
    GrantCycle.objects.filter(pk=cycle.pk).update(scoring_closed_at=timezone.now())
    proposal = proposal_for(ApplicationFactory(cycle=cycle, status=Application.Status.IN_REVIEW))
    with pytest.raises(PermissionDenied):
        services.decision_record(proposal=proposal, outcome="selected", acting_user=committee_member)
    with pytest.raises(PermissionDenied):
        services.consensus_save(proposal=proposal, text="x", minority_views="", acting_user=committee_member)


def test_undecided_proposals_block_deciding_the_cycle(committee_member):
    chair = UserFactory()
    cycle = committee_cycle(chair=chair, members=[committee_member], criteria=1)
    GrantCycle.objects.filter(pk=cycle.pk).update(scoring_closed_at=timezone.now())
    proposal_for(ApplicationFactory(cycle=cycle, status=Application.Status.IN_REVIEW))
    with pytest.raises(ValidationError):
        services.cycle_decide(cycle=cycle, acting_user=chair)


def test_team_member_linked_to_a_beneficiary_takes_the_registered_data(officer):
    from reintegration.tests import factories as rf

    person = rf.BeneficiaryFactory(sex="female", category="returnee", birth_year=timezone.localdate().year - 25)
    cycle = GrantCycleFactory(status=GrantCycle.Status.CALL_OPEN)
    application = services.application_create(
        cycle=cycle,
        acting_user=officer,
        members=[{"beneficiary": person, "full_name": "", "sex": "male", "age": 0}],
        team_name="t",
        team_type="collective",
        business_idea="b",
        municipality=MunicipalityFactory(),
        requested_amount=Decimal("1000"),
    )
    member = application.members.get()
    assert (member.full_name, member.sex, member.age, member.is_returnee) == (person.name_ka, "female", 25, True)
    assert "youth" in member.vulnerabilities


def test_officer_sets_the_tie_break_order_through_the_form_and_a_decided_cycle_refuses_the_edit(client_for, officer):
    from django.urls import reverse

    from grants.forms import CycleForm

    cycle = GrantCycleFactory(status=GrantCycle.Status.MENTORING)
    form = CycleForm(instance=cycle)
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["municipalities"] = []
    data |= {"tie_break_1": "gender_balance", "tie_break_2": "vulnerability", "tie_break_3": "", "tie_break_4": ""}
    data |= {
        "call_opens": cycle.call_opens.isoformat(),
        "call_closes": cycle.call_closes.isoformat(),
        "name_ka": "ახალი",
    }
    data.pop("monitoring_visit_required", None)
    client = client_for(officer)
    assert client.post(reverse("grants:cycle-edit", args=[cycle.pk]), data).status_code == 302
    cycle.refresh_from_db()
    assert cycle.tie_breaks == ["gender_balance", "vulnerability"] and cycle.name_ka == "ახალი"
    assert not cycle.monitoring_visit_required
    GrantCycle.objects.filter(pk=cycle.pk).update(status=GrantCycle.Status.DECIDED)
    response = client.post(reverse("grants:cycle-edit", args=[cycle.pk]), data | {"name_ka": "შეცვლილი"})
    cycle.refresh_from_db()
    assert response.status_code == 200 and cycle.name_ka == "ახალი"


def test_review_needs_as_many_scorers_as_the_named_threshold(officer):
    from grants.services.cycles import MIN_VOTING_MEMBERS
    from grants.tests.factories import committee_cycle

    members = [UserFactory() for _ in range(MIN_VOTING_MEMBERS - 3)]  # one short: the chair and rapporteur score too
    cycle = committee_cycle(
        chair=UserFactory(), rapporteur=UserFactory(), members=members, status=GrantCycle.Status.MENTORING
    )
    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        services.cycle_transition(cycle=cycle, to_status=GrantCycle.Status.REVIEW, acting_user=officer)
    assert refusal.value.messages == [f"The committee needs at least {MIN_VOTING_MEMBERS} members who score."]
    services.committee_member_add(cycle=cycle, user=UserFactory(), role="member", acting_user=officer)
    cycle = services.cycle_transition(cycle=cycle, to_status=GrantCycle.Status.REVIEW, acting_user=officer)
    assert cycle.status == GrantCycle.Status.REVIEW
