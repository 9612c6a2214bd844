"""Production settings fail fast; the embedded default needs no environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BARE_ENV = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "config.settings"}


def _settings(env: dict) -> subprocess.CompletedProcess:
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.CACHES['default']['BACKEND'])"
    )
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=BARE_ENV | env, capture_output=True, text=True)


def test_embedded_default_is_sqlite_eager_celery_and_local_memory_cache():
    result = _settings({})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "django.core.cache.backends.locmem.LocMemCache",
    ]


def test_redis_url_configures_the_broker_and_the_cache():
    result = _settings({"REDIS_URL": "redis://127.0.0.1:6379/5"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1:] == ["False", "django.core.cache.backends.redis.RedisCache"]


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"DEBUG": "False", "ALLOWED_HOSTS": "hubs.example.org"}, "SECRET_KEY"),
        ({"DEBUG": "False", "SECRET_KEY": "x" * 60}, "ALLOWED_HOSTS"),
    ],
)
def test_production_without_a_secret_setting_refuses_to_start(env, missing):
    result = _settings(env)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr
