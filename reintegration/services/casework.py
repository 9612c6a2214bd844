"""The day-to-day work on a case: consent, history, household, needs, sessions, plan, follow-ups."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import log_access
from accounts.models import AccessLog, User
from accounts.refusals import authorize
from accounts.rules import check_not_in_future

from .. import permissions as perms
from ..hooks import consent_withdrawn
from ..models import (
    AssessedNeed,
    Beneficiary,
    Case,
    Consent,
    CounsellingSession,
    FollowUp,
    Household,
    HouseholdMember,
    MigrationEpisode,
    NeedAssessment,
    PlanAction,
    PlanGoal,
)

# An officer's reason for opening confidential notes: a full sentence, not "x" (the form only shows it).
BREAK_GLASS_REASON_MIN_LENGTH = 10


def _can_work_for(user: User, beneficiary: Beneficiary) -> bool:
    """Work on a person's record: staff of a hub holding a live case of theirs."""
    return any(perms.can_work_on_case(user, case) for case in beneficiary.cases.select_related("hub"))


def _can_work_for_at(user: User, beneficiary: Beneficiary, hub_id: int | None) -> bool:
    """Work on what a hub holds of a person (its consents): that hub's staff, with a live case there."""
    cases = beneficiary.cases.select_related("hub")
    return any(perms.can_work_on_case(user, case) for case in cases if hub_id is None or case.hub_id == hub_id)


# Consent --------------------------------------------------------------------------------------
@transaction.atomic
def consent_record(
    *,
    beneficiary: Beneficiary,
    purpose: str,
    method: str,
    acting_user: User,
    hub=None,
    given_on=None,
    provider_name="",
    witness="",
) -> Consent:
    """Record a consent given to ``hub`` (by default the user's hub holding a live case of the person)."""
    workable = [c.hub for c in beneficiary.cases.select_related("hub") if perms.can_work_on_case(acting_user, c)]
    authorize(bool(workable) and (hub is None or hub in workable))
    consent = Consent(
        beneficiary=beneficiary,
        hub=hub or workable[0],
        purpose=purpose,
        method=method,
        given_on=given_on or timezone.localdate(),
        provider_name=provider_name.strip(),
        witness=witness.strip(),
        recorded_by=acting_user,
    )
    check_not_in_future(consent.given_on, field="given_on")
    if purpose == Consent.Purpose.SHARING and not consent.provider_name:
        raise ValidationError({"provider_name": _("Name the provider the person agreed to share with.")})
    if method == Consent.Method.VERBAL_WITNESS and not consent.witness:
        raise ValidationError({"witness": _("A verbal consent needs the witness's name.")})
    consent.full_clean()
    consent.save()
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, acting_user: User) -> Consent:
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_at is not None:
        return consent
    authorize(_can_work_for_at(acting_user, consent.beneficiary, consent.hub_id))
    consent.withdrawn_at, consent.withdrawn_by = timezone.now(), acting_user
    consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
    consent_withdrawn(consent=consent, acting_user=acting_user)
    return consent


# Migration history and household ------------------------------------------------------------
@transaction.atomic
def migration_episode_add(*, beneficiary: Beneficiary, acting_user: User, **fields) -> MigrationEpisode:
    authorize(_can_work_for(acting_user, beneficiary))
    episode = MigrationEpisode(beneficiary=beneficiary, **fields)
    episode.full_clean()
    episode.save()
    return episode


@transaction.atomic
def household_update(
    *, beneficiary: Beneficiary, size: int, female_headed: bool, is_head: bool, acting_user: User
) -> Household:
    """Create or update the person's household; ``is_head`` makes them its head."""
    beneficiary = Beneficiary.objects.select_for_update().get(pk=beneficiary.pk)
    authorize(_can_work_for(acting_user, beneficiary))
    household = beneficiary.household or Household()
    household.size, household.female_headed = size, female_headed
    if is_head:
        household.head = beneficiary
    elif household.head_id == beneficiary.pk:
        household.head = None
    household.full_clean()
    household.save()
    if beneficiary.household_id != household.pk:
        beneficiary.household = household
        beneficiary.save(update_fields=["household"])
    return household


@transaction.atomic
def household_member_add(*, beneficiary: Beneficiary, acting_user: User, **fields) -> HouseholdMember:
    beneficiary = Beneficiary.objects.get(pk=beneficiary.pk)
    authorize(_can_work_for(acting_user, beneficiary) and beneficiary.household_id is not None)
    member = HouseholdMember(household_id=beneficiary.household_id, **fields)
    linked = (
        fields.get("personal_number") and Beneficiary.objects.filter(personal_number=fields["personal_number"]).first()
    )
    if linked:
        member.beneficiary = linked
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def household_members_add(*, beneficiary: Beneficiary, members: list[dict], acting_user: User) -> list[HouseholdMember]:
    """Several members typed on one page: all of them are added, or none (a refusal rolls back)."""
    return [household_member_add(beneficiary=beneficiary, acting_user=acting_user, **fields) for fields in members]


# Needs assessment ----------------------------------------------------------------------------
@transaction.atomic
def assessment_record(
    *, case: Case, needs: list[dict], acting_user: User, notes: str = "", assessed_on=None
) -> NeedAssessment:
    """One assessment with its needs, each ``{"need", "priority", "note"}``."""
    authorize(perms.can_work_on_case(acting_user, case))
    if not needs:
        raise ValidationError(_("Mark at least one need, or record a session instead."))
    assessment = NeedAssessment(
        case=case, assessed_by=acting_user, notes=notes, assessed_on=assessed_on or timezone.localdate()
    )
    assessment.full_clean()
    assessment.save()
    for item in needs:
        need = AssessedNeed(
            assessment=assessment, need=item["need"], priority=item["priority"], note=item.get("note", "")
        )
        need.full_clean(exclude=["dimension"])
        need.save()
    return assessment


@transaction.atomic
def assessed_need_set_status(*, need: AssessedNeed, status: str, acting_user: User) -> AssessedNeed:
    need = AssessedNeed.objects.select_for_update().select_related("assessment__case__hub").get(pk=need.pk)
    authorize(perms.can_work_on_case(acting_user, need.assessment.case))
    if status not in AssessedNeed.Status.values:
        raise ValidationError(_("Unknown status."))
    need.status = status
    need.save(update_fields=["status"])
    return need


# Counselling ----------------------------------------------------------------------------------
@transaction.atomic
def session_record(*, case: Case, acting_user: User, **fields) -> CounsellingSession:
    """A counselling session; the first one makes an open case active."""
    authorize(perms.can_work_on_case(acting_user, case))
    session = CounsellingSession(case=case, counsellor=acting_user, **fields)
    check_not_in_future(session.held_on, field="held_on")
    session.full_clean()
    session.save()
    if case.status == Case.Status.OPEN:
        from .cases import case_activate

        case_activate(case=case, acting_user=acting_user, note=_("First session recorded."))
    return session


def break_glass_log(*, case: Case, reason: str, acting_user: User, path: str = "") -> None:
    """Check the reason for opening a case's confidential notes and log it for the officers' review.

    The case page's notes and the data-subject export with notes both go through here.
    """
    reason = break_glass_reason_check(reason)
    log_access(user=acting_user, action=AccessLog.Action.BREAK_GLASS, obj=case, path=path, reason=reason)


def break_glass_reason_check(reason: str, *, field: str = "reason") -> str:
    if len(reason.strip()) < BREAK_GLASS_REASON_MIN_LENGTH:
        raise ValidationError(
            {
                field: _("Give the reason in a full sentence (at least %(n)s characters).")
                % {"n": BREAK_GLASS_REASON_MIN_LENGTH}
            }
        )
    return reason.strip()


@transaction.atomic
def confidential_notes_open(*, case: Case, reason: str, acting_user: User, path: str = "") -> list[CounsellingSession]:
    """An officer opens a case's confidential notes after giving a reason, which is logged for review."""
    authorize(perms.can_break_glass(acting_user, case))
    break_glass_log(case=case, reason=reason, acting_user=acting_user, path=path)
    return list(case.sessions.exclude(confidential_notes="").select_related("counsellor"))


# Reintegration plan ----------------------------------------------------------------------------
@transaction.atomic
def goal_add(*, case: Case, acting_user: User, **fields) -> PlanGoal:
    authorize(perms.can_work_on_case(acting_user, case))
    goal = PlanGoal(case=case, created_by=acting_user, **fields)
    goal.full_clean()
    goal.save()
    return goal


@transaction.atomic
def action_add(*, goal: PlanGoal, acting_user: User, **fields) -> PlanAction:
    authorize(perms.can_work_on_case(acting_user, goal.case))
    action = PlanAction(goal=goal, **fields)
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def goal_set_status(*, goal: PlanGoal, status: str, acting_user: User) -> PlanGoal:
    goal = PlanGoal.objects.select_for_update().select_related("case__hub").get(pk=goal.pk)
    authorize(perms.can_work_on_case(acting_user, goal.case))
    if status not in PlanGoal.Status.values:
        raise ValidationError(_("Unknown status."))
    goal.status = status
    goal.save(update_fields=["status", "updated_at"])
    return goal


@transaction.atomic
def action_set_status(*, action: PlanAction, status: str, acting_user: User) -> PlanAction:
    action = PlanAction.objects.select_for_update().select_related("goal__case__hub").get(pk=action.pk)
    authorize(perms.can_work_on_case(acting_user, action.goal.case))
    if status not in PlanAction.Status.values:
        raise ValidationError(_("Unknown status."))
    action.status = status
    action.save(update_fields=["status", "updated_at"])
    return action


# Follow-ups ---------------------------------------------------------------------------------
@transaction.atomic
def follow_up_schedule(
    *, case: Case, due_on: datetime.date, purpose: str, acting_user: User, assigned_to: User | None = None
) -> FollowUp:
    authorize(perms.can_work_on_case(acting_user, case))
    assigned_to = assigned_to or case.counsellor
    from hubs.permissions import works_at

    if not works_at(assigned_to, case.hub):
        raise ValidationError(_("Follow-ups go to someone working at the case's hub."))
    follow_up = FollowUp(case=case, due_on=due_on, purpose=purpose, assigned_to=assigned_to)
    follow_up.full_clean()
    follow_up.save()
    return follow_up


@transaction.atomic
def follow_up_complete(*, follow_up: FollowUp, outcome: str, acting_user: User) -> FollowUp:
    follow_up = FollowUp.objects.select_for_update().select_related("case__hub").get(pk=follow_up.pk)
    if follow_up.done_at is not None:
        return follow_up
    authorize(perms.can_work_on_case(acting_user, follow_up.case))
    follow_up.done_at, follow_up.outcome = timezone.now(), outcome
    follow_up.save(update_fields=["done_at", "outcome"])
    return follow_up
