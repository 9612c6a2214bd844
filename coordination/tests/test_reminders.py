"""Overdue action items are reminded by email once per item per day, however often the task runs."""

import datetime

import pytest
from django.core import mail

from coordination import services
from coordination.models import ActionItem
from coordination.tasks import send_overdue_action_reminders
from coordination.tests import factories as f

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 20)


@pytest.fixture
def frozen_today(monkeypatch):
    """The task reads timezone.localdate(): freeze it on TODAY, and let the test move it."""
    from django.utils import timezone

    state = {"today": TODAY}
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: state["today"])
    return state


def test_an_overdue_action_item_is_reminded_once_a_day(frozen_today, partner_seat, django_capture_on_commit_callbacks):
    overdue = f.ActionItemFactory(
        owner=partner_seat, meeting__committee=partner_seat.committee, due_on=TODAY - datetime.timedelta(days=2)
    )
    f.ActionItemFactory(owner=partner_seat, meeting=overdue.meeting, due_on=TODAY, title="დღეს")
    f.ActionItemFactory(
        owner=partner_seat,
        meeting=overdue.meeting,
        due_on=TODAY - datetime.timedelta(days=9),
        status=ActionItem.Status.DONE,
        title="შესრულებული",
    )
    external = f.CommitteeMemberFactory(committee=partner_seat.committee, email="nino@mrdi.gov.ge")
    f.ActionItemFactory(owner=external, meeting=overdue.meeting, due_on=TODAY - datetime.timedelta(days=1))

    with django_capture_on_commit_callbacks(execute=True):
        assert send_overdue_action_reminders.delay().get() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["nino@mrdi.gov.ge", "partner@sdc.ch"]
    body = next(m.body for m in mail.outbox if m.to == ["partner@sdc.ch"])
    assert overdue.title in body and "18.11.2026" in body
    overdue.refresh_from_db()
    assert overdue.last_reminded_on == TODAY

    with django_capture_on_commit_callbacks(execute=True):  # the same day again: nothing
        assert send_overdue_action_reminders.delay().get() == 0
    assert len(mail.outbox) == 2

    frozen_today["today"] = TODAY + datetime.timedelta(days=1)  # the next day: "დღეს" is overdue too
    with django_capture_on_commit_callbacks(execute=True):
        assert send_overdue_action_reminders.delay().get() == 3
    assert len(mail.outbox) == 5


def test_a_done_item_is_not_reminded_and_an_owner_without_an_address_is_skipped(
    frozen_today, steering, officer, django_capture_on_commit_callbacks
):
    silent = f.CommitteeMemberFactory(committee=steering, email="")
    item = f.ActionItemFactory(owner=silent, meeting__committee=steering, due_on=TODAY - datetime.timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.action_reminders_send() == 0
    item.refresh_from_db()
    assert item.last_reminded_on == TODAY  # considered today, so not retried in a loop
    services.action_item_set_status(item=item, to_status="done", acting_user=officer)
    assert services.action_reminders_send(today=TODAY + datetime.timedelta(days=1)) == 0
    assert mail.outbox == []


def test_the_reminder_is_written_in_the_owners_language(frozen_today, steering, django_capture_on_commit_callbacks):
    from accounts.tests.factories import UserFactory

    english = UserFactory(email="donor@sdc.ch", preferred_language="en")
    seat = f.CommitteeMemberFactory(committee=steering, user=english)
    f.ActionItemFactory(owner=seat, meeting__committee=steering, due_on=TODAY - datetime.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        services.action_reminders_send()
    assert mail.outbox[0].subject.startswith("Overdue action item")


def test_the_beat_schedule_runs_the_reminders_daily(settings):
    entries = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"].startswith("coordination.")]
    assert [e["task"] for e in entries] == ["coordination.tasks.send_overdue_action_reminders"]
