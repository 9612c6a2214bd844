import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Export files land in a temporary folder, not in the checkout's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
