"""Reminders for overdue follow-ups, and the data-subject export."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.access import log_access
from accounts.models import AccessLog, User
from accounts.refusals import authorize

from .. import permissions as perms
from .. import subject_export
from ..models import Beneficiary, FollowUp
from ..subject_export import ExportContext
from .casework import break_glass_log, break_glass_reason_check


# Reminders ------------------------------------------------------------------------------------
def follow_up_reminders_send(*, today: datetime.date | None = None) -> int:
    """Email each counsellor their overdue follow-ups not yet reminded today. Returns emails queued.

    Idempotent per day: a follow-up is stamped with the day it was last reminded, under a row
    lock, so a second run (or a retried task) the same day sends nothing again.
    """
    today = today or timezone.localdate()
    sent = 0
    user_ids = (
        FollowUp.objects.overdue(today)
        .exclude(last_reminded_on=today)
        .values_list("assigned_to_id", flat=True)
        .distinct()
    )
    for user_id in list(user_ids):
        sent += follow_up_reminder_send(user_id=user_id, today=today)
    return sent


@transaction.atomic
def follow_up_reminder_send(*, user_id: int, today: datetime.date) -> int:
    user = User.objects.get(pk=user_id)
    due = list(
        FollowUp.objects.select_for_update()
        .overdue(today)
        .filter(assigned_to=user, case__status__in=["open", "active", "closure_requested"])
        .exclude(last_reminded_on=today)
        .select_related("case")
        .order_by("due_on")
    )
    if not due or not user.is_active:
        return 0
    FollowUp.objects.filter(pk__in=[f.pk for f in due]).update(last_reminded_on=today)
    with translation.override(user.preferred_language):
        lines = [
            _("%(number)s: %(purpose)s (due %(due)s)")
            % {"number": f.case.number, "purpose": f.purpose, "due": date_format(f.due_on)}
            for f in due
        ]
        subject = _("Overdue follow-ups: %(count)s") % {"count": len(due)}
        body = _("These follow-ups are overdue:") + "\n\n" + "\n".join(lines)
    from accounts.services import email_queue

    email_queue(subject=subject, body=body, to=[user.email])
    return 1


# Data-subject export ------------------------------------------------------------------------------
EXPORT_FORMATS = ("json", "pdf")


@transaction.atomic
def beneficiary_export(
    *,
    beneficiary: Beneficiary,
    acting_user: User,
    path: str = "",
    fmt: str = "json",
    language: str | None = None,
    confidential_reason: str = "",
) -> subject_export.ExportFile:
    """Everything held on one person, every app's sections, as JSON or a PDF in ``language``.

    Confidential session notes are in it only with a break-glass reason, logged for each of the
    person's cases like an opening on the case page; the export itself is written to the access log.
    """
    authorize(perms.can_export_beneficiary(acting_user))
    if fmt not in EXPORT_FORMATS:
        raise ValidationError({"fmt": _("Choose JSON or PDF.")})
    person = Beneficiary.objects.select_related("municipality", "household__head", "created_by").get(pk=beneficiary.pk)
    cases = list(person.cases.select_related("hub", "counsellor", "transferred_from").order_by("opened_on", "pk"))
    include_confidential = bool(confidential_reason.strip())
    if include_confidential:
        break_glass_reason_check(confidential_reason, field="confidential_reason")
        for case in cases:
            authorize(perms.can_break_glass(acting_user, case) or perms.can_read_confidential_notes(acting_user, case))
            break_glass_log(case=case, reason=confidential_reason, acting_user=acting_user, path=path)
    context = ExportContext(person=person, cases=cases, include_confidential=include_confidential)
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        result = subject_export.render(
            subject_export.build(context),
            fmt=fmt,
            person=person,
            exported_by=acting_user,
            exported_at=timezone.now(),
            confidential=include_confidential,
        )
    log_access(user=acting_user, action=AccessLog.Action.EXPORT, obj=person, path=path)
    return result
