"""An import whose task fails, runs out of time or is interrupted (run eagerly, as without Redis): the job
ends failed with a readable reason, never stuck; run again after an interruption, each row is stored once."""

import pytest
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.urls import reverse
from django.utils import translation

from surveys import kobo
from surveys.models import ImportJob, Response
from surveys.tasks import import_run_task

from . import kobo_exports
from .factories import RoundFactory
from .test_kobo_and_analysis import commit, upload

pytestmark = pytest.mark.django_db

PERSONAL = "Nino Beridze 01001012345"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def setting(world):
    municipalities = [world.hub_a.municipality, world.hub_b.municipality]
    places = {"a": world.hub_a.municipality.code, "b": world.hub_b.municipality.name_en}
    return RoundFactory(municipalities=municipalities), places


def _many(places, count: int) -> bytes:
    data = kobo_exports.BASELINE
    return kobo_exports.as_csv(
        [kobo_exports.row(data[i % len(data)], f"many-{i:05d}", places, index=i) for i in range(1, count + 1)]
    )


def test_a_dry_run_that_stops_on_an_unexpected_error_fails_the_job_with_a_reason_and_no_personal_data(
    client_for, officer, setting, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(**kwargs):
        raise KeyError(PERSONAL)

    monkeypatch.setattr("surveys.tasks.import_check", broken)
    round_, places = setting
    job = upload(client_for(officer), round_, _many(places, 3), "export.csv", django_capture_on_commit_callbacks)
    assert (job.status, job.error) == (ImportJob.Status.FAILED, "internal")
    assert job.finished_at is not None
    with translation.override("en"):
        assert job.error_text == (
            "The import stopped on an unexpected error (KeyError). The file was not imported; "
            "please tell the support team."
        )
    page = client_for(officer).get(reverse("surveys:import-detail", args=[job.pk])).content.decode()
    assert 'data-testid="import-error"' in page and PERSONAL not in page and "Traceback" not in page


@pytest.mark.parametrize(
    ("error", "text"),
    [
        (SoftTimeLimitExceeded(), "The job ran past its time limit (25 min) and was stopped."),
        (OSError("disk away"), "even after 5 tries"),
    ],
)
def test_an_import_past_its_time_limit_or_whose_store_stays_away_is_failed_with_its_reason(
    client_for, officer, setting, monkeypatch, django_capture_on_commit_callbacks, error, text
):
    round_, places = setting
    client = client_for(officer)
    job = upload(client, round_, _many(places, 3), "export.csv", django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.CHECKED
    calls = []

    def stopped(batch):
        calls.append(1)
        raise error

    monkeypatch.setattr(kobo, "_store", stopped)
    job = commit(client, job, django_capture_on_commit_callbacks)  # the page answers; the job says why
    assert job.status == ImportJob.Status.FAILED
    assert len(calls) == (1 if isinstance(error, SoftTimeLimitExceeded) else 5)  # 4 retries with backoff
    with translation.override("en"):
        assert text in job.error_text


def test_a_hard_time_limit_reported_by_the_worker_fails_the_job(officer, setting):
    round_, _places = setting
    job = ImportJob.objects.create(
        round=round_, original_name="x.csv", file="x.csv", status=ImportJob.Status.IMPORTING, created_by=officer
    )
    # Celery calls on_failure in the worker's main process when it kills a task at the hard limit.
    import_run_task.on_failure(TimeLimitExceeded(1800), "task-id", (job.pk,), {}, None)
    job.refresh_from_db()
    assert (job.status, job.error, job.error_params) == (ImportJob.Status.FAILED, "time_limit", {"minutes": 30})


def test_an_import_interrupted_after_its_first_batch_stores_each_row_once_when_run_again(
    client_for, officer, setting, monkeypatch, django_capture_on_commit_callbacks
):
    round_, places = setting
    client = client_for(officer)
    monkeypatch.setattr(kobo, "BATCH", 4)
    job = upload(client, round_, _many(places, 10), "export.csv", django_capture_on_commit_callbacks)
    assert job.valid_rows == 10
    real_store, calls = kobo._store, []

    def interrupted(batch):
        calls.append(len(batch))
        stored = real_store(batch)
        if len(calls) == 2:  # the second batch is stored, then the connection drops
            raise ConnectionResetError("database connection lost")
        return stored

    monkeypatch.setattr(kobo, "_store", interrupted)
    job = commit(client, job, django_capture_on_commit_callbacks)
    assert calls == [4, 4, 4, 4, 2]  # the retry read the file again: rows stored before are skipped
    assert (job.status, job.created_count, job.skipped_count) == (ImportJob.Status.DONE, 10, 0)
    assert Response.objects.filter(round=round_).count() == 10
    # A third delivery of the same message finds the job done and changes nothing.
    import_run_task.delay(job.pk)
    job.refresh_from_db()
    assert (job.status, job.created_count, Response.objects.count()) == (ImportJob.Status.DONE, 10, 10)
