"""Settings shared by every environment; configuration comes from the environment only."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-development-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "sikhi.errors.csrf_failure"  # the 403 page in the layout
# Reverse proxies in front of the server that each append their peer's address to X-Forwarded-For. 0: the
# header is ignored and REMOTE_ADDR is the client (sikhi/client.py); the rate limits and lock-outs key on it.
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "channels",
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "disputes",
    "mediation",
    "chat",
    "documents",
    "severance",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "sikhi.middleware.RejectNulMiddleware",
    "sikhi.middleware.PageErrorsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "sikhi.urls"
ASGI_APPLICATION = "sikhi.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "chat.context_processors.notifications",
            ],
        },
    },
]

# Database: PostgreSQL from DATABASE_URL; without it, the embedded SQLite default.
if env("DATABASE_URL", default=""):
    DATABASES = {"default": env.db("DATABASE_URL")}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Under ASGI persistent connections leak; use psycopg's pool with CONN_MAX_AGE=0.
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = env.bool("SIKHI_DB_POOL", default=True)
else:
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "var" / "db.sqlite3",
            # IMMEDIATE makes every atomic block take the write lock at BEGIN, so concurrent
            # transitions serialise on SQLite as they do on PostgreSQL with row locks.
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }

# Channel layer and cache: Redis from REDIS_URL; without it, in-process defaults.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            # The pub/sub layer (channels-redis): one PUBLISH per event, read once per process and handed to
            # its sockets in memory, where the core layer wrote one sorted-set entry per member socket and
            # popped each with its own round trip. Measured in bench/README.md (2026-12-04): twice the
            # deliveries/s of one process at p99 <= 100 ms. Like the core layer it is lossy (an event
            # published while Redis is unreachable is lost; the sockets repair gaps in `seq` from the
            # database); unlike it there is no per-channel capacity (shared/tech-notes.md 2.1).
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {
                "hosts": [{"address": REDIS_URL, "max_connections": 1000}],
                "prefix": env("SIKHI_CHANNEL_PREFIX", default="sikhi"),
            },
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("SIKHI_CACHE_PREFIX", default="sikhi"),
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/masuk/"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]

# Uploaded evidence and generated documents: never under a public URL; served only by views
# that check permission.
PRIVATE_MEDIA_ROOT = Path(env("SIKHI_PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "var" / "private")))
STORAGES = {
    "default": {"BACKEND": "sikhi.storage.PrivateStorage"},
    "private": {"BACKEND": "sikhi.storage.PrivateStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 11 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
SIKHI_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# The SMTP server (used when DJANGO_EMAIL_BACKEND is the SMTP backend, the production default). Mail is sent by
# the worker's background jobs (chat/mail.py), so a slow server delays only the worker, never a web process.
EMAIL_HOST = env("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=587)
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("DJANGO_EMAIL_USE_TLS", default=True)
EMAIL_TIMEOUT = env.int("DJANGO_EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="SIKHI <noreply@sikhi.localhost>")
SIKHI_BASE_URL = env("SIKHI_BASE_URL", default="http://127.0.0.1:8000")

# The office's signing certificate (PKCS#12: key, certificate and chain): every generated document is signed with
# it (documents/signing.py). The development default is made by `manage.py make_dev_signing_cert` (`make run`);
# production has no default (sikhi/settings/production.py).
SIKHI_SIGNING_P12 = env("SIKHI_SIGNING_P12", default=str(BASE_DIR / "var" / "signing" / "office.p12"))
SIKHI_SIGNING_PASSPHRASE = env("SIKHI_SIGNING_PASSPHRASE", default="sikhi-dev")

# Background jobs (django-tasks, the backport of Django 6's django.tasks): slow work (sending e-mail, rendering and
# signing documents) is queued in the database and done by the worker (`manage.py run_worker`), never on the web
# process's database thread. The worker runs each queue in its own thread, so a hanging SMTP server ("default":
# e-mail) never holds up documents ("documents") and a long rendering never holds up e-mail.
TASK_QUEUES = ["default", "documents"]
TASKS = {"default": {"BACKEND": env("SIKHI_TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
                     "QUEUES": TASK_QUEUES}}

# Workflow settings.
SIKHI_INVITATION_DAYS = env.int("SIKHI_INVITATION_DAYS", default=7)
SIKHI_AUTH_RATE = env("SIKHI_AUTH_RATE", default="20/m")
SIKHI_LOGIN_FAILURES = env.int("SIKHI_LOGIN_FAILURES", default=5)
SIKHI_LOGIN_LOCK_SECONDS = env.int("SIKHI_LOGIN_LOCK_SECONDS", default=15 * 60)
SIKHI_LOGIN_ACCOUNT_FAILURES = env.int("SIKHI_LOGIN_ACCOUNT_FAILURES", default=100)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first so that an anonymous request answers 401 with WWW-Authenticate.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "sikhi.nul.JSONParser",
        "sikhi.nul.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "sikhi.api.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {"auth": SIKHI_AUTH_RATE},
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "SIKHI API",
    "DESCRIPTION": (
        "Online settlement of Indonesian industrial-relations disputes. Contract: shared/spec/api.md; "
        "workflow: shared/spec/workflow.md. Errors always have the shape "
        '{"error": {"code", "message", "details"}}.'
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "SideEnum": "mediation.models.Side",
        "AttendanceEnum": "mediation.models.Attendance",
        "SessionKindEnum": "mediation.models.SessionKind",
        "HolidayKindEnum": ["national", "cuti_bersama", "override"],
        "DisputeTypeEnum": "disputes.models.DisputeType",
        "DisputeStateEnum": "disputes.models.DisputeState",
        "PartyKindEnum": "disputes.parties.PartyKind",
        "DocumentKindEnum": "documents.models.DocumentKind",
        "AgreementItemKindEnum": "mediation.models.ItemKind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"channels_redis": {"level": "WARNING"}},
}
