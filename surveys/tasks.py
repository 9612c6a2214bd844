"""Background work: each task loads an id and calls a function that is safe to run twice."""

import logging

from celery import shared_task

from .kobo import import_check, import_run
from .models import ImportJob

logger = logging.getLogger(__name__)


def _fail(job_id: int, error: Exception) -> None:
    logger.exception("survey import %s failed", job_id)
    ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.FAILED, error=type(error).__name__)


@shared_task(bind=True, max_retries=3, default_retry_delay=30)
def import_check_task(self, job_id: int) -> None:
    try:
        import_check(job_id=job_id)
    except OSError as error:  # the file store hiccuped: try again, the dry run starts over
        raise self.retry(exc=error) from error
    except Exception as error:
        _fail(job_id, error)


@shared_task(bind=True, max_retries=3, default_retry_delay=30)
def import_run_task(self, job_id: int) -> None:
    try:
        import_run(job_id=job_id)
    except OSError as error:  # rows already stored are skipped by _uuid on the retry
        raise self.retry(exc=error) from error
    except Exception as error:
        _fail(job_id, error)
