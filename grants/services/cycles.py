"""Grant cycles: creation, criteria, committee seats and the status workflow."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.refusals import authorize
from accounts.services import email_queue, user_invite

from .. import permissions
from ..defaults import default_criteria
from ..models import CommitteeMembership, Criterion, GrantCycle
from .common import check_transition, check_unlocked, event

__all__ = [
    "committee_member_add",
    "committee_member_invite",
    "criterion_add",
    "cycle_create",
    "cycle_transition",
    "cycle_update",
]

MIN_VOTING_MEMBERS = 3  # a committee scores with at least this many voting members


@transaction.atomic
def cycle_create(*, acting_user, municipalities=(), **fields) -> GrantCycle:
    authorize(permissions.can_manage_cycles(acting_user))
    cycle = GrantCycle(**fields)
    cycle.full_clean()
    cycle.save()
    cycle.municipalities.set(municipalities)
    event(cycle, actor=acting_user, action="created", to_status=cycle.status)
    _add_default_criteria(cycle)
    return cycle


def _add_default_criteria(cycle: GrantCycle) -> None:
    """The kind's default criteria from the reference data, copied so later edits stay per cycle."""
    criteria = [Criterion(cycle=cycle, order=order, **fields) for order, fields in
                enumerate(default_criteria(cycle.kind), start=1)]  # fmt: skip
    for criterion in criteria:
        criterion.full_clean()
    Criterion.objects.bulk_create(criteria)


@transaction.atomic
def cycle_update(*, cycle: GrantCycle, acting_user, municipalities=None, **fields) -> GrantCycle:
    cycle = GrantCycle.objects.select_for_update().get(pk=cycle.pk)
    authorize(permissions.can_manage_cycles(acting_user))
    check_unlocked(cycle)
    for name, value in fields.items():
        setattr(cycle, name, value)
    cycle.full_clean()
    cycle.save(update_fields=list(fields))
    if municipalities is not None:
        cycle.municipalities.set(municipalities)
    event(cycle, actor=acting_user, action="updated")
    return cycle


def _ready_for_review(cycle: GrantCycle) -> None:
    seats = cycle.committee.active()
    problems = []
    if not cycle.criteria.exists():
        problems.append(_("The cycle has no criteria."))
    if not seats.filter(role=CommitteeMembership.Role.CHAIR).exists():
        problems.append(_("The committee has no chair."))
    if not seats.filter(role=CommitteeMembership.Role.RAPPORTEUR).exists():
        problems.append(_("The committee has no rapporteur."))
    if seats.voting().count() < MIN_VOTING_MEMBERS:
        problems.append(_("The committee needs at least %(min)s members who score.") % {"min": MIN_VOTING_MEMBERS})
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def cycle_transition(*, cycle: GrantCycle, to_status: str, acting_user, note: str = "") -> GrantCycle:
    """Officers move a cycle through its workflow; deciding goes through committee.cycle_decide."""
    cycle = GrantCycle.objects.select_for_update().get(pk=cycle.pk)
    authorize(permissions.can_manage_cycles(acting_user))
    if cycle.status == to_status:
        return cycle
    check_transition(GrantCycle.TRANSITIONS, cycle.status, to_status, GrantCycle.Status)
    if to_status == GrantCycle.Status.DECIDED:
        raise ValidationError(_("Only the chair decides a cycle, after recording every decision."))
    if to_status == GrantCycle.Status.REVIEW:
        _ready_for_review(cycle)
    from_status, cycle.status = cycle.status, to_status
    cycle.full_clean()
    cycle.save(update_fields=["status"])
    event(cycle, actor=acting_user, action="status", from_status=from_status, to_status=to_status, note=note)
    if to_status == GrantCycle.Status.REVIEW:
        _notify_seats(cycle, cycle.committee.active().voting(), scoring_opens=True)
    return cycle


def _notify_seats(cycle: GrantCycle, seats, *, scoring_opens: bool) -> None:
    """Each person in their own language: seated on the committee, or scoring is open."""
    for seat in seats.select_related("user"):
        with translation.override(seat.user.preferred_language or "ka"):
            if scoring_opens:
                subject = _("Scoring is open: “%(cycle)s”") % {"cycle": cycle.name}
                body = _("The committee review of “%(cycle)s” has started. Sign in to score your proposals.")
            else:
                subject = _("You have a seat on the committee of “%(cycle)s”") % {"cycle": cycle.name}
                body = _("You sit on the Grant Selection Committee of “%(cycle)s” as %(role)s.")
            body = body % {"cycle": cycle.name, "role": seat.get_role_display()}
        email_queue(subject=str(subject), body=str(body), to=[seat.user.email])


@transaction.atomic
def criterion_add(*, cycle: GrantCycle, acting_user, **fields) -> Criterion:
    cycle = GrantCycle.objects.select_for_update().get(pk=cycle.pk)
    authorize(permissions.can_manage_cycles(acting_user))
    check_unlocked(cycle)
    if cycle.status == GrantCycle.Status.REVIEW:
        raise ValidationError(_("Criteria cannot change once the committee review has started."))
    fields.setdefault("order", cycle.criteria.count() + 1)
    criterion = Criterion(cycle=cycle, **fields)
    criterion.full_clean()
    criterion.save()
    event(cycle, actor=acting_user, action="criterion_added", note=criterion.name_en)
    return criterion


@transaction.atomic
def committee_member_add(*, cycle: GrantCycle, user, role: str, acting_user, start_date=None, **fields):
    cycle = GrantCycle.objects.select_for_update().get(pk=cycle.pk)
    authorize(permissions.can_manage_cycles(acting_user))
    check_unlocked(cycle)
    seat = CommitteeMembership(
        cycle=cycle, user=user, role=role, start_date=start_date or timezone.localdate(), **fields
    )
    seat.full_clean()
    seat.save()
    event(cycle, actor=acting_user, action="member_added", note=seat.get_role_display())
    _notify_seats(cycle, CommitteeMembership.objects.filter(pk=seat.pk), scoring_opens=False)
    return seat


@transaction.atomic
def committee_member_invite(
    *, cycle: GrantCycle, email: str, full_name: str, role: str, acting_user, base_url: str, **fields
) -> CommitteeMembership:
    """Seat a person who has no account yet: they get an invitation link, like hub staff."""
    authorize(permissions.can_manage_cycles(acting_user))
    check_unlocked(cycle)
    user = user_invite(email=email, full_name=full_name, acting_user=acting_user, base_url=base_url)
    return committee_member_add(cycle=cycle, user=user, role=role, acting_user=acting_user, **fields)
