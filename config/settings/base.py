"""Settings shared by every environment; each value can be set from the environment."""

import datetime as dt
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", default=False)
# A fixed key only for local development; production.py refuses to start without a real one.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me-in-production-0123456789")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "treebeard",
    "simple_history",
    "django_filters",
    "django_htmx",
    "template_partials",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_q",
    "xaydungdang.core",
    "xaydungdang.accounts",
    "xaydungdang.access",
    "xaydungdang.organizations",
    "xaydungdang.duework",
    "xaydungdang.members",
    "xaydungdang.reorganizations",
    "xaydungdang.candidates",
    "xaydungdang.training",
    "xaydungdang.fees",
    "xaydungdang.committees",
    "xaydungdang.reviews",
    "xaydungdang.meetings",
    "xaydungdang.residence",
    "xaydungdang.reports",
    "xaydungdang.exchange",
    "xaydungdang.api",
    "xaydungdang.selfservice",
    # Last of the apps: seed_demo runs the apps' demo seeds in this order, and the demo notifications are made
    # from the due work the other apps' demo data creates.
    "xaydungdang.notifications",
    "xaydungdang.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "xaydungdang.core.sessions.IdleTimeoutMiddleware",
    "xaydungdang.core.middleware.PreferredLanguageMiddleware",
    "xaydungdang.core.middleware.BadQueryMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "xaydungdang.accounts.second_factor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "xaydungdang.core.context_processors.navigation",
                "xaydungdang.notifications.context_processors.unread",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
        # A persistent connection the server has dropped is reopened, not answered with a 500.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the background worker and the web process share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# models.W040: SQLite ignores an index's INCLUDE columns (members' search index covers the folded name on
# PostgreSQL only); the index still serves the search order there, so the warning says nothing to act on.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Vietnamese first; English kept as a second language.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if DEBUG:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
MEDIA_ROOT = BASE_DIR / "media"

SESSION_COOKIE_HTTPONLY = True
# Idle timeout: a session unused for this long ends; use pushes the expiry forward at most every
# SESSION_REFRESH_SECONDS (core/sessions.py), so a page view does not write the session each time.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_TIMEOUT_HOURS", 8) * 3600
SESSION_REFRESH_SECONDS = 300
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-less meta tag; see base.html
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts only from our own static files, never inline (each page's
# script is a static .js reading its data from json_script or data- attributes; htmx's own indicator styles
# are off, base.html's htmx-config, and in core/app.css). Styles allow 'unsafe-inline': the templates set
# sizes with style="" attributes (chart boxes) and a few <style> blocks, and Bootstrap and Chart.js set styles;
# an injected style cannot run code, while an injected script is what this policy stops.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Five failures lock a (username, address) pair; an address as a whole only after many more (an office behind
# one NAT keeps working while one person mistypes): xaydungdang/accounts/lockout.py.
AXES_HANDLER = "xaydungdang.accounts.lockout.PairThenAddressHandler"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 50)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_COOLOFF_MESSAGE = _("Đăng nhập tạm bị khóa vì nhập sai mật khẩu nhiều lần. Hãy thử lại sau 15 phút.")
# Behind the reverse proxy (deploy/nginx.conf) the client's address is the last X-Forwarded-For hop it adds.
AXES_IPWARE_PROXY_COUNT = env_int("AXES_IPWARE_PROXY_COUNT", 0) or None
# One reading of the client's address for the throttling and the access log (it honours the count above).
AXES_CLIENT_IP_CALLABLE = "xaydungdang.access.services.client_ip"
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if AXES_IPWARE_PROXY_COUNT else ("REMOTE_ADDR",)
)

# Every read of personal data is in the access log (access.services.log_personal_read); no setting turns it
# off. One user's reads adding up to this many records within the window alert the administrators, once.
ACCESS_LOG_BULK_ALERT_ROWS = env_int("ACCESS_LOG_BULK_ALERT_ROWS", 1000)
ACCESS_LOG_BULK_ALERT_MINUTES = env_int("ACCESS_LOG_BULK_ALERT_MINUTES", 60)

# Two-factor login (accounts/second_factor.py, access/second_factor.py): TOTP authenticator plus recovery
# codes. Required for administrators and every role with a subtree grant when this is on (production.py turns
# it on; the local settings leave it off so the demo accounts log in by password alone); optional for others.
OTP_REQUIRED_FOR_OFFICERS = env_bool("OTP_REQUIRED_FOR_OFFICERS", default=False)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "xaydungdang")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "knox.auth.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "xaydungdang.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "xaydungdang.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "xaydungdang.api.exceptions.exception_handler",
    "DATE_INPUT_FORMATS": ["%d/%m/%Y", "iso-8601"],
}
# API tokens: hashed at rest (SHA-512 digest only), with an expiry; `Authorization: Token <token>`.
REST_KNOX = {
    "TOKEN_TTL": dt.timedelta(days=env_int("API_TOKEN_TTL_DAYS", 30)),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "xaydungdang API",
    "DESCRIPTION": "REST API v1 of the party organization-building records system.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema in the reader's language (`?lang=en`): the title and description, translated, are set by
    # the hook (TITLE above stays the ASCII name of the downloaded file).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "xaydungdang.api.schema.translate_info",
    ],
    # Two models have a `kind` field with different choices: name the enums apart in the schema.
    "ENUM_NAME_OVERRIDES": {
        "OrganizationKindEnum": "xaydungdang.organizations.choices.OrganizationKind",
        "EventKindEnum": "xaydungdang.members.choices.EventKind",
        "MeetingKindEnum": "xaydungdang.meetings.choices.MeetingKind",
        "GuestKindEnum": "xaydungdang.meetings.choices.GuestKind",
        "MeetingStateEnum": "xaydungdang.meetings.choices.MeetingState",
        "AppointmentKindEnum": "xaydungdang.committees.choices.AppointmentKind",
        "EndReasonEnum": "xaydungdang.committees.choices.EndReason",
        "FeeReliefKindEnum": "xaydungdang.fees.choices.ReliefKind",
        "FeeReliefReasonEnum": "xaydungdang.fees.choices.ReliefReason",
        "SelfRequestKindEnum": "xaydungdang.selfservice.choices.RequestKind",
        "SelfRequestStatusEnum": "xaydungdang.selfservice.choices.RequestStatus",
    },
}

Q_CLUSTER = {
    "name": "xaydungdang",
    "workers": 1,
    "timeout": 3600,  # a national import may take most of an hour
    "retry": 3700,
    "orm": "default",
}

# E-mail (notifications): printed to the console unless an SMTP server is configured.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "xaydungdang <noreply@localhost>")
# The address links in e-mails start with (the pages themselves use relative links).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
