"""Background work: each task loads an id and calls a function that is safe to run twice.

Whatever happens, a job ends in a state a person can read. A file that cannot be read fails the job
with its own reason here; anything else (a time limit, a database or file store that stays away after
the retries with backoff, an unexpected error) is marked by the shared base ``accounts.jobs.JobTask``,
in eager mode as with a worker. A worker killed in the middle is replaced by another that runs the
task again: the dry run starts over, the import skips the rows already stored (unique ``_uuid``).
"""

from celery import shared_task

from accounts.jobs import JobTask

from .kobo import UnreadableFile, import_check, import_run
from .models import ImportJob
from .problems import problem


def import_fail(job_id: int, code: str, **params) -> None:
    """Mark the job failed with a problem code (translated when someone reads it)."""
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportJob.Status.FAILED, error=code, error_params=problem(code, **params)["params"]
    )


def _run(function, job_id: int) -> None:
    try:
        function(job_id=job_id)
    except UnreadableFile as error:
        import_fail(job_id, error.code, **error.params)


@shared_task(base=JobTask, job_model="surveys.ImportJob")
def import_check_task(job_id: int) -> None:
    _run(import_check, job_id)


@shared_task(base=JobTask, job_model="surveys.ImportJob")
def import_run_task(job_id: int) -> None:
    _run(import_run, job_id)
