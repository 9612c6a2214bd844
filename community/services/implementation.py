"""Implementation followed by the expert; tranches gated as for business grants."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.refusals import authorize
from accounts.uploads import MB, UploadValidator

from .. import permissions
from ..models import (
    CofundingReceipt,
    Completion,
    Idea,
    IdeaEvent,
    Initiative,
    InitiativePhoto,
    InitiativeTranche,
    InitiativeVisit,
)
from ._common import check_transition, idea_move, lock_idea

__all__ = [
    "cofunding_record",
    "completion_record",
    "initiative_create",
    "photo_add",
    "tranche_approve_report",
    "tranche_release",
    "tranche_release_blockers",
    "tranche_report",
    "visit_record",
]


@transaction.atomic
def initiative_create(*, idea: Idea, agreement_date, amount: Decimal, tranches: list[dict], acting_user) -> Initiative:
    idea = lock_idea(idea)
    authorize(permissions.can_manage_ideas(acting_user))
    if idea.status != Idea.Status.SELECTED:
        raise ValidationError(_("Only a selected idea receives a grant."))
    if hasattr(idea, "initiative"):
        return idea.initiative
    if amount > idea.cycle.ceiling:
        raise ValidationError(_("The grant exceeds the cycle's grant ceiling."))
    if not tranches or sum((Decimal(t["amount"]) for t in tranches), Decimal(0)) != amount:
        raise ValidationError(_("The tranches must add up to the grant."))
    initiative = Initiative(idea=idea, agreement_date=agreement_date, amount=amount, created_by=acting_user)
    initiative.full_clean()
    initiative.save()
    for number, data in enumerate(tranches, start=1):
        InitiativeTranche.objects.create(initiative=initiative, number=number, **data)
    IdeaEvent.objects.create(idea=idea, actor=acting_user, action="grant", note=str(amount))
    return initiative


def _tranche(tranche: InitiativeTranche) -> InitiativeTranche:
    return InitiativeTranche.objects.select_for_update().select_related("initiative__idea__cycle").get(pk=tranche.pk)


@transaction.atomic
def tranche_report(*, tranche: InitiativeTranche, report: str, acting_user) -> InitiativeTranche:
    """The expert reports the milestone reached."""
    tranche = _tranche(tranche)
    authorize(permissions.can_follow_up(acting_user, tranche.initiative))
    if tranche.report_approved_at:
        raise ValidationError(_("The milestone report is already approved."))
    if not report.strip():
        raise ValidationError(_("The milestone report is empty."))
    tranche.report, tranche.reported_by, tranche.reported_at = report.strip(), acting_user, timezone.now()
    tranche.save(update_fields=["report", "reported_by", "reported_at"])
    return tranche


@transaction.atomic
def tranche_approve_report(*, tranche: InitiativeTranche, acting_user) -> InitiativeTranche:
    tranche = _tranche(tranche)
    authorize(permissions.can_release_tranches(acting_user))
    if tranche.report_approved_at:
        return tranche
    if not tranche.report:
        raise ValidationError(_("The expert has not reported this milestone yet."))
    tranche.report_approved_at, tranche.report_approved_by = timezone.now(), acting_user
    tranche.save(update_fields=["report_approved_at", "report_approved_by"])
    return tranche


def tranche_release_blockers(tranche: InitiativeTranche, siblings: list | None = None) -> list[str]:
    """The same gates as business grants: approved report, a visit where the cycle asks, order.

    ``siblings`` (the initiative's tranches, visits prefetched) lets a page check every tranche at once.
    """
    siblings = siblings if siblings is not None else list(tranche.initiative.tranches.all())
    blockers = []
    if tranche.report_approved_at is None:
        blockers.append(_("The milestone report is not approved."))
    if tranche.initiative.idea.cycle.monitoring_visit_required and not tranche.visits.all():
        blockers.append(_("This cycle requires a monitoring visit before each tranche."))
    if any(s.number < tranche.number and s.status != InitiativeTranche.Status.RELEASED for s in siblings):
        blockers.append(_("An earlier tranche is not released yet."))
    return [str(b) for b in blockers]


@transaction.atomic
def tranche_release(*, tranche: InitiativeTranche, acting_user) -> InitiativeTranche:
    tranche = _tranche(tranche)
    authorize(permissions.can_release_tranches(acting_user))
    if tranche.status == InitiativeTranche.Status.RELEASED:
        return tranche
    check_transition(
        InitiativeTranche.TRANSITIONS, tranche.status, InitiativeTranche.Status.RELEASED, InitiativeTranche.Status
    )
    blockers = tranche_release_blockers(tranche)
    if blockers:
        raise ValidationError(blockers)
    tranche.status, tranche.released_at = InitiativeTranche.Status.RELEASED, timezone.now()
    tranche.save(update_fields=["status", "released_at"])
    IdeaEvent.objects.create(
        idea=tranche.initiative.idea, actor=acting_user, action="tranche_released", note=str(tranche.number)
    )
    return tranche


def _locked_initiative(initiative: Initiative) -> Initiative:
    return Initiative.objects.select_for_update().select_related("idea__cycle").get(pk=initiative.pk)


@transaction.atomic
def visit_record(*, initiative: Initiative, date, findings: str, acting_user, tranche=None) -> InitiativeVisit:
    initiative = _locked_initiative(initiative)
    authorize(permissions.can_follow_up(acting_user, initiative))
    if date > timezone.localdate():
        raise ValidationError(_("A visit is recorded once it has taken place."))
    if tranche is not None and tranche.initiative_id != initiative.pk:
        raise ValidationError(_("That tranche belongs to another initiative."))
    visit = InitiativeVisit(initiative=initiative, tranche=tranche, date=date, findings=findings, visitor=acting_user)
    visit.full_clean()
    visit.save()
    return visit


PHOTO = UploadValidator(kinds=("jpeg", "png", "webp"), max_size=8 * MB)


def _photo_type(file) -> str:
    """The photo's content type, read from the picture itself once the shared check has passed."""
    PHOTO(file)
    from PIL import Image, UnidentifiedImageError

    try:
        file.seek(0)
        with Image.open(file) as image:
            image.verify()
            content_type = Image.MIME[image.format]
    except (UnidentifiedImageError, OSError, SyntaxError, KeyError) as error:
        raise ValidationError(_("The file is not a readable image.")) from error
    finally:
        file.seek(0)
    return content_type


@transaction.atomic
def photo_add(*, initiative: Initiative, file, caption: str = "", acting_user, visit=None) -> InitiativePhoto:
    """A photo is checked by its content (JPEG, PNG or WebP) and size before it is stored privately."""
    initiative = _locked_initiative(initiative)
    authorize(permissions.can_follow_up(acting_user, initiative))
    content_type = _photo_type(file)
    photo = InitiativePhoto(
        initiative=initiative, visit=visit, caption=caption, uploaded_by=acting_user,
        content_type=content_type, size=file.size,
    )  # fmt: skip
    photo.file.save("photo", file, save=False)
    photo.full_clean()
    photo.save()
    return photo


@transaction.atomic
def cofunding_record(*, initiative: Initiative, source: str, date, amount: Decimal, note: str = "", acting_user):
    initiative = _locked_initiative(initiative)
    authorize(permissions.can_follow_up(acting_user, initiative))
    if amount <= 0:
        raise ValidationError(_("Enter the amount received."))
    receipt = CofundingReceipt(
        initiative=initiative, source=source, date=date, amount=amount, note=note, recorded_by=acting_user
    )
    receipt.full_clean()
    receipt.save()
    return receipt


@transaction.atomic
def completion_record(*, initiative: Initiative, acting_user, **fields) -> Completion:
    """The works are finished: every tranche released, people reached counted; the idea is completed."""
    initiative = _locked_initiative(initiative)
    authorize(permissions.can_follow_up(acting_user, initiative))
    if initiative.tranches.exclude(status=InitiativeTranche.Status.RELEASED).exists():
        raise ValidationError(_("Every tranche must be released before completion."))
    completion = Completion(initiative=initiative, recorded_by=acting_user, **fields)
    completion.full_clean()
    completion.save()
    idea = lock_idea(initiative.idea)
    idea_move(idea, Idea.Status.COMPLETED, actor=acting_user, action="completed")
    return completion
