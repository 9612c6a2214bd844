"""Reads of the grants app, starting from the user's scope."""

from collections import defaultdict

from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from reintegration.selectors import Person, shares_a_household

from . import permissions
from .models import Application, CommitteeMembership, GrantCycle, Proposal, Review, Score
from .ranking import CriterionSpec, ProposalSpec, Ranked, aggregate, rank
from .subjects import committee_subject


def criterion_specs(cycle: GrantCycle) -> list[CriterionSpec]:
    return [CriterionSpec(c.pk, c.name, c.weight, c.minimum) for c in cycle.criteria.all()]


def proposal_spec(proposal: Proposal) -> ProposalSpec:
    return ProposalSpec(
        pk=proposal.pk,
        reference=proposal.reference,
        requested_amount=proposal.requested_amount,
        vulnerability_priority=proposal.vulnerability_priority,
        women_share=proposal.women_share,
        municipality=str(proposal.municipality_id or ""),
    )


def cycle_aggregates(cycle: GrantCycle, proposals=None) -> dict[int, object]:
    """Aggregates of every proposal of the cycle (or the given ones), in three queries."""
    criteria = criterion_specs(cycle)
    proposals = list(proposals if proposals is not None else cycle.proposals.all())
    values: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    counted: dict[int, int] = defaultdict(int)
    scores = Score.objects.filter(
        review__proposal__in=proposals, review__status=Review.Status.SUBMITTED, value__isnull=False
    ).values_list("review__proposal_id", "criterion_id", "value")
    for proposal_id, criterion_id, value in scores:
        values[proposal_id][criterion_id].append(value)
    reviews = Review.objects.counted().filter(proposal__in=proposals).values("proposal_id").annotate(n=Count("pk"))
    for row in reviews:
        counted[row["proposal_id"]] = row["n"]
    return {
        p.pk: aggregate(
            proposal_spec(p),
            criteria,
            values[p.pk],
            counted=counted[p.pk],
            total_minimum=cycle.total_minimum,
            disagreement_spread=cycle.disagreement_spread,
        )
        for p in proposals
    }


def proposal_aggregate(cycle: GrantCycle, proposal: Proposal, reviews: list[Review]):
    """The proposal's aggregate from its reviews as ``reviews_of`` reads them (scores prefetched):
    the same figures as ``cycle_aggregates`` gives for it, without reading the scores again."""
    counted = [r for r in reviews if r.status == Review.Status.SUBMITTED]
    values: dict[int, list[int]] = defaultdict(list)
    for review in counted:
        for score in review.scores.all():
            if score.value is not None:
                values[score.criterion_id].append(score.value)
    return aggregate(
        proposal_spec(proposal),
        criterion_specs(cycle),
        values,
        counted=len(counted),
        total_minimum=cycle.total_minimum,
        disagreement_spread=cycle.disagreement_spread,
    )


def cycle_ranking(cycle: GrantCycle) -> list[Ranked]:
    aggregates = cycle_aggregates(cycle)
    return rank(
        list(aggregates.values()),
        budget=cycle.budget,
        tie_breaks=cycle.tie_breaks,
        criterion_pk=cycle.tie_break_criterion_id,
    )


def cycles_for_list(user):
    return permissions.cycles_visible_to(user).for_list()


def seats_for_cycle(cycle: GrantCycle):
    return cycle.committee.select_related("user").order_by("role", "user__full_name")


def proposals_for_cycle(cycle: GrantCycle, user):
    """The cycle's proposals with the user's own review attached as ``my_reviews``.

    The counts of reviews are correlated subqueries, not joins: the list is paginated, so they are
    computed for the rows of one page only, and counting the list does not join the reviews."""
    seat = permissions.seat_in(user, cycle)
    mine = Review.objects.filter(membership=seat) if seat else Review.objects.none()

    def reviews_with(status):
        counted = Review.objects.filter(proposal=OuterRef("pk"), status=status).order_by()
        return Subquery(counted.values("proposal").annotate(n=Count("pk")).values("n")[:1])

    return (
        cycle.proposals.for_list()
        .annotate(
            submitted_count=Coalesce(reviews_with(Review.Status.SUBMITTED), 0),
            recused_count=Coalesce(reviews_with(Review.Status.RECUSED), 0),
        )
        .prefetch_related(Prefetch("reviews", queryset=mine, to_attr="my_reviews"))
        .order_by("reference", "pk")
    )


def reviews_of(proposal: Proposal):
    return (
        proposal.reviews.select_related("membership__user")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
        .order_by("membership__role", "membership__user__full_name")
    )


def applications_for_list(user):
    return permissions.applications_visible_to(user).for_list()


def committee_view_of(proposal: Proposal) -> dict:
    """What a committee member may read about a proposal: team composition and the plan only."""
    subject = proposal.subject
    registered = committee_subject(subject)
    if registered.committee_template:
        context = registered.committee_context(subject) if registered.committee_context else {}
        return {"subject": subject, "subject_template": registered.committee_template, **context}
    if isinstance(subject, Application):
        return {
            "application": subject,
            "members": list(subject.members.all()),
            "plan": subject.plan_versions.filter(is_final=True)
            .prefetch_related("budget_lines", "milestones")
            .order_by("-number")
            .first(),
        }
    return {}


def minutes_context(cycle: GrantCycle) -> dict:
    """Everything the minutes say, read from the record."""
    ranked = cycle_ranking(cycle)
    proposals = {p.pk: p for p in cycle.proposals.for_list()}
    reviews = Review.objects.filter(proposal__cycle=cycle).select_related("membership__user", "proposal")
    return {
        "cycle": cycle,
        "seats": list(seats_for_cycle(cycle)),
        "criteria": list(cycle.criteria.all()),
        "rows": [(item, proposals[item.proposal.pk]) for item in ranked],
        "recusals": [r for r in reviews if r.status == Review.Status.RECUSED],
        "abstentions": [r for r in reviews if r.status == Review.Status.ABSTAINED],
        "departures": [p for p in proposals.values() if hasattr(p, "decision") and p.decision.departs_from_ranking],
    }


def feedback_context(proposal: Proposal) -> dict:
    """Per-criterion feedback for one applicant: means against minimums and the consensus, no names."""
    cycle = proposal.cycle
    item = next(r for r in cycle_ranking(cycle) if r.proposal.pk == proposal.pk)
    comments = defaultdict(list)
    for score in Score.objects.filter(review__proposal=proposal, review__status=Review.Status.SUBMITTED).exclude(
        comment=""
    ):
        comments[score.criterion_id].append(score.comment)
    return {
        "cycle": cycle,
        "proposal": proposal,
        "item": item,
        "comments": [(result, comments[result.criterion.pk]) for result in item.aggregate.criteria],
        "consensus": getattr(proposal, "consensus", None),
        "decision": getattr(proposal, "decision", None),
    }


def plan_diff(old, new) -> dict:
    """What changed between two plan versions: budget lines by item, milestones by title."""
    old_lines = {line.item: line for line in old.budget_lines.all()}
    new_lines = {line.item: line for line in new.budget_lines.all()}
    fields = ("grant_amount", "own_contribution", "co_funding")
    changed = [
        (item, old_lines[item], new_lines[item])
        for item in old_lines.keys() & new_lines.keys()
        if any(getattr(old_lines[item], f) != getattr(new_lines[item], f) for f in fields)
    ]
    old_ms = {m.title: m.month for m in old.milestones.all()}
    new_ms = {m.title: m.month for m in new.milestones.all()}
    return {
        "summary_changed": old.summary != new.summary,
        "lines_added": [new_lines[i] for i in sorted(new_lines.keys() - old_lines.keys())],
        "lines_removed": [old_lines[i] for i in sorted(old_lines.keys() - new_lines.keys())],
        "lines_changed": sorted(changed, key=lambda row: row[0]),
        "milestones_added": sorted((t, m) for t, m in new_ms.items() if t not in old_ms),
        "milestones_removed": sorted((t, m) for t, m in old_ms.items() if t not in new_ms),
        "milestones_moved": sorted(
            (t, old_ms[t], new_ms[t]) for t in old_ms.keys() & new_ms.keys() if old_ms[t] != new_ms[t]
        ),
        "old_total": sum((line.grant_amount for line in old_lines.values()), 0),
        "new_total": sum((line.grant_amount for line in new_lines.values()), 0),
    }


def case_panel_context(case, user) -> dict | None:
    """The grant applications of the case's person, on the case page (hub staff and officers)."""
    if not permissions.can_see_applications(user):
        return None
    applications = (
        permissions.applications_visible_to(user)
        .filter(members__beneficiary_id=case.beneficiary_id)
        .select_related("cycle")
        .distinct()
    )
    return {"grant_applications": list(applications)}


def application_conflicts(application: Application, seat: CommitteeMembership) -> list[str]:
    """Relationships that bar a committee member from scoring this team (the committee-subject hook)."""
    flags = []
    if application.mentor_assignments.filter(mentor_id=seat.user_id).exists():
        flags.append(_("You mentor this team."))
    if not seat.personal_number:  # the relationships below are found by personal number
        return flags
    members = list(application.members.values_list("beneficiary_id", "personal_number"))
    if any(number == seat.personal_number for _id, number in members):
        flags.append(_("You are a member of this team."))
    elif shares_a_household(Person(personal_number=seat.personal_number), [Person(*member) for member in members]):
        flags.append(_("You are registered in the same household as a member of this team."))
    return flags
