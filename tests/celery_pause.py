"""Loaded only by the workers that tests/test_celery_kill.py starts (``celery worker -I tests.celery_pause``).

With HUBS_TEST_PAUSE_AFTER_FIRST_BATCH set, a survey import sleeps once its first batch of rows is
stored (committed), so that the test can kill the worker, or let its time limit pass, in the middle
of the task. Without it this module changes nothing.
"""

import os
import time

if os.environ.get("HUBS_TEST_PAUSE_AFTER_FIRST_BATCH"):
    from surveys import kobo

    _store = kobo._store

    def _store_then_pause(batch):
        stored = _store(batch)
        time.sleep(120)
        return stored

    kobo._store = _store_then_pause
