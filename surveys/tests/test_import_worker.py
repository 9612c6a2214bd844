"""A broken Kobo export checked by a real Celery worker on Redis: the job ends failed with its reason,
never stuck in "checking" (runs where REDIS_URL is set, as in CI)."""

import time

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from config.celery import app
from surveys.models import ImportJob
from surveys.services import import_start

from .factories import RoundFactory

pytestmark = [
    pytest.mark.redis,
    pytest.mark.skipif(not django_settings.REDIS_URL, reason="needs REDIS_URL (CI sets it)"),
]


def _wait_until_finished(job: ImportJob, seconds: int = 60) -> ImportJob:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if not job.is_running:
            return job
        time.sleep(0.2)
    return job


@pytest.mark.django_db(transaction=True)
def test_a_worker_marks_a_file_that_is_no_utf8_text_failed_with_its_reason(world, officer, settings, tmp_path):
    from celery.contrib.testing.worker import start_worker

    settings.MEDIA_ROOT = tmp_path
    round_ = RoundFactory(municipalities=[world.hub_a.municipality])
    # Valid UTF-8 for the head the upload check reads, then text in another encoding: only the task sees it.
    content = b"_uuid,resp_sex\n" + b"x,f\n" * 20_000 + "ქალი".encode("utf-16")
    app.conf.task_always_eager = False
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
            job = import_start(round_=round_, upload=SimpleUploadedFile("export.csv", content), acting_user=officer)
            job = _wait_until_finished(job)
    finally:
        app.conf.task_always_eager = True
    assert (job.status, job.error) == (ImportJob.Status.FAILED, "not_utf8")
    with translation.override("en"):
        assert "not UTF-8 text" in job.error_text
