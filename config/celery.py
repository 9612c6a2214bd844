import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# Every task runs on accounts.jobs.ReliableTask: late acks, time limits, retries with backoff.
app = Celery("config", task_cls="accounts.jobs:ReliableTask")
# Every setting prefixed CELERY_ in config/settings.py configures the app.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
