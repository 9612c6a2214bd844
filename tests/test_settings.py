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
    result = _settings({"DEBUG": "True"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "django.core.cache.backends.locmem.LocMemCache",
    ]


def test_redis_url_configures_the_broker_and_the_cache():
    result = _settings({"DEBUG": "True", "REDIS_URL": "redis://127.0.0.1:6379/5"})
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


def test_debug_is_off_by_default_so_a_start_without_settings_refuses_with_a_clear_message():
    result = _settings({})
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable. DEBUG is off" in result.stderr
    assert "dev-only" not in result.stdout


def test_the_wsgi_application_does_not_start_without_settings():
    code = "import config.wsgi"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=BARE_ENV, capture_output=True, text=True)
    assert result.returncode != 0 and "Set the SECRET_KEY environment variable" in result.stderr


def test_production_settings_have_debug_off():
    code = "import django; django.setup(); from django.conf import settings as s; "
    code += "print(s.DEBUG, s.SESSION_COOKIE_SECURE)"
    env = BARE_ENV | {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "hubs.example.org"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.stdout.split() == ["False", "True"], result.stderr


def test_local_use_turns_debug_on():
    makefile = (ROOT / "Makefile").read_text()
    assert "run: export DEBUG ?= True" in makefile and "test: export DEBUG ?= True" in makefile
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env=BARE_ENV,
        capture_output=True,
        text=True,
    )
    assert "SECRET_KEY" not in result.stderr
