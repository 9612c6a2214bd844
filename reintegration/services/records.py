"""Reminders for overdue follow-ups, and the data-subject export."""

import datetime
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.access import log_access
from accounts.models import AccessLog, User
from accounts.refusals import authorize

from .. import permissions as perms
from ..models import Beneficiary, FollowUp


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
CONFIDENTIAL_FIELDS = ("confidential_notes",)


def _rows(queryset, exclude=()) -> list[dict]:
    return [model_to_dict(obj, exclude=list(exclude)) | {"id": obj.pk} for obj in queryset]


@transaction.atomic
def beneficiary_export(*, beneficiary: Beneficiary, acting_user: User, path: str = "") -> str:
    """Everything held on one person, as JSON; the export is written to the access log."""
    authorize(perms.can_export_beneficiary(acting_user))
    person = beneficiary
    cases = list(person.cases.all())
    data = {
        "exported_at": timezone.now(),
        "person": model_to_dict(person) | {"id": person.pk},
        "household": model_to_dict(person.household) if person.household_id else None,
        "household_members": _rows(person.household.members.all()) if person.household_id else [],
        "migration_episodes": _rows(person.migration_episodes.all()),
        "consents": _rows(person.consents.all()),
        "cases": [
            model_to_dict(case)
            | {
                "id": case.pk,
                "number": case.number,
                "status_changes": _rows(case.status_changes.all()),
                "assessments": [model_to_dict(a) | {"needs": _rows(a.needs.all())} for a in case.assessments.all()],
                # Confidential notes never leave in an ordinary export: only through the break-glass step.
                "sessions": _rows(case.sessions.all(), exclude=CONFIDENTIAL_FIELDS),
                "plan_goals": [model_to_dict(g) | {"actions": _rows(g.actions.all())} for g in case.goals.all()],
                "follow_ups": _rows(case.follow_ups.all()),
            }
            for case in cases
        ],
    }
    log_access(user=acting_user, action=AccessLog.Action.EXPORT, obj=person, path=path)
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
