"""Real Celery workers (subprocesses) on Redis and PostgreSQL, as in production; runs where REDIS_URL is
set and the database is PostgreSQL, as in CI (a worker cannot see a test's transaction: the data is
committed, ``transaction=True``).

- A worker killed (SIGKILL) in the middle of a survey import: the message, acknowledged late, is
  given to another worker, which runs the import again; every row is stored exactly once.
- A worker whose task passes its soft time limit: the import is marked failed with the reason.
"""

import os
import signal
import subprocess  # nosec B404: starts this project's own Celery worker with an argument list
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation

from config.celery import app
from surveys.models import ImportJob, Response
from surveys.services import import_start
from surveys.tasks import import_run_task
from surveys.tests import kobo_exports
from surveys.tests.factories import RoundFactory

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL (CI sets it)"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (CI runs it)"),
]

ROOT = Path(__file__).resolve().parent.parent
ROWS = 2500  # three batches of kobo.BATCH (1000)


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _worker(name: str, queue: str, media: Path, *, pause: bool, pool: str = "solo", **limits) -> subprocess.Popen:
    """A worker of its own queue; ``limits`` are settings (the worker's view of the time limit)."""
    env = os.environ | {
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "MEDIA_ROOT": str(media),
        "DEBUG": "True",
        "CELERY_TASK_ALWAYS_EAGER": "False",
        # A message whose worker vanished comes back after 3 s (2 hours in production), looked for every second.
        "CELERY_VISIBILITY_TIMEOUT": "3",
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
        "CELERY_UNACKED_RESTORE_THROTTLE": "1",
        **{key: str(value) for key, value in limits.items()},
    }
    env.pop("HUBS_TEST_PAUSE_AFTER_FIRST_BATCH", None)
    if pause:
        env["HUBS_TEST_PAUSE_AFTER_FIRST_BATCH"] = "1"
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", f"--pool={pool}", "--concurrency=1",
               "--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat",
               "-n", f"{name}@%h", "-Q", queue, "-I", "tests.celery_pause"]  # fmt: skip
    return subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)  # nosec B603: fixed argument list


def _stop(process: subprocess.Popen, sig=signal.SIGTERM) -> None:
    if process.poll() is None:
        os.killpg(process.pid, sig)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def _wait(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def checked_job(world, officer, settings, tmp_path):
    """A checked export of ROWS valid rows, ready to be imported."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    places = {"a": world.hub_a.municipality.code, "b": world.hub_b.municipality.name_en}
    round_ = RoundFactory(municipalities=[world.hub_a.municipality, world.hub_b.municipality])
    data = kobo_exports.BASELINE
    content = kobo_exports.as_csv(
        [kobo_exports.row(data[i % len(data)], f"kill-{i:05d}", places, index=i) for i in range(1, ROWS + 1)]
    )
    job = import_start(round_=round_, upload=SimpleUploadedFile("export.csv", content), acting_user=officer)
    job.refresh_from_db()  # checked eagerly, in this process
    assert (job.status, job.valid_rows) == (ImportJob.Status.CHECKED, ROWS)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.IMPORTING)
    return job, tmp_path


def _stored(job) -> int:
    return Response.objects.filter(import_job=job).count()


def _publish(job, queue: str, **limits) -> None:
    """Send the import to Redis (the tests run tasks eagerly otherwise); the message carries the limits."""
    app.conf.task_always_eager = False
    try:
        import_run_task.apply_async((job.pk,), queue=queue, **limits)
    finally:
        app.conf.task_always_eager = True


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_in_the_middle_of_an_import_leaves_it_to_another_that_stores_each_row_once(checked_job):
    job, media = checked_job
    queue = f"test-kill-{uuid.uuid4().hex[:8]}"
    first = _worker("first", queue, media, pause=True)
    second = None
    try:
        _publish(job, queue)
        assert _wait(lambda: _stored(job) >= 1000, 40), "the first worker did not store its first batch"
        _stop(first, signal.SIGKILL)  # in the middle: one batch stored, the message not acknowledged
        job.refresh_from_db()
        assert (job.status, _stored(job)) == (ImportJob.Status.IMPORTING, 1000)
        second = _worker("second", queue, media, pause=False)
        assert _wait(lambda: ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.DONE, 40)
    finally:
        _stop(first, signal.SIGKILL)
        if second is not None:
            _stop(second)
    job.refresh_from_db()
    assert (job.created_count, job.skipped_count, job.processed_rows) == (ROWS, 0, ROWS)
    assert Response.objects.filter(round=job.round).count() == ROWS == _stored(job)


@pytest.mark.django_db(transaction=True)
def test_an_import_past_its_soft_time_limit_in_a_worker_is_marked_failed_with_the_reason(checked_job):
    job, media = checked_job
    queue = f"test-limit-{uuid.uuid4().hex[:8]}"
    worker = _worker("limit", queue, media, pause=True, pool="prefork", CELERY_TASK_SOFT_TIME_LIMIT=4)
    try:
        _publish(job, queue, soft_time_limit=4, time_limit=60)
        assert _wait(lambda: ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.FAILED, 45)
    finally:
        _stop(worker)
    job.refresh_from_db()
    assert (job.error, job.error_params) == ("time_limit", {"minutes": 1})
    with translation.override("en"):
        assert job.error_text == "The job ran past its time limit (1 min) and was stopped."
    assert _stored(job) == 1000  # what the first batch stored stays; importing again adds the rest once
