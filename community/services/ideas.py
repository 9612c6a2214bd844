"""Ideas: the call, the feasibility review, the shortlist, the expert's support, the committee."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.refusals import authorize
from accounts.services import email_queue
from grants.models import GrantCycle
from grants.services import proposal_create

from .. import permissions
from ..models import ExpertAssignment, ExpertMeeting, Idea, IdeaEvent, IdeaPlan
from ._common import idea_move, lock_idea

__all__ = [
    "expert_assign",
    "expert_end",
    "idea_create",
    "idea_feasibility",
    "idea_send_to_committee",
    "idea_shortlist",
    "meeting_add",
    "plan_add",
]


def _reference(cycle: GrantCycle) -> str:
    count = Idea.objects.filter(cycle=cycle).count() + 1
    reference = f"C{cycle.pk}-{count:03d}"
    while Idea.objects.filter(reference=reference).exists():
        count += 1
        reference = f"C{cycle.pk}-{count:03d}"
    return reference


@transaction.atomic
def idea_create(*, cycle: GrantCycle, acting_user, **fields) -> Idea:
    """An idea answering the call; the priority it answers must be a retained one."""
    cycle = GrantCycle.objects.select_for_update().get(pk=cycle.pk)
    authorize(permissions.can_enter_idea(acting_user, cycle))
    authorize(permissions.can_record_consultation(acting_user, fields.get("municipality")))
    priority = fields.get("priority")
    if priority is None or not priority.retained:
        raise ValidationError(_("An idea answers a priority retained after the consultation."))
    if cycle.municipalities.exists() and not cycle.municipalities.filter(pk=fields["municipality"].pk).exists():
        raise ValidationError(_("This cycle's call is not open in that municipality."))
    idea = Idea(cycle=cycle, reference=_reference(cycle), created_by=acting_user, **fields)
    idea.full_clean()
    idea.save()
    IdeaEvent.objects.create(idea=idea, actor=acting_user, action="submitted", to_status=idea.status)
    return idea


@transaction.atomic
def idea_feasibility(*, idea: Idea, feasible: bool, note: str, checked_cost: Decimal | None, acting_user) -> Idea:
    """Unfeasible needs a written reason; feasible needs a checked cost."""
    idea = lock_idea(idea)
    authorize(permissions.can_manage_ideas(acting_user))
    target = Idea.Status.FEASIBLE if feasible else Idea.Status.UNFEASIBLE
    if idea.status == target:
        return idea
    if not feasible and not note.strip():
        raise ValidationError(_("Say why the idea is not feasible."))
    if feasible and (checked_cost is None or checked_cost <= 0):
        raise ValidationError(_("A feasible idea needs the checked cost."))
    idea.feasibility_note, idea.checked_cost = note.strip(), checked_cost if feasible else None
    idea.reviewed_by, idea.reviewed_at = acting_user, timezone.now()
    fields = ["feasibility_note", "checked_cost", "reviewed_by", "reviewed_at"]
    return idea_move(idea, target, actor=acting_user, note=note, fields=fields)


@transaction.atomic
def idea_shortlist(*, idea: Idea, acting_user) -> Idea:
    idea = lock_idea(idea)
    authorize(permissions.can_manage_ideas(acting_user))
    if idea.status == Idea.Status.SHORTLISTED:
        return idea
    return idea_move(idea, Idea.Status.SHORTLISTED, actor=acting_user)


def _check_expert_stage(idea: Idea, acting_user) -> None:
    authorize(permissions.can_manage_ideas(acting_user))
    if not permissions.can_change_expert(acting_user, idea):
        raise ValidationError(_("An expert is assigned to a shortlisted idea."))


def _end(assignment: ExpertAssignment, *, reason: str, acting_user) -> None:
    """Ends today and at once: the expert loses the idea from their next request on."""
    assignment.end_date = max(timezone.localdate(), assignment.start_date)
    assignment.ended_at, assignment.ended_by, assignment.end_reason = timezone.now(), acting_user, reason
    assignment.full_clean()
    assignment.save(update_fields=["end_date", "ended_at", "ended_by", "end_reason"])
    IdeaEvent.objects.create(idea=assignment.idea, actor=acting_user, action="expert_ended",
                             note=f"{assignment.expert.full_name}: {reason}")  # fmt: skip


@transaction.atomic
def expert_assign(*, idea: Idea, expert, field: str = "", acting_user) -> ExpertAssignment:
    """One current expert per idea: assigning another ends the earlier assignment at once."""
    idea = lock_idea(idea)
    _check_expert_stage(idea, acting_user)
    today = timezone.localdate()
    current = idea.experts.active().filter(expert=expert).first()
    if current:
        return current
    for earlier in idea.experts.active().select_related("expert", "idea"):
        _end(earlier, reason=_("Replaced by %(name)s.") % {"name": expert.full_name}, acting_user=acting_user)
    assignment = ExpertAssignment(idea=idea, expert=expert, field=field, start_date=today)
    assignment.full_clean()
    assignment.save()
    IdeaEvent.objects.create(idea=idea, actor=acting_user, action="expert", note=expert.full_name)
    subject = _("You are the expert for the community idea “%(title)s”") % {"title": idea.title}
    email_queue(subject=str(subject), body=str(subject), to=[expert.email])
    return assignment


@transaction.atomic
def expert_end(
    *, assignment: ExpertAssignment, reason: str, acting_user, successor=None, field: str = ""
) -> ExpertAssignment | None:
    """End an expert's assignment (a reason is required), and optionally assign the next expert.

    The assignment stays as history; the expert loses access to the idea at once. Returns the new
    assignment when a successor is named.
    """
    idea = lock_idea(assignment.idea)
    assignment = ExpertAssignment.objects.select_for_update().select_related("expert", "idea").get(pk=assignment.pk)
    _check_expert_stage(idea, acting_user)
    if not reason.strip():
        raise ValidationError(_("Say why the assignment ends."))
    if successor is not None and successor.pk == assignment.expert_id:
        raise ValidationError(_("Choose a different expert to take over."))
    if assignment.is_active:
        _end(assignment, reason=reason.strip(), acting_user=acting_user)
        subject = _("Your assignment to the community idea “%(title)s” has ended") % {"title": idea.title}
        email_queue(subject=str(subject), body=str(subject), to=[assignment.expert.email])
    if successor is None:
        return None
    return expert_assign(idea=idea, expert=successor, field=field, acting_user=acting_user)


@transaction.atomic
def meeting_add(*, idea: Idea, date, topics: list[str], notes: str, acting_user) -> ExpertMeeting:
    idea = lock_idea(idea)
    authorize(permissions.can_support_idea(acting_user, idea))
    if date > timezone.localdate():
        raise ValidationError(_("A meeting is recorded once it has taken place."))
    meeting = ExpertMeeting(idea=idea, expert=acting_user, date=date, topics=list(topics), notes=notes)
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def plan_add(*, idea: Idea, summary: str, budget: list[dict], workplan: list[dict], acting_user) -> IdeaPlan:
    """A new version of the budget and workplan; earlier versions stay as they were."""
    idea = lock_idea(idea)
    authorize(permissions.can_support_idea(acting_user, idea))
    if not budget:
        raise ValidationError(_("The budget needs at least one line."))
    number = (idea.plans.aggregate(n=Max("number"))["n"] or 0) + 1
    plan = IdeaPlan(idea=idea, number=number, summary=summary, budget=budget, workplan=workplan, created_by=acting_user)
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def idea_send_to_committee(*, idea: Idea, acting_user) -> Idea:
    """A shortlisted idea with a budget goes before the cycle's committee as a proposal."""
    idea = lock_idea(idea)
    authorize(permissions.can_manage_ideas(acting_user))
    if idea.status == Idea.Status.IN_REVIEW:
        return idea
    plan = idea.plans.order_by("-number").first()
    if plan is None:
        raise ValidationError(_("The idea needs a budget and workplan before the committee."))
    if not idea.experts.active().exists():
        raise ValidationError(_("The idea needs an expert before the committee."))
    idea_move(idea, Idea.Status.IN_REVIEW, actor=acting_user)
    proposal_create(
        subject=idea,
        cycle=idea.cycle,
        acting_user=acting_user,
        reference=idea.reference,
        title=idea.title,
        requested_amount=idea.grant_requested,
        municipality=idea.municipality,
        vulnerability_priority=idea.returnees,
        vulnerability_rule=_("Returned migrants among the people who benefit: %(n)s.") % {"n": idea.returnees},
        women_share=idea.women_share,
    )
    return idea
