"""A real task through a real Celery worker on Redis (runs where REDIS_URL is set, as in CI)."""

import time

import pytest
from django.conf import settings
from django.core import mail

from accounts.services import email_queue
from config.celery import app

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL (CI sets it)"),
]


@pytest.mark.django_db(transaction=True)
def test_email_queued_after_commit_is_sent_by_a_worker_on_redis():
    from celery.contrib.testing.worker import start_worker
    from django.db import transaction

    from accounts.tasks import send_email

    app.conf.task_always_eager = False
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
            with transaction.atomic():
                email_queue(subject="Worker check", body="Sent by the worker", to=["hub@example.ge"])
                assert mail.outbox == []  # nothing leaves before the commit
            result = send_email.delay("Second", "Direct", ["hub@example.ge"])
            assert result.get(timeout=30) == 1
            deadline = time.monotonic() + 30
            while len(mail.outbox) < 2 and time.monotonic() < deadline:
                time.sleep(0.1)
    finally:
        app.conf.task_always_eager = True
    assert sorted(message.subject for message in mail.outbox) == ["Second", "Worker check"]
