from celery import shared_task
from django.core.mail import send_mail

from .jobs import once


@shared_task
def send_email(subject: str, body: str, to: list[str], key: str = "") -> int:
    """Send one already-rendered email. Queued after commit by the services that need it.

    ``key`` (given by ``email_queue``) makes a second run of the same message (a worker that died
    after sending, before acknowledging) send nothing. Retried with backoff when the mail server
    is away (ReliableTask: OSError).
    """
    if not key:
        return send_mail(subject, body, None, to)
    with once(f"email:{key}") as first:
        return send_mail(subject, body, None, to) if first else 0
