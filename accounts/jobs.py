"""Celery reliability, said once: the base every task runs on, and the base of tasks that carry a job.

Every task of the project (``config.celery`` makes :class:`ReliableTask` the app's task class)

- acknowledges its message only once it has finished (``acks_late``) and gives it back when its
  worker dies under it (``reject_on_worker_lost``): a worker killed in the middle of a task leaves
  the message to another worker, which runs the task again;
- is therefore written to be run twice with one effect: jobs are guarded by their status under a
  row lock (:func:`job_claim`), stored rows by a unique key, emails by a key (:func:`once`);
- has the soft and hard time limits of ``CELERY_TASK_SOFT_TIME_LIMIT`` / ``CELERY_TASK_TIME_LIMIT``;
- is retried with exponential backoff and jitter when the database, the broker or the file store
  hiccups (:data:`TRANSIENT`), up to ``max_retries`` times.

A task that carries a job (a survey import, a dashboard export: ``@shared_task(base=JobTask,
job_model="app.Model")``, the job's id as first argument) ends with its job in a state a person can
read, whether it ran in a worker or eagerly (no Redis): when the task fails for good, exceeds its
time limit or runs out of retries, :meth:`JobTask.on_failure` marks the job failed with a reason
code (:data:`FAILURES`), translated when someone reads it; no stack trace, no personal data.
Celery calls ``on_failure`` for a hard time limit too (in the worker's main process).

Lower apps cannot import the job models: a job model offers ``is_running`` and
``mark_failed(code, params)`` and the task names it by its label.
"""

from __future__ import annotations

import logging
import math
from contextlib import contextmanager

from celery import Task
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.db import InterfaceError, OperationalError, transaction
from django.utils.translation import gettext_lazy as _
from kombu.exceptions import OperationalError as BrokerError

logger = logging.getLogger(__name__)

# Errors worth another try later: the database, the broker or the file store was briefly away.
TRANSIENT: tuple[type[BaseException], ...] = (OSError, OperationalError, InterfaceError, BrokerError)

FAILURES = {
    "time_limit": _("The job ran past its time limit (%(minutes)s min) and was stopped."),
    "unavailable": _(
        "The database or the file store could not be reached, even after %(tries)s tries. Try again later."
    ),
    "internal": _("The job stopped on an unexpected error. Try again; if it fails again, tell the support team."),
}


def failure_text(code: str, params: dict | None = None) -> str:
    """A job's failure reason in the reader's language (an unknown code reads as an unexpected error)."""
    template = FAILURES.get(code, FAILURES["internal"])
    try:
        return str(template) % (params or {})
    except (KeyError, TypeError, ValueError):
        return str(template)


def failure_of(task: Task, exc: BaseException) -> tuple[str, dict]:
    """The reason code and its parameters for what stopped a task: never the message of the error,
    which may hold personal data, only its kind."""
    if isinstance(exc, SoftTimeLimitExceeded | TimeLimitExceeded):
        limit = task.soft_time_limit or task.app.conf.task_soft_time_limit
        if isinstance(exc, TimeLimitExceeded) or not limit:
            limit = task.time_limit or task.app.conf.task_time_limit
        return "time_limit", {"minutes": max(1, math.ceil((limit or 60) / 60))}
    if isinstance(exc, TRANSIENT):
        return "unavailable", {"tries": task.max_retries + 1}
    return "internal", {"error": type(exc).__name__}


class ReliableTask(Task):
    """The base of every task: late acknowledgement, time limits from the settings, retries with backoff."""

    acks_late = True
    reject_on_worker_lost = True
    autoretry_for = TRANSIENT
    retry_backoff = 5  # seconds before the first retry, then doubled: 5, 10, 20, 40 (with jitter)
    retry_backoff_max = 300
    retry_jitter = True
    max_retries = 4


def _model(label: str):
    from django.apps import apps

    return apps.get_model(label)


class JobTask(ReliableTask):
    """A task whose first argument is the id of a job (``job_model``); a failure marks the job failed."""

    job_model: str = ""

    def apply(self, *args, **kwargs):
        # Run eagerly (no Redis), a failed job is a result like any other: the job says why, and the
        # request that queued it (an on_commit callback) is not turned into an error page.
        kwargs.setdefault("throw", False)
        return super().apply(*args, **kwargs)

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        job_id = args[0] if args else kwargs.get("job_id")
        code, params = failure_of(self, exc)
        logger.warning("%s: job %s failed (%s, %s)", self.name, job_id, code, type(exc).__name__)
        job_fail(_model(self.job_model), job_id, code, **params)


def job_fail(model, job_id, code: str, **params) -> bool:
    """Mark a running job failed with a reason code; a job already finished is left as it is."""
    with transaction.atomic():
        job = model.objects.select_for_update().filter(pk=job_id).first()
        if job is None or not job.is_running:
            return False
        job.mark_failed(code, params)
    return True


def job_claim(model, job_id, *, states) -> object | None:
    """The job, re-read under a row lock, if it is in one of ``states``; None otherwise.

    A task run twice finds its job finished the second time and does nothing.
    """
    with transaction.atomic():
        return model.objects.select_for_update().filter(pk=job_id, status__in=states).first()


def once_key(name: str) -> str:
    return f"once:{name}"


@contextmanager
def once(name: str, *, seconds: int = 7 * 24 * 3600):
    """Run the block at most once per ``name`` (within ``seconds``): the body of a task whose effect
    cannot be taken back (an email). Yields False when it already ran; the mark is written only
    after the block finished, so a worker killed in the block runs it again, never zero times."""
    from django.core.cache import cache

    key = once_key(name)
    if cache.get(key):
        yield False
        return
    yield True
    cache.set(key, 1, timeout=seconds)
