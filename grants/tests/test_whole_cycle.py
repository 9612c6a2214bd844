"""A whole cycle from the call to the award: three members, one recused, one abstaining.

Hand-computed expectations (criteria A weight 2 minimum 3, B weight 1 minimum 3, C weight 1
minimum 2; weighted total = (2A + B + C) / 4; total minimum 3.00; budget 45,000 GEL):

P1 20,000  chair 5/4/4, rapporteur 4/4/5, member recused -> A 4.5 B 4 C 4.5 -> 17.5/4 = 4.38
P2 15,000  chair 4/4/4, rapporteur abstains, member 4/4/4 -> 4.00, vulnerability 1
P3 15,000  everyone 4/4/4                                  -> 4.00, vulnerability 3 (ahead of P2)
P4 10,000  A 5, B 2/3/3 -> 2.67 < 3, C 5: total 17.67/4 = 4.42 -> rejected all the same (criterion)
P5 10,000  everyone 3/3/2                                  -> 11/4 = 2.75 < 3 -> rejected (total)
P6 12,000  A 1/5/4 (spread 4: disagreement), B 4, C 4      -> (6.67+4+4)/4 = 3.67
Ranking: P1 (20,000), P3 (35,000), then the line: 10,000 left does not cover P2's 15,000;
P2 and P6 on the reserve list; P4 and P5 rejected.
"""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from accounts.templatetags.money import gel
from accounts.tests.factories import UserFactory, officer
from grants import services
from grants.models import Application, CommitteeMembership, Criterion, Decision, GrantCycle, Review, TieBreak
from grants.selectors import cycle_ranking
from hubs.tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

SCORES = {
    "P1": {"chair": (5, 4, 4), "rapporteur": (4, 4, 5), "member": "recuse"},
    "P2": {"chair": (4, 4, 4), "rapporteur": "abstain", "member": (4, 4, 4)},
    "P3": {"chair": (4, 4, 4), "rapporteur": (4, 4, 4), "member": (4, 4, 4)},
    "P4": {"chair": (5, 2, 5), "rapporteur": (5, 3, 5), "member": (5, 3, 5)},
    "P5": {"chair": (3, 3, 2), "rapporteur": (3, 3, 2), "member": (3, 3, 2)},
    "P6": {"chair": (1, 4, 4), "rapporteur": (5, 4, 4), "member": (4, 4, 4)},
}
AMOUNTS = {"P1": "20000", "P2": "15000", "P3": "15000", "P4": "10000", "P5": "10000", "P6": "12000"}
YOUTH = {"P2": 1, "P3": 3, "P6": 1}


@pytest.fixture(autouse=True)
def _english():
    """Explanations are asserted in English."""
    with translation.override("en"):
        yield


def _cycle(staff, municipality):
    cycle = services.cycle_create(
        acting_user=staff,
        municipalities=[municipality],
        name_ka="ბიზნეს გრანტები 2026",
        name_en="Business grants 2026",
        call_opens=timezone.localdate() - datetime.timedelta(days=150),
        call_closes=timezone.localdate() - datetime.timedelta(days=120),
        budget=D("45000"),
        ceiling=D("20000"),
        target_awards=6,
    )
    for name, weight, minimum in [("A", 2, 3), ("B", 1, 3), ("C", 1, 2)]:
        services.criterion_add(
            cycle=cycle, acting_user=staff, name_ka=name, name_en=name, weight=D(weight), minimum=D(minimum)
        )
    return cycle


def _application(cycle, staff, reference, municipality):
    members = [
        {
            "full_name": f"{reference} {i}",
            "sex": "male",
            "age": 25 if i < YOUTH.get(reference, 0) else 45,
            "is_returnee": True,
        }
        for i in range(3)
    ]
    application = services.application_create(
        cycle=cycle,
        acting_user=staff,
        members=members,
        reference=reference,
        team_name=f"Team {reference}",
        team_type=Application.TeamType.COLLECTIVE,
        business_idea="სასტუმრო სახლი",
        municipality=municipality,
        requested_amount=D(AMOUNTS[reference]),
    )
    services.application_submit(application=application, acting_user=staff)
    return services.application_screen(application=application, acting_user=staff)


def _mentor(application, staff, mentor):
    services.mentor_assign(application=application, mentor=mentor, acting_user=staff)
    start = timezone.localdate() - datetime.timedelta(days=70)
    for day in (start, start + datetime.timedelta(days=62)):
        services.session_record(application=application, acting_user=mentor, date=day, duration_minutes=90, topics="x")
    services.plan_version_create(
        application=application,
        acting_user=mentor,
        summary="final",
        is_final=True,
        budget_lines=[{"item": "equipment", "grant_amount": application.requested_amount}],
        milestones=[{"title": "opened", "month": 3}],
    )


def test_whole_cycle_from_call_to_award_matches_hand_computed_ranking(django_capture_on_commit_callbacks, mailoutbox):
    staff = officer()
    municipality = MunicipalityFactory()
    people = {role: UserFactory() for role in ("chair", "rapporteur", "member")}
    mentor = UserFactory()
    cycle = _cycle(staff, municipality)
    services.cycle_transition(cycle=cycle, to_status=GrantCycle.Status.CALL_OPEN, acting_user=staff)
    applications = {ref: _application(cycle, staff, ref, municipality) for ref in SCORES}
    assert applications["P3"].vulnerability_priority == 3 and "3 of 3" in applications["P3"].vulnerability_rule
    services.cycle_transition(cycle=cycle, to_status=GrantCycle.Status.MENTORING, acting_user=staff)
    for role, person in people.items():
        services.committee_member_add(cycle=cycle, user=person, role=role, acting_user=staff)
    for application in applications.values():
        _mentor(application, staff, mentor)
        services.application_send_to_committee(application=application, acting_user=staff)
    GrantCycle.objects.filter(pk=cycle.pk).update(tie_break_criterion=cycle.criteria.get(name_en="A"))
    services.cycle_transition(cycle=cycle, to_status=GrantCycle.Status.REVIEW, acting_user=staff)
    cycle.refresh_from_db()
    assert cycle.tie_breaks[0] == TieBreak.VULNERABILITY
    criteria = list(cycle.criteria.all())

    for reference, by_role in SCORES.items():
        proposal = cycle.proposals.get(reference=reference)
        for role, scores in by_role.items():
            user = people[role]
            review = services.review_for(proposal=proposal, acting_user=user)
            if scores == "recuse":
                services.review_declare_conflict(review=review, note="my cousin is on the team", acting_user=user)
                continue
            services.review_confirm_no_conflict(review=review, acting_user=user)
            if scores == "abstain":
                services.review_abstain(review=review, reason="not my field", acting_user=user)
                continue
            for criterion, value in zip(criteria, scores, strict=True):
                services.score_save(review=review, criterion_id=criterion.pk, value=value, comment="", acting_user=user)
            services.review_submit(review=review, acting_user=user)

    services.scoring_close(cycle=cycle, acting_user=people["chair"])
    cycle.refresh_from_db()
    ranked = {r.proposal.reference: r for r in cycle_ranking(cycle)}
    assert [ref for ref, r in sorted(ranked.items(), key=lambda i: (i[1].position or 99, i[0]))] == [
        "P1",
        "P3",
        "P2",
        "P6",
        "P4",
        "P5",
    ]
    assert {ref: r.aggregate.total for ref, r in ranked.items()} == {
        "P1": D("4.38"),
        "P2": D("4.00"),
        "P3": D("4.00"),
        "P4": D("4.42"),
        "P5": D("2.75"),
        "P6": D("3.67"),
    }
    assert ranked["P1"].aggregate.counted == 2 and ranked["P2"].aggregate.counted == 2
    assert {ref: r.outcome for ref, r in ranked.items()} == {
        "P1": "selected",
        "P3": "selected",
        "P2": "reserve",
        "P6": "reserve",
        "P4": "rejected",
        "P5": "rejected",
    }
    assert "vulnerability" in " ".join(ranked["P3"].explanation)
    assert any(gel(D("10000")) in line and gel(D("15000")) in line for line in ranked["P2"].explanation)
    assert ranked["P6"].aggregate.disagreement and not ranked["P3"].aggregate.disagreement
    assert "B" in ranked["P4"].explanation[0] and "2.75" in ranked["P5"].explanation[0]

    chair = people["chair"]
    p6 = cycle.proposals.get(reference="P6")
    with pytest.raises(ValidationError):
        services.decision_record(proposal=p6, outcome=Decision.Outcome.SELECTED, acting_user=chair)
    services.consensus_save(
        proposal=p6, text="Strong plan", minority_views="One member doubts the market", acting_user=people["rapporteur"]
    )
    for reference, item in ranked.items():
        services.decision_record(
            proposal=cycle.proposals.get(reference=reference), outcome=item.outcome, acting_user=chair
        )
    decision = services.decision_record(
        proposal=p6, outcome=Decision.Outcome.REJECTED, reason="the market study is missing", acting_user=chair
    )
    assert decision.departs_from_ranking and decision.ranked_outcome == "reserve"
    with django_capture_on_commit_callbacks(execute=True):
        services.cycle_decide(cycle=cycle, acting_user=chair)
    assert len(mailoutbox) == 1 and set(mailoutbox[0].to) == {p.email for p in people.values()}
    cycle.refresh_from_db()
    assert cycle.is_locked and cycle.events.filter(action="status", to_status="decided").exists()

    # A decided cycle refuses edits.
    with pytest.raises(ValidationError):
        services.decision_record(proposal=p6, outcome=Decision.Outcome.RESERVE, reason="x", acting_user=chair)
    with pytest.raises(ValidationError):
        services.cycle_update(cycle=cycle, acting_user=staff, budget=D("90000"))
    with pytest.raises(ValidationError):
        services.criterion_add(cycle=cycle, acting_user=staff, name_ka="D", name_en="D")
    with pytest.raises(ValidationError):
        services.consensus_save(proposal=p6, text="changed", minority_views="", acting_user=people["rapporteur"])

    statuses = dict(Application.objects.values_list("reference", "status"))
    assert statuses == {
        "P1": "selected",
        "P3": "selected",
        "P2": "reserve",
        "P6": "rejected",
        "P4": "rejected",
        "P5": "rejected",
    }
    award = services.award_create(
        application=applications["P1"],
        agreement_date=timezone.localdate(),
        amount=D("20000"),
        tranches=[
            {"milestone": "equipment bought", "amount": D("12000")},
            {"milestone": "opened", "amount": D("8000")},
        ],
        acting_user=staff,
    )
    first = award.tranches.get(number=1)
    with pytest.raises(ValidationError):
        services.tranche_release(tranche=first, acting_user=staff)
    services.tranche_approve_report(tranche=first, report="bought", acting_user=staff)
    with pytest.raises(ValidationError):  # the cycle asks for a monitoring visit
        services.tranche_release(tranche=first, acting_user=staff)
    services.monitoring_visit_record(tranche=first, date=timezone.localdate(), findings="in place", acting_user=staff)
    assert services.tranche_release(tranche=first, acting_user=staff).status == "released"
    services.disbursement_record(
        tranche=first, date=timezone.localdate(), amount=D("12000"), reference="TR-1", acting_user=staff
    )


def test_recused_and_abstaining_members_are_left_out_of_every_figure():
    staff = officer()
    people = [UserFactory() for _ in range(3)]
    from grants.tests.factories import ApplicationFactory, committee_cycle, proposal_for

    cycle = committee_cycle(chair=people[0], rapporteur=people[1], members=[people[2]], criteria=1)
    proposal = proposal_for(ApplicationFactory(cycle=cycle, status=Application.Status.IN_REVIEW))
    criterion = cycle.criteria.get()
    for user, action in zip(people, ["score5", "recuse", "abstain"], strict=True):
        review = services.review_for(proposal=proposal, acting_user=user)
        if action == "recuse":
            services.review_declare_conflict(review=review, note="family", acting_user=user)
            continue
        services.review_confirm_no_conflict(review=review, acting_user=user)
        if action == "abstain":
            services.score_save(review=review, criterion_id=criterion.pk, value=1, comment="", acting_user=user)
            services.review_abstain(review=review, reason="unsure", acting_user=user)
        else:
            services.score_save(review=review, criterion_id=criterion.pk, value=5, comment="", acting_user=user)
            services.review_submit(review=review, acting_user=user)
    (item,) = cycle_ranking(cycle)
    assert item.aggregate.counted == 1 and item.aggregate.total == D("5.00")
    assert Review.objects.filter(status=Review.Status.RECUSED).count() == 1
    assert staff  # officers take no part in the figures
    assert CommitteeMembership.objects.filter(cycle=cycle).count() == 3
    assert Criterion.objects.filter(cycle=cycle).count() == 1
