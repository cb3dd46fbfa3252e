"""Settings for the test suite (SQLite by default, PostgreSQL when DATABASE_URL says so)."""

from config.settings.base import *  # noqa: F403
from config.settings.base import STORAGES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
AXES_ENABLED = False
Q_CLUSTER = {"name": "xaydungdang-test", "sync": True, "orm": "default", "timeout": 600, "retry": 700}
