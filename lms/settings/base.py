"""Attune settings shared by every environment, read from the environment (django-environ).

Not used on its own: ``local`` (``make run``), ``test`` (pytest) and ``production`` (the
default of manage.py, wsgi.py, asgi.py and the Celery app) build on it. With no variable
set, the services are the embedded ones of ``make run``: SQLite in WAL mode and kombu's
SQLAlchemy transport on a second SQLite file, both in ``var/``; production refuses them.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(environ.Env().str("ATTUNE_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# No SECRET_KEY here: local and test set a fixed one, production requires a real one.
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "accounts",
    "activity",
    "courses",
    "exercises",
    "learning",
    "authoring",
    "hr",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "integrations",
    "lti",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lms.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"
ASGI_APPLICATION = "lms.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "lms" / "templates"],
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

# --- Database ------------------------------------------------------------------
# PostgreSQL when DATABASE_URL is set; otherwise SQLite tuned so the web process and
# the worker can write at the same time: WAL lets readers run beside one writer, the
# busy timeout makes a second writer wait instead of failing with "database is locked",
# and IMMEDIATE transactions take the write lock up front, so no deadlock on upgrade.
SQLITE_PATH = VAR_DIR / "attune.sqlite3"
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL",
        default=f"sqlite:///{SQLITE_PATH}",
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the zero-setup default must just work
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "learning:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# SMTP (EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend) is configured here.
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
EMAIL_FILE_PATH = str(VAR_DIR / "mail")  # for EMAIL_BACKEND=...filebased.EmailBackend
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Attune <attune@localhost>")

# --- Celery -------------------------------------------------------------------
# Redis when CELERY_BROKER_URL (or REDIS_URL) is set; otherwise the embedded broker:
# kombu's SQLAlchemy transport on its own SQLite file (not the app's database, so the
# broker's polling never holds the app's write lock). Each write is one short
# transaction and the worker takes a message with BEGIN IMMEDIATE, so several
# processes share it safely (the filesystem transport it replaced crashed the worker
# with JSONDecodeError when they did: kombu issue 1551). lms/celery.py logs which one.
EMBEDDED_BROKER_PATH = VAR_DIR / "broker.sqlite3"
CELERY_BROKER_URL = (
    env.str("CELERY_BROKER_URL", default=env.str("REDIS_URL", default=""))
    or f"sqla+sqlite:///{EMBEDDED_BROKER_PATH}"
)
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object]
if CELERY_BROKER_URL.startswith("sqla+sqlite"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # How long the worker sleeps when it finds nothing to take (lms/embedded_broker.py):
        # the learner waits up to this long more for feedback.
        "polling_interval": 0.05,
        # For SQLAlchemy's create_engine: a writer waits up to 30 s for SQLite's lock.
        "engine_options": {"connect_args": {"timeout": 30}},
    }
    # The embedded broker carries tasks only: no broadcast (remote control), no task
    # events. The worker also runs without mingle, gossip and heartbeat (supervisord.conf).
    CELERY_WORKER_ENABLE_REMOTE_CONTROL = False
    CELERY_WORKER_SEND_TASK_EVENTS = False
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # A message not acknowledged within this time is redelivered: longer than the
        # hard time limit, so a slow grading is never run twice in parallel.
        "visibility_timeout": 3600,
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="attune")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 30
CELERY_TASK_TIME_LIMIT = 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Publishing must not hang a learner's request when the broker is down: fail fast,
# the submission stays "submitted" and the recovery sweep queues it later.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "requeue-stuck-submissions": {
        "task": "exercises.tasks.sweep_stuck_submissions",
        "schedule": timedelta(seconds=env.int("ATTUNE_SWEEP_INTERVAL", default=60)),
    },
    # Events not yet fanned out to webhooks/xAPI, lost deliveries, unpushed statements.
    "integrations-sweep": {
        "task": "integrations.tasks.sweep_integrations",
        "schedule": timedelta(seconds=env.int("ATTUNE_SWEEP_INTERVAL", default=60)),
    },
    # LTI grade passback: results no task recorded, scores whose message was lost.
    "lti-sweep": {
        "task": "lti.tasks.sweep_lti",
        "schedule": timedelta(seconds=env.int("ATTUNE_SWEEP_INTERVAL", default=60)),
    },
    # HR reminders: each message has a unique key, so a beat that runs twice sends once.
    "hr-due-reminders": {
        "task": "hr.tasks.send_due_reminders",
        "schedule": timedelta(minutes=env.int("ATTUNE_REMINDER_INTERVAL_MINUTES", default=60)),
    },
    "hr-overdue-notices": {
        "task": "hr.tasks.send_overdue_notices",
        "schedule": timedelta(minutes=env.int("ATTUNE_REMINDER_INTERVAL_MINUTES", default=60)),
    },
    # Refresher invitations some weeks after completion, through the same ledger.
    "hr-refresher-invitations": {
        "task": "hr.tasks.send_refresher_invitations",
        "schedule": timedelta(minutes=env.int("ATTUNE_REMINDER_INTERVAL_MINUTES", default=60)),
    },
    "hr-weekly-digests": {
        "task": "hr.tasks.send_weekly_digests",
        "schedule": crontab(minute=0, hour=7, day_of_week="mon"),
    },
    "hr-expire-certifications": {
        "task": "hr.tasks.expire_certifications",
        "schedule": crontab(minute=30, hour=2),
    },
}

# --- Attune -------------------------------------------------------------------
ATTUNE = {
    "ANSWER_MAX_CHARS": 10_000,
    # A submission still not graded this long after its last state change is
    # re-queued by the sweep; longer than the task's hard time limit.
    "STUCK_AFTER_SECONDS": env.int("ATTUNE_STUCK_AFTER_SECONDS", default=120),
    "MAX_GRADING_ATTEMPTS": 3,
    # seed_demo and seed_demo_integrator create accounts with a published password:
    # only the local and test settings allow it.
    "DEMO_ACCOUNTS_ALLOWED": False,
    "REVIEW_CONFIDENCE_BELOW": 0.35,
    # Links in reminder emails point here.
    "SITE_URL": env.str("ATTUNE_SITE_URL", default="http://127.0.0.1:8000"),
    # Days before the due date a learner is reminded, unless the course policy says otherwise.
    "REMIND_DAYS_BEFORE": env.int("ATTUNE_REMIND_DAYS_BEFORE", default=7),
    # Integrations (defaults and meaning in integrations/conf.py).
    "XAPI_LRS_URL": env.str("ATTUNE_XAPI_LRS_URL", default=""),
    "XAPI_LRS_USERNAME": env.str("ATTUNE_XAPI_LRS_USERNAME", default=""),
    "XAPI_LRS_PASSWORD": env.str("ATTUNE_XAPI_LRS_PASSWORD", default=""),
    # Webhook receivers on this machine or a private network: fine in development, refused
    # in production (lms/settings/production.py) so a URL cannot reach internal services.
    "WEBHOOK_ALLOW_PRIVATE_TARGETS": env.bool("ATTUNE_WEBHOOK_ALLOW_PRIVATE_TARGETS", default=True),
}

REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}

# The integrator API (/api/v1/): OpenAPI 3 via drf-spectacular, docs served locally.
# The payload of each webhook, documented under the schema's `webhooks`.
WEBHOOK_DOCS = (
    "ENROLLMENT_CREATED", "ENROLLMENT_CANCELLED", "ENROLLMENT_OVERDUE", "SUBMISSION_GRADED",
    "STAGE_COMPLETED", "COURSE_COMPLETED", "LEARNER_EMPLOYEE_ID_CHANGED",
)  # fmt: skip
SPECTACULAR_SETTINGS = {
    "TITLE": "Attune integrator API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "PREPROCESSING_HOOKS": ["integrations.api.schema.only_integrator_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "integrations.api.schema.describe",
        "integrations.api.schema.no_nul_in_request_text",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # 3.1 for its `webhooks`: the payloads Attune POSTs to subscribed endpoints.
    "OAS_VERSION": "3.1.0",
    "ENUM_NAME_OVERRIDES": {
        "DeliveryStatusEnum": "integrations.models.DeliveryStatus",
        "EnrollmentStatusEnum": "integrations.api.serializers.STATUSES",
    },
    "WEBHOOKS": [f"integrations.api.webhook_docs.{name}" for name in WEBHOOK_DOCS],
}

# Shared cache (rate limits per integrator): CACHE_URL (e.g. redis://host:6379/1), else
# Redis at REDIS_URL, else a per-process memory cache (development only: production
# refuses it, since each process would count its own rate limits).
if env.str("CACHE_URL", default=""):
    CACHES = {"default": {**env.cache_url("CACHE_URL"), "KEY_PREFIX": "attune"}}
elif env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("REDIS_URL"),
            "KEY_PREFIX": "attune",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

STATICFILES_DIRS = [BASE_DIR / "lms" / "static"]

# --- Guards and operations (issue 11: login protection, metrics, logs) ------------
# One block so the settings split can move it whole. Every variable is in the README.
INSTALLED_APPS += ["axes"]
MIDDLEWARE = [
    "lms.observability.RequestIdMiddleware",  # first: every log line of the request has the id
    "lms.metrics.RequestMetricsMiddleware",
    *MIDDLEWARE,
    "lms.middleware.BadFormEncodingMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a refused login into the lockout page
]
# Axes refuses a login (the right password too) once an account or an address has
# ATTUNE_LOGIN_FAILURE_LIMIT failures within the cool-off; HR or staff can unlock sooner.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Passwords, except for an organisation that signs in only with its provider.
    "accounts.sso.backends.OrganisationPasswordBackend",
    # Keeps people signed in who came through single sign-on (accounts/sso/).
    "accounts.sso.backends.SingleSignOnBackend",
    # Keeps people signed in whom an LTI 1.3 launch signed in (lti/).
    "lti.backends.LtiLaunchBackend",
]
ATTUNE_LOGIN_FAILURE_LIMIT = env.int("ATTUNE_LOGIN_FAILURE_LIMIT", default=5)
ATTUNE_LOGIN_COOLOFF_MINUTES = env.int("ATTUNE_LOGIN_COOLOFF_MINUTES", default=15)
# Proxies in front of Django that append to X-Forwarded-For (0: the socket is the client).
ATTUNE_TRUSTED_PROXY_COUNT = env.int("ATTUNE_TRUSTED_PROXY_COUNT", default=0)
AXES_FAILURE_LIMIT = ATTUNE_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=ATTUNE_LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one reaching the limit locks
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_address"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # failures are what we count; successes need no table
AXES_VERBOSE = False
# Unlocking is the "Unlock sign-in" action on people (admin) and the learner page (HR);
# the raw attempt tables stay out of the admin, where they would not be organisation-scoped.
AXES_ENABLE_ADMIN = False

# Readiness (/readyz) gives the broker this long to answer before calling it failed.
ATTUNE_READY_TIMEOUT_SECONDS = env.float("ATTUNE_READY_TIMEOUT_SECONDS", default=2.0)
# Prometheus metrics at /metrics: answered to a bearer token (when set) or to the listed
# addresses (the client address as ATTUNE_TRUSTED_PROXY_COUNT finds it); others get 403.
ATTUNE_METRICS_TOKEN = env.str("ATTUNE_METRICS_TOKEN", default="")
ATTUNE_METRICS_ALLOWED_IPS = env.list("ATTUNE_METRICS_ALLOWED_IPS", default=["127.0.0.1", "::1"])
# Several processes (gunicorn workers, the Celery pool) write their samples here; each
# process removes, as it starts, the files of processes no longer running (lms/metrics.py).
ATTUNE_METRICS_DIR = env.str("PROMETHEUS_MULTIPROC_DIR", default=str(VAR_DIR / "metrics"))
# prometheus-client picks multiprocess mode from the environment when first imported,
# which is after the settings (lms.metrics is only imported by middleware and signals).
os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", ATTUNE_METRICS_DIR)
Path(ATTUNE_METRICS_DIR).mkdir(parents=True, exist_ok=True)
# LOG_FORMAT=json: one JSON object a line with request_id / task_id; plain otherwise.
LOGGING = {
    **LOGGING,
    "filters": {"ids": {"()": "lms.observability.IdsFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s%(ids)s: %(message)s"},
        "json": {
            "()": "lms.observability.JsonLogFormatter",
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
            "fmt": ["asctime", "levelname", "name", "message", "request_id", "task_id"],
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env.str("LOG_FORMAT", default="plain"),
            "filters": ["ids"],
        }
    },
    # Axes logs every login at INFO; failures and lockouts come at WARNING.
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

# --- Single sign-on (issue 13: OpenID Connect per organisation, accounts/sso/) -------
# Fernet keys that seal stored secrets (OIDC client secrets): the first seals, all open,
# so a new key goes first. Empty: one derived from SECRET_KEY (fine until SECRET_KEY changes).
ATTUNE_SECRET_KEYS = env.list("ATTUNE_SECRET_KEYS", default=[])
