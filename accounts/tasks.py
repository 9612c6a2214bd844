from celery import shared_task
from django.core.mail import send_mail


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(self, subject: str, body: str, to: list[str]) -> int:
    """Send one already-rendered email. Queued after commit by the services that need it."""
    return send_mail(subject, body, None, to)
