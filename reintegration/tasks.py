from celery import shared_task


@shared_task
def send_overdue_follow_up_reminders() -> int:
    """Daily (beat): email each counsellor their overdue follow-ups, once per day per follow-up."""
    from .services import follow_up_reminders_send

    return follow_up_reminders_send()


@shared_task
def anonymise_expired_records() -> int:
    """Nightly (beat): anonymise every record whose retention period has ended; returns the run's id."""
    from .services.retention import retention_run

    return retention_run(dry_run=False).pk
