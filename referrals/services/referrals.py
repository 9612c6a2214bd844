"""Closed-loop referrals: create, send (only with the person's sharing consent), the provider's answers
through a signed link, the outcome, and reminders for referrals nobody answered."""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.refusals import authorize
from accounts.services import email_queue
from reintegration.models import AssessedNeed
from reintegration.selectors import has_sharing_consent
from reintegration.services import follow_up_schedule

from ..models import Referral, ReferralEvent
from ..permissions import can_change_referral, can_refer

LINK_SALT = "referrals.provider-answer"
Status = Referral.Status


def link_max_age() -> timedelta:
    return timedelta(days=getattr(settings, "REFERRAL_LINK_MAX_AGE_DAYS", 30))


def reminder_days() -> int:
    return getattr(settings, "REFERRAL_REMINDER_DAYS", 7)


class ConsentMissing(ValidationError):
    """The person has not agreed to share their data with this provider."""


def _event(referral: Referral, *, from_status: str, actor=None, note: str = "", answer: str = "") -> ReferralEvent:
    return ReferralEvent.objects.create(
        referral=referral,
        at=timezone.now(),
        actor=actor,
        by_provider=actor is None,
        provider_answer=answer,
        from_status=from_status,
        to_status=referral.status,
        note=note,
    )


def _move(referral: Referral, to_status: str, fields: list[str]) -> str:
    """Check the TRANSITIONS table, change the status, validate, save; returns the old status."""
    if not referral.can_move_to(to_status):
        raise ValidationError(
            _("A referral that is “%(from)s” cannot become “%(to)s”.")
            % {"from": referral.get_status_display(), "to": Status(to_status).label}
        )
    previous = referral.status
    referral.status = to_status
    referral.full_clean()
    referral.save(update_fields=["status", *fields])
    return previous


# A provider's link stops working once there is nothing left to answer or no consent to share.
LINK_ENDING_STATUSES = {Status.CANCELLED, Status.COMPLETED, Status.CLOSED_NO_RESPONSE, Status.DECLINED}


def _rotate_link(referral: Referral) -> None:
    referral.link_nonce = uuid.uuid4()
    referral.save(update_fields=["link_nonce"])


def referral_links_rotate_after_withdrawal(*, consent, acting_user=None) -> int:
    """Consent withdrawn: every live referral of the person that the remaining consent no longer
    covers loses its provider link. Returns how many links were rotated."""
    rotated = 0
    live = (
        Referral.objects.select_for_update()
        .filter(case__beneficiary_id=consent.beneficiary_id, status__in=Referral.OPEN_STATUSES)
        .select_related("case__hub", "case__beneficiary", "service__organization")
    )
    if consent.hub_id is not None:
        live = live.filter(case__hub_id=consent.hub_id)
    for referral in live:
        if not has_sharing_consent(referral.case.beneficiary, referral.service.organization, hub=referral.case.hub):
            _rotate_link(referral)
            rotated += 1
    return rotated


def _locked(referral: Referral) -> Referral:
    return (
        Referral.objects.select_for_update()
        .select_related("case__hub", "case__beneficiary", "service__organization")
        .get(pk=referral.pk)
    )


# What a referral's outcome says about the need it was made for.
NEED_STATUS_FOR_OUTCOME = {
    Referral.Outcome.GOT_SERVICE: AssessedNeed.Status.MET,
    Referral.Outcome.PARTLY: AssessedNeed.Status.IN_PROGRESS,
    Referral.Outcome.NOT_ELIGIBLE: AssessedNeed.Status.UNMET,
    Referral.Outcome.NO_CAPACITY: AssessedNeed.Status.UNMET,
    Referral.Outcome.COULD_NOT_CONTACT: AssessedNeed.Status.UNMET,
    Referral.Outcome.NO_LONGER_INTERESTED: AssessedNeed.Status.NOT_RELEVANT,
    Referral.Outcome.OTHER: AssessedNeed.Status.UNMET,
}


def _need_follows(referral: Referral, status: str, *, only_from: tuple = ()) -> None:
    """The need moves with its referral (sent: being addressed; outcome: met, unmet...)."""
    need = AssessedNeed.objects.select_for_update().get(pk=referral.need_id)
    if need.status == status or (only_from and need.status not in only_from):
        return
    need.status = status
    need.save(update_fields=["status"])


@transaction.atomic
def referral_create(*, case, need, service, reason: str, acting_user, follow_up_on: date | None = None) -> Referral:
    """A draft referral from a case and one of its needs to a service."""
    authorize(can_refer(acting_user, case))
    referral = Referral(
        case=case, need=need, service=service, reason=reason, follow_up_on=follow_up_on, created_by=acting_user
    )
    referral.full_clean()
    referral.save()
    _event(referral, from_status="", actor=acting_user)
    if follow_up_on is not None:
        follow_up_schedule(
            case=case,
            due_on=follow_up_on,
            purpose=_("Check the referral to %(service)s") % {"service": service},
            acting_user=acting_user,
        )
    return referral


def provider_link_token(referral: Referral) -> str:
    return signing.dumps({"r": referral.pk, "n": str(referral.link_nonce)}, salt=LINK_SALT, compress=True)


def provider_email(referral: Referral) -> str:
    return referral.service.email or referral.service.organization.email


@transaction.atomic
def referral_send(*, referral: Referral, acting_user, base_url: str = "") -> Referral:
    """Send a draft to the provider; refused without the person's consent to share with that provider."""
    referral = _locked(referral)
    authorize(can_change_referral(acting_user, referral) and can_refer(acting_user, referral.case))
    if referral.status == Status.SENT:
        return referral
    if not has_sharing_consent(referral.case.beneficiary, referral.service.organization, hub=referral.case.hub):
        raise ConsentMissing(
            _("%(person)s has not agreed to share their data with %(provider)s. Record the consent first.")
            % {"person": referral.case.beneficiary, "provider": referral.service.organization}
        )
    referral.sent_at = timezone.now()
    previous = _move(referral, Status.SENT, ["sent_at"])
    _event(referral, from_status=previous, actor=acting_user)
    _need_follows(referral, AssessedNeed.Status.IN_PROGRESS, only_from=(AssessedNeed.Status.IDENTIFIED,))
    recipient = provider_email(referral)
    if recipient:
        with translation.override("ka"):  # providers read Georgian
            _email_provider(referral, recipient, base_url)
    return referral


def _email_provider(referral: Referral, recipient: str, base_url: str) -> None:
    link = base_url + reverse("referrals:provider-answer", kwargs={"token": provider_link_token(referral)})
    values = {"service": referral.service, "number": referral.pk, "link": link, "days": link_max_age().days}
    body = "\n".join(
        [
            _("A reintegration hub has referred a person to your service “%(service)s” (referral %(number)s).")
            % values,
            _("Please answer (accept or decline, and later the outcome) through this link: %(link)s") % values,
            _("The link expires in %(days)s days.") % values,
        ]
    )
    email_queue(subject=_("New referral %(number)s") % {"number": referral.pk}, body=body, to=[recipient])


@transaction.atomic
def referral_set_status(
    *, referral: Referral, to_status: str, acting_user, note: str = "", decline_reason: str = ""
) -> Referral:
    """The counsellor records what the provider said by other means (accepted, declined, in progress, no answer)."""
    referral = _locked(referral)
    authorize(can_change_referral(acting_user, referral))
    if referral.status == to_status:
        return referral
    if to_status not in {Status.ACCEPTED, Status.DECLINED, Status.IN_PROGRESS, Status.CLOSED_NO_RESPONSE}:
        raise ValidationError(_("Use the outcome or cancel action for this change."))
    fields = []
    if to_status == Status.DECLINED:
        referral.decline_reason = decline_reason
        fields.append("decline_reason")
    if to_status in (Status.ACCEPTED, Status.DECLINED):
        referral.answered_at = timezone.now()
        fields.append("answered_at")
    previous = _move(referral, to_status, fields)
    if to_status in LINK_ENDING_STATUSES:
        _rotate_link(referral)
    _event(referral, from_status=previous, actor=acting_user, note=note or decline_reason)
    return referral


@transaction.atomic
def referral_cancel(*, referral: Referral, acting_user, note: str = "") -> Referral:
    referral = _locked(referral)
    authorize(can_change_referral(acting_user, referral))
    if referral.status == Status.CANCELLED:
        return referral
    previous = _move(referral, Status.CANCELLED, [])
    _rotate_link(referral)
    _event(referral, from_status=previous, actor=acting_user, note=note)
    return referral


@transaction.atomic
def referral_record_outcome(
    *, referral: Referral, outcome: str, acting_user, feedback: str = "", note: str = ""
) -> Referral:
    """The counsellor records whether the person was helped, with their own feedback."""
    referral = _locked(referral)
    authorize(can_change_referral(acting_user, referral))
    referral.outcome, referral.outcome_note, referral.feedback = outcome, note, feedback
    referral.completed_at = timezone.now()
    previous = _move(referral, Status.COMPLETED, ["outcome", "outcome_note", "feedback", "completed_at"])
    _rotate_link(referral)
    _event(referral, from_status=previous, actor=acting_user, note=note)
    _need_follows(referral, NEED_STATUS_FOR_OUTCOME[outcome])
    return referral


def referral_from_token(token: str) -> Referral:
    """The referral a provider's link points to; PermissionDenied when forged, expired or replaced."""
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=link_max_age())
    except signing.BadSignature as error:  # includes SignatureExpired
        raise PermissionDenied(_("This link is not valid or has expired.")) from error
    referral = Referral.objects.select_related("service__organization", "case__hub").filter(pk=data.get("r")).first()
    if referral is None or str(referral.link_nonce) != data.get("n"):
        raise PermissionDenied(_("This link is not valid or has expired."))
    return referral


@transaction.atomic
def referral_answer_as_provider(
    *, token: str, answer: str, decline_reason: str = "", outcome: str = "", note: str = ""
) -> Referral:
    """A provider without an account answers: accept, decline (with reason) or outcome; each once."""
    referral = _locked(referral_from_token(token))
    kind = ReferralEvent.Answer.OUTCOME if answer == "outcome" else ReferralEvent.Answer.RESPONSE
    if referral.events.filter(provider_answer=kind).exists():
        raise ValidationError(_("This answer was already given through the link."))
    if answer == "accept":
        referral.answered_at = timezone.now()
        previous = _move(referral, Status.ACCEPTED, ["answered_at"])
    elif answer == "decline":
        referral.answered_at, referral.decline_reason = timezone.now(), decline_reason
        previous = _move(referral, Status.DECLINED, ["answered_at", "decline_reason"])
    elif answer == "outcome":
        referral.outcome, referral.outcome_note, referral.completed_at = outcome, note, timezone.now()
        previous = _move(referral, Status.COMPLETED, ["outcome", "outcome_note", "completed_at"])
        _need_follows(referral, NEED_STATUS_FOR_OUTCOME[outcome])
    else:
        raise ValidationError(_("Unknown answer."))
    if referral.status in LINK_ENDING_STATUSES:
        _rotate_link(referral)  # nothing left to answer: the link, and the name it shows, stop here
    _event(referral, from_status=previous, note=note or decline_reason, answer=kind)
    counsellor = referral.case.counsellor
    if counsellor.email:
        with translation.override(counsellor.preferred_language):
            _email_answer(referral, counsellor)
    return referral


def _email_answer(referral: Referral, counsellor) -> None:
    values = {"number": referral.pk, "status": referral.get_status_display()}
    body = _("The provider answered referral %(number)s: %(status)s.") % values
    email_queue(subject=_("Referral %(number)s answered") % values, body=body, to=[counsellor.email])


def referrals_due_for_reminder(*, today: date | None = None):
    """Sent referrals with no answer after the set number of days, not yet reminded today."""
    today = today or timezone.localdate()
    cutoff = timezone.now() - timedelta(days=reminder_days())
    return (
        Referral.objects.filter(status=Status.SENT, sent_at__lte=cutoff)
        .exclude(reminded_on=today)
        .values_list("pk", flat=True)
    )


@transaction.atomic
def referral_remind(*, referral_id: int, today: date | None = None) -> bool:
    """Remind the counsellor of one unanswered referral, at most once a day. True when a reminder went out."""
    today = today or timezone.localdate()
    referral = Referral.objects.select_for_update().select_related("case__counsellor").filter(pk=referral_id).first()
    if referral is None or referral.status != Status.SENT or referral.reminded_on == today:
        return False
    referral.reminded_on = today
    referral.save(update_fields=["reminded_on"])
    counsellor = referral.case.counsellor
    if counsellor.email:
        with translation.override(counsellor.preferred_language):
            _email_reminder(referral, counsellor)
    return True


def _email_reminder(referral: Referral, counsellor) -> None:
    values = {"number": referral.pk, "case": referral.case.number, "days": (timezone.now() - referral.sent_at).days}
    body = (
        _(
            "Referral %(number)s (case %(case)s) has had no answer from the provider for %(days)s days. "
            "Call the provider or close the referral."
        )
        % values
    )
    email_queue(subject=_("Referral %(number)s: no answer yet") % values, body=body, to=[counsellor.email])
