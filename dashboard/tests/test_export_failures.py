"""An export whose task fails, runs out of time or runs twice (eagerly, as without Redis): the export
ends failed with a readable reason, never stuck, and a second run leaves one file."""

import pytest
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.urls import reverse
from django.utils import translation

from dashboard import exports
from dashboard.models import ExportJob
from dashboard.services import reference_load
from dashboard.tasks import build_export

pytestmark = pytest.mark.django_db

PERSONAL = "Nino Beridze 01001012345"


def _request(client, capture) -> ExportJob:
    with capture(execute=True):
        response = client.post(reverse("dashboard:export-list"), {"kind": ExportJob.Kind.DONOR_REPORT})
    assert response.status_code == 302  # a failed build is not an error page
    return ExportJob.objects.latest("pk")


def _break(monkeypatch, error, calls=None):
    def broken(job):
        if calls is not None:
            calls.append(1)
        raise error

    monkeypatch.setitem(exports.BUILDERS, ExportJob.Kind.DONOR_REPORT, broken)


def test_an_export_that_stops_on_an_unexpected_error_is_failed_with_a_readable_reason(
    client_for, world, officer, monkeypatch, django_capture_on_commit_callbacks
):
    _break(monkeypatch, ValueError(PERSONAL))
    client = client_for(officer)
    job = _request(client, django_capture_on_commit_callbacks)
    assert (job.status, job.error, job.error_params) == (ExportJob.Status.FAILED, "internal", {"error": "ValueError"})
    assert job.finished_at is not None and not job.is_running
    with translation.override("en"):
        assert job.error_text == (
            "The job stopped on an unexpected error. Try again; if it fails again, tell the support team."
        )
    page = client.get(reverse("dashboard:export-detail", args=[job.pk])).content.decode()
    assert 'data-testid="export-error"' in page and PERSONAL not in page and "ValueError" not in page


def test_an_export_past_its_soft_time_limit_is_failed_with_the_limit_in_minutes(
    client_for, world, officer, monkeypatch, django_capture_on_commit_callbacks
):
    _break(monkeypatch, SoftTimeLimitExceeded())
    job = _request(client_for(officer), django_capture_on_commit_callbacks)
    assert (job.status, job.error, job.error_params) == (ExportJob.Status.FAILED, "time_limit", {"minutes": 25})
    with translation.override("en"):
        assert job.error_text == "The job ran past its time limit (25 min) and was stopped."


def test_an_export_whose_file_store_stays_away_is_tried_five_times_then_failed(
    client_for, world, officer, monkeypatch, django_capture_on_commit_callbacks
):
    calls = []
    _break(monkeypatch, OSError("file store away"), calls)
    job = _request(client_for(officer), django_capture_on_commit_callbacks)
    assert len(calls) == 5
    assert (job.status, job.error, job.error_params) == (ExportJob.Status.FAILED, "unavailable", {"tries": 5})


def test_an_export_whose_file_store_comes_back_is_built(
    client_for, world, officer, monkeypatch, django_capture_on_commit_callbacks
):
    reference_load()
    real, calls = exports.BUILDERS[ExportJob.Kind.DONOR_REPORT], []

    def flaky(job):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("file store away")
        real(job)

    monkeypatch.setitem(exports.BUILDERS, ExportJob.Kind.DONOR_REPORT, flaky)
    job = _request(client_for(officer), django_capture_on_commit_callbacks)
    assert (len(calls), job.status, job.error) == (2, ExportJob.Status.DONE, "")


def test_a_hard_time_limit_reported_by_the_worker_fails_the_export_and_a_finished_one_stays(world, officer):
    job = ExportJob.objects.create(kind=ExportJob.Kind.DONOR_REPORT, created_by=officer, status="running")
    done = ExportJob.objects.create(kind=ExportJob.Kind.DONOR_REPORT, created_by=officer, status="done")
    for pk in (job.pk, done.pk):
        build_export.on_failure(TimeLimitExceeded(1800), "task-id", (pk,), {}, None)
    job.refresh_from_db()
    done.refresh_from_db()
    assert (job.status, job.error, job.error_params) == (ExportJob.Status.FAILED, "time_limit", {"minutes": 30})
    assert (done.status, done.error) == (ExportJob.Status.DONE, "")


def test_an_export_built_twice_keeps_one_file(settings, tmp_path, client_for, world, officer):
    settings.MEDIA_ROOT = tmp_path
    reference_load()
    job = ExportJob.objects.create(kind=ExportJob.Kind.DONOR_REPORT, created_by=officer, status="running", done=2)
    build_export.delay(job.pk)  # a worker died at step 2: another runs the task again from the start
    build_export.delay(job.pk)  # and the message is delivered once more
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE and job.percent == 100
    assert [p.name for p in (tmp_path / "exports").iterdir()] == [job.file.name.split("/")[-1]]


def test_a_duplicate_run_that_finishes_second_removes_its_own_file(settings, tmp_path, world, officer):
    settings.MEDIA_ROOT = tmp_path
    reference_load()
    job = ExportJob.objects.create(kind=ExportJob.Kind.DONOR_REPORT, created_by=officer)
    late = ExportJob.objects.get(pk=job.pk)  # the copy a second, slower run read at its start
    exports.export_build(job_id=job.pk)
    with translation.override("en"):
        exports.donor_report(late)  # it finds the job done when it finishes
    job.refresh_from_db()
    assert [p.name for p in (tmp_path / "exports").iterdir()] == [job.file.name.split("/")[-1]]
