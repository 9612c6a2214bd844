"""Referring an unfunded idea to an alternative funding scheme and following it to its outcome."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.refusals import authorize
from reintegration.taxonomy import Need

from .. import permissions
from ..models import Idea, IdeaEvent, IdeaReferral, IdeaReferralEvent
from ._common import check_transition

__all__ = ["idea_referral_create", "idea_referral_move"]


@transaction.atomic
def idea_referral_create(*, idea: Idea, service, reason: str, acting_user) -> IdeaReferral:
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    authorize(permissions.can_refer_idea(acting_user, idea))
    if service.category != Need.FUNDING:
        raise ValidationError(_("Refer an idea to a funding scheme (a service of category “funding”)."))
    if idea.referrals.filter(service=service, status__in=IdeaReferral.OPEN_STATUSES).exists():
        raise ValidationError(_("This idea already has an open referral to that scheme."))
    referral = IdeaReferral(idea=idea, service=service, reason=reason, created_by=acting_user)
    referral.full_clean()
    referral.save()
    IdeaReferralEvent.objects.create(referral=referral, actor=acting_user, to_status=referral.status, note=reason)
    IdeaEvent.objects.create(idea=idea, actor=acting_user, action="referred", note=str(service))
    return referral


@transaction.atomic
def idea_referral_move(
    *,
    referral: IdeaReferral,
    to_status: str,
    acting_user,
    note: str = "",
    outcome: str = "",
    amount_obtained: Decimal | None = None,
) -> IdeaReferral:
    """Move along the referral statuses; completing one records the outcome (and any funding obtained)."""
    referral = IdeaReferral.objects.select_for_update().get(pk=referral.pk)
    authorize(permissions.can_manage_ideas(acting_user))
    if referral.status == to_status:
        return referral
    check_transition(IdeaReferral.TRANSITIONS, referral.status, to_status, IdeaReferral.Status)
    fields = ["status"]
    if to_status == IdeaReferral.Status.COMPLETED:
        if outcome not in IdeaReferral.Outcome.values:
            raise ValidationError(_("Choose the outcome."))
        referral.outcome, referral.outcome_note, referral.amount_obtained = outcome, note, amount_obtained
        referral.completed_at = timezone.now()
        fields += ["outcome", "outcome_note", "amount_obtained", "completed_at"]
    from_status, referral.status = referral.status, to_status
    referral.full_clean()
    referral.save(update_fields=fields)
    IdeaReferralEvent.objects.create(
        referral=referral, actor=acting_user, from_status=from_status, to_status=to_status, note=note
    )
    return referral
