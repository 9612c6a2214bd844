import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Export files land in a temporary folder, not in the checkout's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The background-refresh lock lives in the cache (Redis when REDIS_URL is set): start clean."""
    from django.core.cache import cache

    cache.clear()
