"""Festwoche settings: one module, configured by environment variables.

With no environment it runs anywhere (SQLite under var/, eager Celery, local-memory
cache, e-mails written to var/mail/). DATABASE_URL, CELERY_BROKER_URL, REDIS_URL and
EMAIL_URL switch to the production shape of docker-compose.yml.
"""

import os
from pathlib import Path

import dj_database_url
import dj_email_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("FESTWOCHE_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


DEBUG = env_bool("DJANGO_DEBUG", True)
_DEV_SECRET = "django-insecure-festwoche-development-only-never-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", _DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# The public URL of the site, used in e-mails and feeds where no request is at hand.
SITE_URL = os.environ.get("FESTWOCHE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "events",
    "registrations",
    "volunteers",
    "calendars",
    "printing",
    # The sub-event modules before planning: their demo adds events, and the
    # planning demo's releases record the programme as the demo leaves it.
    "subevents.conference",
    "subevents.cinema",
    "subevents.charity_run",
    "subevents.flea_market",
    "planning",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "festwoche.middleware.ChosenLanguageMiddleware",
    # The database away: 503 with Retry-After instead of a 500.
    "festwoche.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Who acts, for the audit log of services that are not told (events.audit).
    "events.audit.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, so its 429 page still gets every header above.
    "festwoche.login_throttle.LoginThrottleMiddleware",
]

ROOT_URLCONF = "festwoche.urls"
WSGI_APPLICATION = "festwoche.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "events.context_processors.festival",
                "festwoche.context_processors.service_status",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get(
                "FESTWOCHE_SQLITE_PATH", VAR_DIR / "festwoche.sqlite3"
            ),
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so a check-then-write inside
                # one atomic block cannot interleave with another writer (the SQLite
                # counterpart of PostgreSQL's row lock); the timeout makes writers wait
                # instead of failing with "database is locked".
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, but Redis down is a miss, not a 500 (short socket
            # timeouts, the rate limits fail open): festwoche/cache.py.
            "BACKEND": "festwoche.cache.DegradingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "festwoche",
            "TIMEOUT": 3600,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "festwoche",
            "TIMEOUT": 3600,
            # The default of 300 entries is less than one cached card per event of
            # a large programme: culling would throw out the pages with the cards.
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# --- Celery ---------------------------------------------------------------------------
CELERY_TASK_ALWAYS_EAGER = not os.environ.get("CELERY_BROKER_URL")
# Eager tasks still take a producer from the pool; the in-memory transport keeps
# that from pretending to reach an AMQP server on localhost.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or "memory://localhost/"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_IGNORE_RESULT = CELERY_RESULT_BACKEND is None
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Europe/Berlin"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis transport: a task a worker took but never acknowledged (acks_late; the
# worker was killed) goes back to the queue after visibility_timeout seconds. It
# must exceed the longest task and countdown (the print builds take minutes), so
# production keeps Celery's hour; a mail does not wait for it, the outbox relay
# sends the pending row within a minute. Tests set it to a few seconds. The socket
# timeouts keep a web request from hanging on a frozen broker when it publishes.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600")),
    "socket_timeout": 5,
    "socket_connect_timeout": 2,
}
# A publish from a request gives up after this many seconds (the outbox keeps the
# mail); Celery's default is 4.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# Periodic tasks (the beat container). Each is idempotent: a run missed while beat was
# down or doubled by two beats does no harm.
CELERY_BEAT_SCHEDULE = {
    # The e-mail outbox: mails whose task could not be published (broker down) or
    # whose last attempt failed, each sent once (events.tasks).
    "events-outbox-relay": {
        "task": "events.tasks.outbox_relay",
        "schedule": 60,
    },
    # Reminders two days before an event: hourly, each party once.
    "registrations-send-reminders": {
        "task": "registrations.tasks.send_reminders",
        "schedule": 60 * 60,
    },
    # Volunteers: tomorrow's shifts after the festival's reminder time, each once.
    "volunteers-send-reminders": {
        "task": "volunteers.tasks.send_reminders",
        "schedule": 15 * 60,
    },
    # Coordinators: the understaffed shifts, once a day in the last two weeks.
    "volunteers-send-digest": {
        "task": "volunteers.tasks.send_digest",
        "schedule": 60 * 60,
    },
    # Privacy: anonymise festivals whose retention period is over, nightly.
    "events-retention-run-due": {
        "task": "events.tasks.retention_run_due",
        "schedule": crontab(hour=3, minute=15),
    },
}

# --- E-mail ---------------------------------------------------------------------------
EMAIL_OUTBOX_DIR = VAR_DIR / "mail"
if os.environ.get("EMAIL_URL"):
    _email = dj_email_url.parse(os.environ["EMAIL_URL"])
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST = _email["EMAIL_HOST"]
    EMAIL_PORT = _email["EMAIL_PORT"]
    EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
    EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
    EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = EMAIL_OUTBOX_DIR
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Festwoche <festwoche@example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Auth -----------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": (
            "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
        )
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Staff land in the planning workspace; partners are sent on to their portal there.
LOGIN_REDIRECT_URL = "planning:dashboard"
LOGOUT_REDIRECT_URL = "events:programme"

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- REST framework -------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "events.drf.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "events.drf.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"anon": "600/min", "user": "2000/min"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Festwoche API",
    "DESCRIPTION": (
        "Programme, venues, partners and (for organisers) planning of the festival "
        "week."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

# --- Security (production) ------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
# The CSRF cookie stays readable by script: DRF's browsable API sends it back in
# the X-CSRFToken header (our own pages take the token from the form instead).
CSRF_COOKIE_HTTPONLY = False
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content-Security-Policy (django-csp). No inline script anywhere: every page's JS
# is a static file; the one template that must keep an inline <script>/<style>
# (the Swagger UI's, templates/drf_spectacular/swagger_ui.html) carries the
# request's nonce, which the header names only on responses that used it.
# Style *attributes* stay allowed (style-src-attr): the boards, the conference grid,
# the site plan and the colour swatches place and colour elements with computed
# values (grid rows, percentages, a sub-event's colour) that no static stylesheet
# can hold; an attribute cannot run script. <style> elements and stylesheets come
# from 'self' only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # One line per eager task drowns the output of `make run` and the tests.
        "celery.app.trace": {"level": "WARNING"},
    },
}
