"""Production: refuse to start with development defaults."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int
from config.settings.base import *  # noqa: F403
from config.settings.base import DEBUG, SECRET_KEY

if DEBUG:
    raise ImproperlyConfigured("DEBUG must be false in production")
if SECRET_KEY.startswith("dev-only") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a long random value in production")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
# The container's health check asks over plain HTTP from inside (deploy/Dockerfile).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# HSTS for a year once the site is served over HTTPS (a shorter value only while trying a new host).
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
# Administrators and officers over a subtree log in with a second factor (TOTP or a recovery code).
OTP_REQUIRED_FOR_OFFICERS = env_bool("OTP_REQUIRED_FOR_OFFICERS", default=True)
