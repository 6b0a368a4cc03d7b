"""Settings for Step Up, read from the environment so that one image serves every stage.

Defaults give a working development service on SQLite with no configuration at all;
production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from stepup.core.headers import static_headers

SRC_DIR = Path(__file__).resolve().parent
BASE_DIR = SRC_DIR.parent.parent
VAR_DIR = Path(os.environ.get("STEPUP_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY when DEBUG is off.")
    SECRET_KEY = "development-only-key-not-for-production-use-" + "x" * 20

# A page that fails on purpose, so a deploy can prove the service's own 500 page is shown
# (see scripts/check-production). Off everywhere else: the page is then "not found".
ERROR_CHECK_PAGE = env_bool("ERROR_CHECK_PAGE", False)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks_db",
    "stepup.core",
    "stepup.accounts",
    "stepup.programme",
    "stepup.partnerships",
    "stepup.applications",
    "stepup.selection",
    "stepup.assessment",
    "stepup.offers",
    "stepup.funding",
    "stepup.trainees",
    "stepup.insights",
    "stepup.candidates",
    "stepup.privacy",
    "stepup.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Staff are signed in only once they have given a code from their authenticator app.
    "stepup.accounts.second_factor.SecondFactorMiddleware",
    "stepup.accounts.confirmation.EmailConfirmationMiddleware",
    "stepup.core.headers.PrivacyHeadersMiddleware",
    # A too-big upload is answered before anything reads its body (CSRF reads it later).
    "stepup.core.uploads.UploadSizeMiddleware",
    # After sign-in is known, so that the "bad request" page is drawn as for anyone else.
    "stepup.core.params.UnreadableInputMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "stepup.core.access.AccessRuleMiddleware",
]

ROOT_URLCONF = "stepup.urls"
WSGI_APPLICATION = "stepup.wsgi.application"

TEMPLATES = [
    {
        # Service pages: GOV.UK Design System macros in Jinja2.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "stepup.core.jinja.environment",
            "autoescape": True,
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.messages.context_processors.messages",
                "stepup.core.context_processors.service",
            ],
        },
    },
    {
        # The Django admin, for support staff only.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'stepup.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# The owner role that runs ``migrate`` on PostgreSQL, when the service's own role (the user
# of DATABASE_URL) may not change the audit trail or the ledger (ADR 0023, README "Deploying").
MIGRATE_DATABASE_URL = os.environ.get("MIGRATE_DATABASE_URL", "")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's SQLite, with a flush that respects the audit trail's triggers (ADR 0010).
    DATABASES["default"]["ENGINE"] = "stepup.core.sqlite"
    # The embedded database lives under var/, which a fresh clone does not have yet.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Covering indexes (INCLUDE) are a PostgreSQL speed-up for the queues; SQLite builds the
    # same index without the included columns, which is all the embedded database needs.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# Sign-in guessing (stepup.accounts.throttle, ADR 0011): after a number of failures for an
# account, an address, or the two together, each further try must wait, twice as long each
# time, up to a cap. PROXY_COUNT is how many proxies in front of the service add themselves
# to X-Forwarded-For; the client's address is read from behind them (0: no proxy).
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
SIGN_IN_THROTTLE = {
    "pair": 5,  # one account from one address
    "account": 10,  # one account from any address not known to it
    "address": 10,  # any accounts from one address: one password sprayed across many
    "first_wait_seconds": 30,
    "longest_wait_seconds": 15 * 60,
    "window_seconds": 60 * 60,
}
OTP_TOTP_ISSUER = "Step Up to Social Work"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
# Static files carry the Permissions-Policy every page does (docs/security.md).
WHITENOISE_ADD_HEADERS_FUNCTION = static_headers
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": os.environ.get("MEDIA_ROOT", str(VAR_DIR / "uploads"))},
    },
    "staticfiles": {
        "BACKEND": "stepup.core.storage.StaticStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
MEDIA_ROOT = STORAGES["default"]["OPTIONS"]["location"]
# Uploads are only ever served through views that check who may see them: nothing routes
# this prefix (Django's test live server expects one to be set).
MEDIA_URL = "/uploads-are-not-served/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# E-mail: console by default; GOV.UK Notify when NOTIFY_API_KEY is set. Mail is sent by
# the task worker (stepup.core.tasks.email_later), never during a request.
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_TEMPLATE_ID = os.environ.get("NOTIFY_TEMPLATE_ID", "")
if NOTIFY_API_KEY and not NOTIFY_TEMPLATE_ID:
    raise ImproperlyConfigured(
        "Set NOTIFY_TEMPLATE_ID to the GOV.UK Notify template with ((subject)) and ((body))."
    )
if NOTIFY_API_KEY:
    _MAILER = {"BACKEND": "stepup.core.notify.NotifyEmailBackend"}
elif os.environ.get("MAILER_BACKEND"):
    _MAILER = {"BACKEND": os.environ["MAILER_BACKEND"]}
elif DEBUG:
    _MAILER = {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
else:
    # Live without Notify: a mail relay. Never the console, which would log invitation links.
    _MAILER = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("SMTP_HOST", "localhost"),
            "port": int(os.environ.get("SMTP_PORT", "25")),
            "username": os.environ.get("SMTP_USERNAME", ""),
            "password": os.environ.get("SMTP_PASSWORD", ""),
            "use_tls": env_bool("SMTP_USE_TLS", False),
        },
    }
MAILERS = {"default": _MAILER}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Step Up <no-reply@stepup.example>")
SERVICE_URL = os.environ.get("SERVICE_URL", "http://127.0.0.1:8000")

# Retention schedule (docs/data-retention.md): months after a cohort's recruitment closes
# before candidates not recruited, and drafts never submitted, are erased; days a finished
# background task's result (which may hold an email's body) is kept.
RETENTION_UNSUCCESSFUL_MONTHS = int(os.environ.get("RETENTION_UNSUCCESSFUL_MONTHS", "12"))
RETENTION_DRAFT_MONTHS = int(os.environ.get("RETENTION_DRAFT_MONTHS", "12"))
RETENTION_TASK_RESULT_DAYS = int(os.environ.get("RETENTION_TASK_RESULT_DAYS", "7"))

# Background work: the database queue and its worker; immediate when testing.
TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend"
        if env_bool("TASKS_IMMEDIATE", False)
        else "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
}

if not DEBUG:
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
