"""Background work: each task loads an id and calls a function that is safe to run twice.

Whatever happens, a job ends in a state a person can read: a file that cannot be read, or an
unexpected error, marks the job failed with its reason, in eager mode as with a worker. Only a
file store that hiccups (OSError) is retried, and the last retry fails the job too.
"""

import logging

from celery import shared_task

from .kobo import UnreadableFile, import_check, import_run
from .models import ImportJob
from .problems import problem

logger = logging.getLogger(__name__)


def import_fail(job_id: int, code: str, **params) -> None:
    """Mark the job failed with a problem code (translated when someone reads it)."""
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportJob.Status.FAILED, error=code, error_params=problem(code, **params)["params"]
    )


def _run(task, function, job_id: int) -> None:
    try:
        function(job_id=job_id)
    except UnreadableFile as error:
        import_fail(job_id, error.code, **error.params)
    except OSError as error:
        if task.request.is_eager or task.request.retries >= task.max_retries:
            logger.exception("survey import %s failed", job_id)
            import_fail(job_id, "internal", error=type(error).__name__)
            return
        raise task.retry(exc=error) from error  # the dry run starts over; stored rows are skipped by _uuid
    except Exception as error:  # noqa: BLE001 (the job must end failed with its reason, never stuck)
        logger.exception("survey import %s failed", job_id)
        import_fail(job_id, "internal", error=type(error).__name__)


@shared_task(bind=True, max_retries=3, default_retry_delay=30)
def import_check_task(self, job_id: int) -> None:
    _run(self, import_check, job_id)


@shared_task(bind=True, max_retries=3, default_retry_delay=30)
def import_run_task(self, job_id: int) -> None:
    _run(self, import_run, job_id)
