"""Daily reminders of overdue action items: one email per item per day, however often the task runs."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.services import email_queue

from ..models import ActionItem


def action_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind the owner of each overdue action item not yet reminded today. Returns emails queued."""
    today = today or timezone.localdate()
    ids = ActionItem.objects.overdue(today).exclude(last_reminded_on=today).values_list("pk", flat=True)
    return sum(action_reminder_send(item_id=pk, today=today) for pk in list(ids))


@transaction.atomic
def action_reminder_send(*, item_id: int, today: datetime.date) -> int:
    """Stamp the item under a row lock, so that a second run the same day sends nothing."""
    item = (
        ActionItem.objects.select_for_update(of=("self",))
        .select_related("owner__user", "meeting__committee")
        .filter(pk=item_id)
        .first()
    )
    if item is None or not item.is_overdue(today) or item.last_reminded_on == today:
        return 0
    item.last_reminded_on = today
    item.save(update_fields=["last_reminded_on"])
    owner = item.owner
    address = owner.contact_email
    if not address or (owner.user_id and not owner.user.is_active):
        return 0
    language = owner.user.preferred_language if owner.user_id else settings.LANGUAGE_CODE
    with translation.override(language):
        subject = _("Overdue action item: %(title)s") % {"title": item.title}
        details = {
            "title": item.title,
            "committee": item.meeting.committee.name,
            "date": date_format(timezone.localtime(item.meeting.starts_at).date()),
            "due": date_format(item.due_on),
        }
        greeting = _("Dear %(name)s,") % {"name": owner.full_name}
        text = _(
            'The action item "%(title)s" of the %(committee)s (meeting of %(date)s) was due on %(due)s '
            "and is not done yet."
        )
        body = f"{greeting}\n\n{text % details}"
    email_queue(subject=subject, body=body, to=[address])
    return 1
