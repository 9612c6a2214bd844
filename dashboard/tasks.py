"""Background work: each task loads ids or keys and calls a service that is safe to run twice."""

import logging

from celery import shared_task
from django.utils import timezone

from .exports import export_build
from .models import ExportJob
from .services import snapshots_refresh, snapshots_refresh_stale

logger = logging.getLogger(__name__)


@shared_task
def refresh_indicators(scope: str, period_key: str) -> int:
    return snapshots_refresh(scope=scope, period_key=period_key)


@shared_task
def refresh_stale_indicators() -> int:
    """Beat: recompute the values older than DASHBOARD_MAX_AGE_MINUTES."""
    return snapshots_refresh_stale()


@shared_task(bind=True, max_retries=3, default_retry_delay=30)
def build_export(self, job_id: int) -> None:
    try:
        export_build(job_id=job_id)
    except OSError as error:  # the file store hiccuped: the export starts over
        raise self.retry(exc=error) from error
    except Exception as error:
        logger.exception("export %s failed", job_id)
        ExportJob.objects.filter(pk=job_id).update(status=ExportJob.Status.FAILED, error=type(error).__name__)


@shared_task
def expire_exports() -> int:
    """Beat: delete the files of exports whose link has expired."""
    expired = ExportJob.objects.filter(status=ExportJob.Status.DONE, expires_at__lt=timezone.now())
    count = 0
    for job in expired:
        job.file.delete(save=False)
        job.status = ExportJob.Status.EXPIRED
        job.save(update_fields=["file", "status"])
        count += 1
    return count
