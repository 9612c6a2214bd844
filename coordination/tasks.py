from celery import shared_task


@shared_task
def send_overdue_action_reminders() -> int:
    """Daily (beat): remind owners of overdue action items, once per item per day."""
    from .services import action_reminders_send

    return action_reminders_send()
