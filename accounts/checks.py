"""System checks for a deployment (``manage.py check --deploy``)."""

from django.conf import settings
from django.core import checks

PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache_for_sessions(app_configs, **kwargs):
    """Sessions are read from the cache (``cached_db``): a cache of one process would keep a
    session that was signed out in another worker alive there, so a deployment needs Redis."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.SESSION_ENGINE.endswith("cached_db") and backend in PER_PROCESS_CACHES:
        return [
            checks.Warning(
                "Sessions are cached in a per-process cache: a sign-out would not reach the other workers.",
                hint="Set REDIS_URL (or CACHE_URL) to a cache every worker shares.",
                id="accounts.W001",
            )
        ]
    return []
