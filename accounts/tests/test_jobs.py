"""The shared Celery base (accounts/jobs.py): every task acknowledges late, has time limits and retries
with backoff; a job's failure reason is readable and holds no personal data; emails go out once."""

import uuid

import pytest
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.db import OperationalError
from django.utils import translation

from accounts.jobs import JobTask, failure_of, failure_text, once
from accounts.services import email_queue
from accounts.tasks import send_email
from config.celery import app

PROJECT_APPS = ("accounts", "referrals", "coordination", "surveys", "dashboard", "reintegration")


def _project_tasks():
    """Every task of the project (Celery's own are named celery.*)."""
    app.loader.import_default_modules()
    return {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}


def test_every_task_acknowledges_late_has_time_limits_and_retries_transient_errors_with_backoff():
    tasks = _project_tasks()
    assert {name.split(".")[0] for name in tasks} >= set(PROJECT_APPS)
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST
    assert 0 < settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT
    # A message of a worker that died unseen must not come back while its task may still run.
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > settings.CELERY_TASK_TIME_LIMIT
    for name, task in tasks.items():
        assert task.acks_late and task.reject_on_worker_lost, name
        assert (task.soft_time_limit or app.conf.task_soft_time_limit) == settings.CELERY_TASK_SOFT_TIME_LIMIT, name
        assert issubclass(OSError, task.autoretry_for) and issubclass(OperationalError, task.autoretry_for), name
        assert task.retry_backoff and task.retry_jitter and task.max_retries == 4, name


def test_every_job_task_names_a_job_model_that_can_be_marked_failed():
    job_tasks = {name: task for name, task in _project_tasks().items() if isinstance(task, JobTask)}
    assert set(job_tasks) >= {
        "surveys.tasks.import_check_task",
        "surveys.tasks.import_run_task",
        "dashboard.tasks.build_export",
    }
    for task in job_tasks.values():
        model = apps.get_model(task.job_model)
        assert callable(model.mark_failed) and isinstance(model.is_running, property)


class _Task:
    soft_time_limit = None
    time_limit = None
    max_retries = 4
    app = app


def test_a_failure_reason_names_the_kind_of_error_never_its_message():
    personal = ValueError("Nino Beridze, 01001012345, +995 555 12 34 56")
    assert failure_of(_Task(), personal) == ("internal", {"error": "ValueError"})
    assert failure_of(_Task(), OperationalError("server closed the connection")) == ("unavailable", {"tries": 5})
    assert failure_of(_Task(), SoftTimeLimitExceeded()) == ("time_limit", {"minutes": 25})
    assert failure_of(_Task(), TimeLimitExceeded(1800)) == ("time_limit", {"minutes": 30})
    with translation.override("en"):
        assert failure_text("time_limit", {"minutes": 25}) == (
            "The job ran past its time limit (25 min) and was stopped."
        )
        assert failure_text("unavailable", {"tries": 5}).startswith("The database or the file store could not be")
        assert "5 tries" in failure_text("unavailable", {"tries": 5})
        assert failure_text("a-code-nobody-knows") == failure_text("internal")
        assert "Traceback" not in failure_text("internal", {"error": "ValueError"})


def test_once_runs_its_block_once_and_again_when_the_block_failed():
    runs, key = [], f"test-once-{uuid.uuid4().hex}"  # the cache may be a Redis kept between runs

    def attempt(fail=False):
        with once(key) as first:
            if first:
                runs.append(1)
                if fail:
                    raise OSError("mail server away")

    with pytest.raises(OSError):
        attempt(fail=True)
    attempt()
    attempt()
    assert runs == [1, 1]


@pytest.mark.django_db
def test_an_email_queued_once_goes_out_once_even_when_its_task_runs_twice(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        email_queue(subject="Reminder", body="Body", to=["hub@example.ge"])
    (callback,) = callbacks
    callback()
    callback()  # the same message delivered a second time (a worker died before acknowledging it)
    assert [message.subject for message in mail.outbox] == ["Reminder"]
    # Without a key (a caller of the task itself) each call sends.
    send_email.delay("Plain", "Body", ["hub@example.ge"])
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_an_email_whose_server_is_away_is_retried_with_backoff_then_sent_once(monkeypatch):
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) < 3:
            raise ConnectionRefusedError("smtp away")
        return 1

    monkeypatch.setattr("accounts.tasks.send_mail", flaky)
    # Eagerly, a retry runs at once; the tests let errors propagate, a deployment without Redis does not.
    app.conf.task_eager_propagates = False
    key = uuid.uuid4().hex  # the cache may be a Redis kept between runs
    try:
        result = send_email.apply(args=["Retried", "Body", ["hub@example.ge"], key])
        assert result.get() == 1 and len(calls) == 3
        assert send_email.apply(args=["Retried", "Body", ["hub@example.ge"], key]).get() == 0
    finally:
        app.conf.task_eager_propagates = True
    assert len(calls) == 3
