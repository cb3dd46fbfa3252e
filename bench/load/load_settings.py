"""Settings of the server under load (`make load`): production-like (DEBUG off, persistent connections, axes,
templates cached) on the load database, with a fast password hasher so that 100 simulated users logging in
do not measure PBKDF2, and static files from the app folders (no collectstatic)."""

import os

os.environ.setdefault(
    "DATABASE_URL", os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/xyd_load")
)

from config.settings.base import *  # noqa: E402, F403
from config.settings.base import STORAGES  # noqa: E402

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
OTP_REQUIRED_FOR_OFFICERS = False
