"""The committee's work on any kind of proposal: conflicts, scores, consensus, decisions."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, Value, When
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.refusals import authorize
from accounts.services import email_queue

from .. import permissions
from ..models import Consensus, CycleMinutes, Decision, GrantCycle, Proposal, Review, Score
from ..subjects import committee_subject
from .common import check_transition, check_unlocked, event

__all__ = [
    "consensus_save",
    "cycle_decide",
    "decision_record",
    "next_proposal_for",
    "proposal_create",
    "review_abstain",
    "review_confirm_no_conflict",
    "review_declare_conflict",
    "review_for",
    "review_submit",
    "score_save",
    "pending_reviews",
    "scoring_close",
    "system_conflicts",
]


def system_conflicts(seat, proposal: Proposal) -> list[str]:
    """Relationships the system knows of: the subject's registered kind says which ones bar this member."""
    subject = proposal.subject
    return list(committee_subject(subject).conflicts(subject, seat))


@transaction.atomic
def proposal_create(*, subject, cycle: GrantCycle, acting_user, **fields) -> Proposal:
    """Put a subject (an application, an idea) before the committee of its cycle."""
    cycle = GrantCycle.objects.select_for_update().get(pk=cycle.pk)
    check_unlocked(cycle)
    committee_subject(subject)  # only a registered kind of subject can go before the committee
    if cycle.status not in (GrantCycle.Status.MENTORING, GrantCycle.Status.REVIEW) or cycle.scoring_closed_at:
        raise ValidationError(_("The committee of this cycle takes no more proposals."))
    content_type = ContentType.objects.get_for_model(subject)
    existing = Proposal.objects.filter(content_type=content_type, object_id=subject.pk).first()
    if existing:
        return existing
    proposal = Proposal(cycle=cycle, content_type=content_type, object_id=subject.pk, **fields)
    proposal.full_clean()
    proposal.save()
    event(cycle, actor=acting_user, action="proposal_added", proposal=proposal)
    return proposal


@transaction.atomic
def review_for(*, proposal: Proposal, acting_user) -> Review:
    """The member's review of a proposal, created with the system's conflict flags on first open."""
    authorize(permissions.seat_in(acting_user, proposal.cycle) is not None)
    seat = permissions.seat_in(acting_user, proposal.cycle)
    authorize(seat.votes)
    review, created = Review.objects.get_or_create(proposal=proposal, membership=seat)
    if created:
        flags = system_conflicts(seat, proposal)
        if flags:
            review.system_flags = flags
            review.save(update_fields=["system_flags"])
    return review


def _locked_review(review: Review, acting_user) -> Review:
    review = Review.objects.select_for_update().select_related("proposal__cycle", "membership").get(pk=review.pk)
    authorize(review.membership.user_id == acting_user.pk and permissions.can_review(acting_user, review.proposal))
    return review


def _move(review: Review, to_status: str) -> None:
    check_transition(Review.TRANSITIONS, review.status, to_status, Review.Status)
    review.status = to_status


@transaction.atomic
def review_confirm_no_conflict(*, review: Review, acting_user) -> Review:
    review = _locked_review(review, acting_user)
    if review.status == Review.Status.DRAFT:
        return review
    if review.system_flags:
        raise ValidationError(
            _("The system found a relationship with this proposal; you cannot confirm that there is no conflict.")
        )
    _move(review, Review.Status.DRAFT)
    review.conflict, review.conflict_at = Review.Conflict.NONE, timezone.now()
    review.save(update_fields=["status", "conflict", "conflict_at"])
    criteria = review.proposal.cycle.criteria.all()
    Score.objects.bulk_create([Score(review=review, criterion=c) for c in criteria], ignore_conflicts=True)
    event(review.proposal.cycle, actor=acting_user, action="no_conflict", proposal=review.proposal)
    return review


@transaction.atomic
def review_declare_conflict(*, review: Review, note: str, acting_user) -> Review:
    review = _locked_review(review, acting_user)
    if review.status == Review.Status.RECUSED:
        return review
    if not note.strip() and not review.system_flags:
        raise ValidationError(_("Say briefly what the conflict of interest is."))
    _move(review, Review.Status.RECUSED)
    review.conflict, review.conflict_at = Review.Conflict.DECLARED, timezone.now()
    review.conflict_note = note.strip() or "; ".join(review.system_flags)
    review.save(update_fields=["status", "conflict", "conflict_at", "conflict_note"])
    event(review.proposal.cycle, actor=acting_user, action="recused", proposal=review.proposal)
    return review


@transaction.atomic
def score_save(*, review: Review, criterion_id: int, value: int | None, comment: str, acting_user) -> Score:
    """Saved as the member types; a submitted review no longer changes."""
    review = _locked_review(review, acting_user)
    if review.status != Review.Status.DRAFT:
        raise ValidationError(_("Only a review in progress can be changed."))
    score = Score.objects.select_related("criterion").filter(review=review, criterion_id=criterion_id).first()
    if score is None:  # not this cycle's criterion, or the conflict step is not taken yet
        raise ValidationError(_("Confirm the conflict-of-interest step before scoring."))
    low, high = score.criterion.score_min, score.criterion.score_max
    if value is not None and not low <= value <= high:
        raise ValidationError(_("A score runs from %(low)s to %(high)s.") % {"low": low, "high": high})
    score.value, score.comment = value, comment
    score.save(update_fields=["value", "comment", "updated_at"])
    return score


@transaction.atomic
def review_submit(*, review: Review, acting_user) -> Review:
    review = _locked_review(review, acting_user)
    if review.status == Review.Status.SUBMITTED:
        return review
    _move(review, Review.Status.SUBMITTED)
    missing = [s.criterion.name for s in review.scores.select_related("criterion") if s.value is None]
    if missing or not review.scores.exists():
        raise ValidationError(
            _("Score every criterion before submitting: %(missing)s.") % {"missing": ", ".join(missing)}
        )
    review.submitted_at = timezone.now()
    review.save(update_fields=["status", "submitted_at"])
    event(review.proposal.cycle, actor=acting_user, action="submitted", proposal=review.proposal)
    return review


@transaction.atomic
def review_abstain(*, review: Review, reason: str, acting_user) -> Review:
    review = _locked_review(review, acting_user)
    if review.status == Review.Status.ABSTAINED:
        return review
    _move(review, Review.Status.ABSTAINED)
    if not reason.strip():
        raise ValidationError(_("Give a reason for abstaining."))
    review.abstain_reason = reason.strip()
    review.save(update_fields=["status", "abstain_reason"])
    event(review.proposal.cycle, actor=acting_user, action="abstained", proposal=review.proposal)
    return review


@transaction.atomic
def scoring_close(*, cycle: GrantCycle, acting_user) -> GrantCycle:
    cycle = GrantCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.scoring_closed_at:
        return cycle
    authorize(permissions.can_close_scoring(acting_user, cycle))
    pending = pending_reviews(cycle)
    cycle.scoring_closed_at = timezone.now()
    cycle.save(update_fields=["scoring_closed_at"])
    event(cycle, actor=acting_user, action="scoring_closed", note=str(pending))
    return cycle


def pending_reviews(cycle: GrantCycle) -> int:
    """Reviews still owed: each voting seat on each proposal, less those submitted, recused or abstained."""
    seats = cycle.committee.active().voting().count()
    finished = Review.objects.filter(proposal__cycle=cycle, membership__in=cycle.committee.active().voting())
    finished = finished.exclude(status__in=[Review.Status.PENDING, Review.Status.DRAFT]).count()
    return max(seats * cycle.proposals.count() - finished, 0)


@transaction.atomic
def consensus_save(*, proposal: Proposal, text: str, minority_views: str, acting_user) -> Consensus:
    cycle = GrantCycle.objects.select_for_update().get(pk=proposal.cycle_id)
    check_unlocked(cycle)
    authorize(permissions.can_write_consensus(acting_user, cycle))
    consensus, _created = Consensus.objects.update_or_create(
        proposal=proposal, defaults={"text": text, "minority_views": minority_views, "author": acting_user}
    )
    consensus.full_clean()
    event(cycle, actor=acting_user, action="consensus", proposal=proposal)
    return consensus


@transaction.atomic
def decision_record(*, proposal: Proposal, outcome: str, acting_user, reason: str = "") -> Decision:
    """The chair's decision; departing from what the ranking proposes needs a written reason."""
    from ..selectors import cycle_ranking

    cycle = GrantCycle.objects.select_for_update().get(pk=proposal.cycle_id)
    check_unlocked(cycle)
    authorize(permissions.can_record_decision(acting_user, cycle))
    if outcome not in Decision.Outcome.values:
        raise ValidationError(_("Unknown decision."))
    ranked = next(r for r in cycle_ranking(cycle) if r.proposal.pk == proposal.pk)
    if outcome != ranked.outcome and not reason.strip():
        raise ValidationError(_("This departs from the ranking: write the reason for it."))
    decision, _created = Decision.objects.update_or_create(
        proposal=proposal,
        defaults={
            "outcome": outcome,
            "ranked_outcome": ranked.outcome,
            "ranked_position": ranked.position,
            "weighted_total": ranked.aggregate.total,
            "explanation": "\n".join(str(line) for line in ranked.explanation),
            "departure_reason": reason.strip() if outcome != ranked.outcome else "",
            "decided_by": acting_user,
        },
    )
    event(cycle, actor=acting_user, action="decision", proposal=proposal, to_status=outcome, note=reason)
    return decision


@transaction.atomic
def cycle_decide(*, cycle: GrantCycle, acting_user) -> GrantCycle:
    """The chair closes the cycle's review: every proposal decided, then the cycle is locked."""
    cycle = GrantCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status == GrantCycle.Status.DECIDED:
        return cycle
    authorize(permissions.can_record_decision(acting_user, cycle))
    check_transition(GrantCycle.TRANSITIONS, cycle.status, GrantCycle.Status.DECIDED, GrantCycle.Status)
    undecided = cycle.proposals.filter(decision__isnull=True).values_list("reference", flat=True)
    if undecided:
        raise ValidationError(
            _("Record a decision on every proposal first: %(refs)s.") % {"refs": ", ".join(undecided)}
        )
    # Each subject follows its decision (its own transitions and event rows) before the cycle locks.
    for proposal in cycle.proposals.select_related("decision", "content_type").prefetch_related("subject"):
        committee_subject(proposal.subject).decided(
            proposal.subject, outcome=proposal.decision.outcome, acting_user=acting_user
        )
    from_status = cycle.status
    cycle.status, cycle.decided_at = GrantCycle.Status.DECIDED, timezone.now()
    cycle.save(update_fields=["status", "decided_at"])
    event(cycle, actor=acting_user, action="status", from_status=from_status, to_status=cycle.status)
    _store_minutes(cycle)
    _notify_decided(cycle)
    return cycle


def _store_minutes(cycle: GrantCycle) -> None:
    """Render the minutes from the record as it stands at decision time, once per language."""
    from ..selectors import minutes_context

    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            body = render_to_string("grants/_minutes_body.html", minutes_context(cycle))
        CycleMinutes.objects.get_or_create(cycle=cycle, language=language, defaults={"body": body})


def next_proposal_for(*, cycle: GrantCycle, user, after: Proposal | None = None) -> Proposal | None:
    """The next proposal of the cycle still waiting for this member's review, in reference order."""
    seat = permissions.seat_in(user, cycle)
    if seat is None or not seat.votes:
        return None
    done = Review.objects.filter(membership=seat).exclude(status__in=[Review.Status.PENDING, Review.Status.DRAFT])
    waiting = cycle.proposals.exclude(pk__in=done.values("proposal_id")).order_by("reference")
    if after is not None:  # the next one after it in reference order, else the first one before it (one query)
        later = Case(When(reference__gt=after.reference, then=Value(0)), default=Value(1))
        return waiting.exclude(pk=after.pk).annotate(_later=later).order_by("_later", "reference").first()
    return waiting.first()


def _notify_decided(cycle: GrantCycle) -> None:
    emails = list(cycle.committee.active().values_list("user__email", flat=True))
    subject = _("The committee's decisions on “%(cycle)s” are recorded") % {"cycle": cycle.name}
    body = _("The cycle is now locked. The minutes are available on the cycle's page.")
    email_queue(subject=str(subject), body=str(body), to=emails)
