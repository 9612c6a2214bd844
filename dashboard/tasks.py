"""Background work: each task loads ids or keys and calls a service that is safe to run twice.

Every task runs on ``accounts.jobs.ReliableTask`` (late acks, time limits, retries with backoff); the
export runs on ``JobTask``, which marks the export failed with its reason when the task stops for good.
"""

from celery import shared_task
from django.utils import timezone

from accounts.jobs import JobTask

from .exports import export_build, export_expire
from .models import ExportJob
from .services import snapshots_refresh, snapshots_refresh_stale


@shared_task
def refresh_indicators(scope: str, period_key: str) -> int:
    return snapshots_refresh(scope=scope, period_key=period_key)


@shared_task
def refresh_stale_indicators() -> int:
    """Beat: recompute the values older than DASHBOARD_MAX_AGE_MINUTES."""
    return snapshots_refresh_stale()


@shared_task(base=JobTask, job_model="dashboard.ExportJob")
def build_export(job_id: int) -> None:
    export_build(job_id=job_id)


@shared_task
def expire_exports() -> int:
    """Beat: delete the files of exports whose link has expired (each under its row lock, once)."""
    count = 0
    ids = ExportJob.objects.filter(status=ExportJob.Status.DONE, expires_at__lt=timezone.now()).values_list("pk")
    for (pk,) in list(ids):
        count += export_expire(pk)
    return count
