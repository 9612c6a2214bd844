"""Intake, case numbers, status changes, closure and transfer."""

import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from accounts.refusals import authorize
from hubs.models import Hub
from hubs.permissions import works_at

from .. import permissions as perms
from ..models import Beneficiary, Case, CaseNumberCounter, CaseTransfer, FollowUp
from ._common import check_version, move_case

BENEFICIARY_EDIT_FIELDS = [
    "name_ka",
    "name_latin",
    "personal_number",
    "birth_date",
    "birth_year",
    "sex",
    "phone",
    "municipality",
    "address",
    "category",
    "citizenship",
    "has_disability",
    "has_chronic_illness",
    "is_idp",
]
CASE_EDIT_FIELDS = ["counsellor", "summary"]


@transaction.atomic
def case_number_next(*, hub: Hub, year: int) -> str:
    """Take the next number of the hub's year; the counter row is locked until the transaction ends."""
    CaseNumberCounter.objects.get_or_create(hub=hub, year=year)
    counter = CaseNumberCounter.objects.select_for_update().get(hub=hub, year=year)
    counter.last = F("last") + 1
    counter.save(update_fields=["last"])
    counter.refresh_from_db(fields=["last"])
    return f"{hub.code}-{year}-{counter.last:04d}"


def _check_counsellor(hub: Hub, counsellor: User) -> None:
    if not works_at(counsellor, hub):
        raise ValidationError(_("The responsible counsellor must work at the case's hub."))


def _create_case(*, beneficiary: Beneficiary, hub: Hub, counsellor: User, acting_user: User, **extra) -> Case:
    today = timezone.localdate()
    case = Case(
        beneficiary=beneficiary,
        hub=hub,
        counsellor=counsellor,
        number=case_number_next(hub=hub, year=today.year),
        opened_on=today,
        **extra,
    )
    case.full_clean()
    case.save()
    case.status_changes.create(to_status=case.status, actor=acting_user, note="")
    return case


def _existing_for_token(intake_token) -> Case | None:
    return Case.objects.filter(intake_token=intake_token).first() if intake_token else None


def beneficiary_register(
    *, hub: Hub, acting_user: User, intake_token: uuid.UUID | None = None, counsellor: User | None = None, **fields
) -> Case:
    """Register a new person and open their case at ``hub``. A form sent twice opens one case."""
    authorize(perms.can_take_intake(acting_user) and works_at(acting_user, hub))
    existing = _existing_for_token(intake_token)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            beneficiary = Beneficiary(created_by=acting_user, **fields)
            beneficiary.full_clean()
            beneficiary.save()
            counsellor = counsellor or acting_user
            _check_counsellor(hub, counsellor)
            return _create_case(
                beneficiary=beneficiary,
                hub=hub,
                counsellor=counsellor,
                acting_user=acting_user,
                intake_token=intake_token,
            )
    except IntegrityError:
        # The same form won a race in another request: answer with what it created.
        existing = _existing_for_token(intake_token)
        if existing is None:
            raise
        return existing


@transaction.atomic
def case_open(
    *,
    beneficiary: Beneficiary,
    hub: Hub,
    acting_user: User,
    reason: str = "",
    intake_token: uuid.UUID | None = None,
) -> Case:
    """Open a case at the user's hub for someone already registered (found by the intake search).

    The second-hub rule: when the person is registered at another hub, the counsellor says why,
    the reason is kept on the case and the other hubs' leads are told (by case number only).
    The person's row is locked, so two clicks (or two counsellors) open one case, and the
    database refuses a second live case at the same hub whatever happens.
    """
    authorize(perms.can_take_intake(acting_user) and works_at(acting_user, hub))
    existing = _existing_for_token(intake_token)
    if existing is not None:
        return existing
    beneficiary = Beneficiary.objects.select_for_update().get(pk=beneficiary.pk)
    if Case.objects.live().filter(beneficiary=beneficiary, hub=hub).exists():
        raise ValidationError(_("This person already has an open case at this hub."), code="already_open")
    elsewhere = list(
        Case.objects.filter(beneficiary=beneficiary).exclude(hub=hub).select_related("hub").order_by("hub__code")
    )
    reason = reason.strip()
    if elsewhere and not reason:
        raise ValidationError(
            _("This person is registered at another hub: say why the case is opened here."), code="reason_required"
        )
    try:
        with transaction.atomic():
            case = _create_case(
                beneficiary=beneficiary,
                hub=hub,
                counsellor=acting_user,
                acting_user=acting_user,
                intake_token=intake_token,
                second_hub_reason=reason if elsewhere else "",
            )
    except IntegrityError as error:
        raise ValidationError(_("This person already has an open case at this hub."), code="already_open") from error
    if elsewhere:
        _notify_other_hubs(case, elsewhere)
    return case


def _notify_other_hubs(case: Case, elsewhere: list[Case]) -> None:
    """Tell each other hub's lead, naming cases by number only: no personal data (nor the reason) in an email."""
    from accounts.services import email_queue

    for hub_id in dict.fromkeys(other.hub_id for other in elsewhere):
        theirs = [other for other in elsewhere if other.hub_id == hub_id]
        emails = _hub_lead_emails(theirs[0].hub)
        if not emails:
            continue
        numbers = ", ".join(other.number for other in theirs)
        email_queue(
            subject=_("Case %(number)s opened at %(hub)s for a person of your hub")
            % {"number": case.number, "hub": case.hub},
            body=_(
                "%(hub)s opened case %(number)s for the person of your case %(yours)s. "
                "The reason they gave is on your case page."
            )
            % {"hub": case.hub, "number": case.number, "yours": numbers},
            to=emails,
        )


@transaction.atomic
def beneficiary_update(*, beneficiary: Beneficiary, expected_version: int, acting_user: User, **fields) -> Beneficiary:
    """Save an edit of a person's record unless someone else saved it since the form was opened."""
    beneficiary = Beneficiary.objects.select_for_update().get(pk=beneficiary.pk)
    authorize(perms.can_edit_beneficiary(acting_user, beneficiary))
    check_version(beneficiary, expected_version=expected_version, fields=BENEFICIARY_EDIT_FIELDS)
    for name, value in fields.items():
        if name not in BENEFICIARY_EDIT_FIELDS:
            raise ValueError(name)
        setattr(beneficiary, name, value)
    if "name_ka" in fields and not fields.get("name_latin"):
        beneficiary.name_latin = ""  # a new name: save() romanises it again
    beneficiary.version += 1
    beneficiary.full_clean()
    beneficiary.save(update_fields=[*fields, "name_latin", "birth_year", "version"])
    return beneficiary


@transaction.atomic
def case_update(*, case: Case, expected_version: int, acting_user: User, **fields) -> Case:
    """Change the responsible counsellor or the summary, refusing a stale form."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    authorize(perms.can_work_on_case(acting_user, case))
    check_version(case, expected_version=expected_version, fields=CASE_EDIT_FIELDS)
    for name, value in fields.items():
        if name not in CASE_EDIT_FIELDS:
            raise ValueError(name)
        setattr(case, name, value)
    if "counsellor" in fields:
        _check_counsellor(case.hub, case.counsellor)
    case.version += 1
    case.full_clean()
    case.save(update_fields=[*fields, "version"])
    return case


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update().select_related("hub").get(pk=case.pk)


@transaction.atomic
def case_activate(*, case: Case, acting_user: User, note: str = "") -> Case:
    case = _locked(case)
    if case.status == Case.Status.ACTIVE:
        return case
    authorize(perms.can_activate_case(acting_user, case))
    move_case(case, Case.Status.ACTIVE, acting_user=acting_user, note=note)
    return case


@transaction.atomic
def case_request_closure(*, case: Case, reason: str, acting_user: User, note: str = "") -> Case:
    """The counsellor asks to close; the hub lead approves (or sends it back)."""
    case = _locked(case)
    if case.status == Case.Status.CLOSURE_REQUESTED:
        return case
    authorize(perms.can_request_closure(acting_user, case))
    if reason not in Case.ClosureReason.values:
        raise ValidationError(_("Choose a closure reason."))
    case.closure_reason, case.closure_note = reason, note
    move_case(
        case,
        Case.Status.CLOSURE_REQUESTED,
        acting_user=acting_user,
        note=note,
        extra_fields=("closure_reason", "closure_note"),
    )
    lead_emails = _hub_lead_emails(case.hub)
    if lead_emails:
        from accounts.services import email_queue

        email_queue(
            subject=_("Case %(number)s: closure requested") % {"number": case.number},
            body=_("A counsellor asked to close case %(number)s. Open your work list to approve or return it.")
            % {"number": case.number},
            to=lead_emails,
        )
    return case


def _refuse_second_live_case(beneficiary_id: int, hub: Hub) -> None:
    Beneficiary.objects.select_for_update().filter(pk=beneficiary_id).first()
    if Case.objects.live().filter(beneficiary_id=beneficiary_id, hub=hub).exists():
        raise ValidationError(_("This person already has an open case at %(hub)s.") % {"hub": hub}, code="already_open")


def _hub_lead_emails(hub: Hub) -> list[str]:
    from hubs.models import HubMembership

    emails = (
        HubMembership.objects.active()
        .filter(hub=hub, role="hub_lead", user__is_active=True)
        .values_list("user__email", flat=True)
    )
    return list(dict.fromkeys(emails))


@transaction.atomic
def case_approve_closure(*, case: Case, acting_user: User, note: str = "") -> Case:
    case = _locked(case)
    if case.status == Case.Status.CLOSED:
        return case
    authorize(perms.can_approve_closure(acting_user, case))
    case.closed_on = timezone.localdate()
    move_case(case, Case.Status.CLOSED, acting_user=acting_user, note=note, extra_fields=("closed_on",))
    # No orphan tasks: the closed case's pending follow-ups are closed with it.
    for follow_up in FollowUp.objects.pending().select_for_update().filter(case=case):
        follow_up.done_at, follow_up.outcome = timezone.now(), _("Closed with the case.")
        follow_up.save(update_fields=["done_at", "outcome"])
    return case


@transaction.atomic
def case_return_closure(*, case: Case, acting_user: User, note: str) -> Case:
    """The hub lead sends a closure request back: the case is active again."""
    case = _locked(case)
    authorize(perms.can_approve_closure(acting_user, case))
    if not note.strip():
        raise ValidationError(_("Say why the case stays open."))
    case.closure_reason, case.closure_note = "", ""
    move_case(
        case, Case.Status.ACTIVE, acting_user=acting_user, note=note, extra_fields=("closure_reason", "closure_note")
    )
    return case


@transaction.atomic
def case_reopen(*, case: Case, acting_user: User, note: str) -> Case:
    case = _locked(case)
    authorize(perms.can_reopen_case(acting_user, case))
    if not note.strip():
        raise ValidationError(_("Say why the case is reopened."))
    _refuse_second_live_case(case.beneficiary_id, case.hub)
    case.closed_on = None
    move_case(case, Case.Status.ACTIVE, acting_user=acting_user, note=note, extra_fields=("closed_on",))
    return case


@transaction.atomic
def case_transfer_request(*, case: Case, to_hub: Hub, reason: str, acting_user: User) -> CaseTransfer:
    case = _locked(case)
    authorize(perms.can_request_transfer(acting_user, case))
    if to_hub.pk == case.hub_id:
        raise ValidationError(_("Choose another hub."))
    if case.transfers.filter(status=CaseTransfer.Status.PENDING).exists():
        raise ValidationError(_("A transfer of this case is already waiting for an answer."))
    transfer = CaseTransfer(case=case, from_hub=case.hub, to_hub=to_hub, reason=reason, requested_by=acting_user)
    transfer.full_clean()
    transfer.save()
    case.status_changes.create(
        from_status=case.status,
        to_status=case.status,
        actor=acting_user,
        note=_("Transfer to %(hub)s requested.") % {"hub": to_hub},
    )
    return transfer


@transaction.atomic
def case_transfer_accept(*, transfer: CaseTransfer, counsellor: User, acting_user: User, note: str = "") -> Case:
    """The receiving hub's lead accepts: the old case becomes 'transferred', a new one opens there."""
    transfer = CaseTransfer.objects.select_for_update().select_related("to_hub").get(pk=transfer.pk)
    if transfer.status == CaseTransfer.Status.ACCEPTED:
        return transfer.new_case
    authorize(perms.can_decide_transfer(acting_user, transfer))
    case = _locked(transfer.case)
    _check_counsellor(transfer.to_hub, counsellor)
    _refuse_second_live_case(case.beneficiary_id, transfer.to_hub)
    move_case(case, Case.Status.TRANSFERRED, acting_user=acting_user, note=note or transfer.reason)
    new_case = _create_case(
        beneficiary=case.beneficiary,
        hub=transfer.to_hub,
        counsellor=counsellor,
        acting_user=acting_user,
        transferred_from=case,
        summary=case.summary,
    )
    transfer.status, transfer.decided_by, transfer.decided_at = (
        CaseTransfer.Status.ACCEPTED,
        acting_user,
        timezone.now(),
    )
    transfer.decision_note, transfer.new_case = note, new_case
    transfer.save(update_fields=["status", "decided_by", "decided_at", "decision_note", "new_case"])
    # No orphan tasks: the open follow-ups go with the person to the new case and its counsellor
    # (the transferred case takes no more work, and its old hub no longer sees the person).
    moved = list(FollowUp.objects.pending().select_for_update().filter(case=case))
    for follow_up in moved:
        follow_up.case, follow_up.assigned_to = new_case, counsellor
        follow_up.save(update_fields=["case", "assigned_to"])
    if moved:
        new_case.status_changes.create(
            from_status=new_case.status,
            to_status=new_case.status,
            actor=acting_user,
            note=ngettext(
                "%(count)d open follow-up moved from case %(number)s.",
                "%(count)d open follow-ups moved from case %(number)s.",
                len(moved),
            )
            % {"count": len(moved), "number": case.number},
        )
    return new_case


@transaction.atomic
def case_transfer_decline(*, transfer: CaseTransfer, acting_user: User, note: str) -> CaseTransfer:
    transfer = CaseTransfer.objects.select_for_update().select_related("to_hub").get(pk=transfer.pk)
    if transfer.status == CaseTransfer.Status.DECLINED:
        return transfer
    authorize(perms.can_decide_transfer(acting_user, transfer))
    if not note.strip():
        raise ValidationError(_("Say why the transfer is declined."))
    transfer.status, transfer.decided_by, transfer.decided_at = (
        CaseTransfer.Status.DECLINED,
        acting_user,
        timezone.now(),
    )
    transfer.decision_note = note
    transfer.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    transfer.case.status_changes.create(
        from_status=transfer.case.status,
        to_status=transfer.case.status,
        actor=acting_user,
        note=_("Transfer to %(hub)s declined: %(note)s") % {"hub": transfer.to_hub, "note": note},
    )
    return transfer
