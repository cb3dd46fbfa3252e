import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded certificates and issued documents go to a temporary folder, not the checkout's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
