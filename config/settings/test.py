"""Settings for the test suite (SQLite by default, PostgreSQL when DATABASE_URL says so)."""

from config.settings.base import *  # noqa: F403
from config.settings.base import STORAGES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
AXES_ENABLED = False
Q_CLUSTER = {"name": "xaydungdang-test", "sync": True, "orm": "default", "timeout": 600, "retry": 700}
# Static files come from the app folders (no collectstatic in tests); the live server serves them.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# A persistent connection would outlive the live server's thread and block dropping the test database.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
