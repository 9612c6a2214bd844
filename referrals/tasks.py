from celery import shared_task

from .services import referral_remind, referrals_due_for_reminder


@shared_task
def remind_unanswered_referrals() -> int:
    """Daily: queue one reminder per unanswered referral (each runs once per referral per day)."""
    ids = list(referrals_due_for_reminder())
    for referral_id in ids:
        remind_referral.delay(referral_id)
    return len(ids)


@shared_task
def remind_referral(referral_id: int) -> bool:
    return referral_remind(referral_id=referral_id)
