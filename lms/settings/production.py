"""Production settings, the default of manage.py, wsgi.py, asgi.py and the Celery app.

They refuse to start (ImproperlyConfigured, naming the variable to set) without a real
secret key, a real database, a real broker and a shared cache: the embedded services of
``make run`` would run, lose rate limits per process and serve with a public key.
Development is chosen explicitly (``DJANGO_SETTINGS_MODULE=lms.settings.local``).
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ATTUNE, CACHES, CELERY_BROKER_URL, DATABASES, env

DEBUG = False
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")

# Brokers that several machines can share; the embedded SQLite one is for `make run`.
PRODUCTION_BROKERS = ("redis://", "rediss://", "sentinel://", "amqp://", "amqps://")
DEVELOPMENT = "for development, use DJANGO_SETTINGS_MODULE=lms.settings.local (as `make run` does)"


def _refuse(problem: str) -> None:
    raise ImproperlyConfigured(f"Production settings: {problem}; {DEVELOPMENT}.")


if len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("dev-only", "test-only", "django-insecure")):
    _refuse("DJANGO_SECRET_KEY must be set to a random secret of at least 50 characters")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _refuse("DATABASE_URL must name a real database (postgres://...), not SQLite")
if not CELERY_BROKER_URL.startswith(PRODUCTION_BROKERS):
    _refuse("REDIS_URL or CELERY_BROKER_URL must name a real broker (redis://...)")
if "redis" not in CACHES["default"]["BACKEND"].lower():
    _refuse("CACHE_URL (or REDIS_URL) must name a shared Redis cache (redis://...)")
# Links in e-mails and the learners' xAPI identities are built from it: a loopback default
# would send people to their own machine and give integrators identities that change later.
SITE = urlsplit(env.str("ATTUNE_SITE_URL", default=""))
if SITE.scheme not in ("http", "https") or SITE.hostname in (None, "localhost", "127.0.0.1", "::1"):
    _refuse("ATTUNE_SITE_URL must be the public address people open (https://attune.example.com)")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Load balancers probe the backend over plain HTTP, without the proxy's header: the
# liveness, readiness and metrics views must answer them rather than redirect to https.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
# Webhooks go only to public addresses unless explicitly allowed (integrations/webhooks/targets.py).
ATTUNE = {
    **ATTUNE,
    "WEBHOOK_ALLOW_PRIVATE_TARGETS": env.bool(
        "ATTUNE_WEBHOOK_ALLOW_PRIVATE_TARGETS", default=False
    ),
}
# Behind a proxy on the same host every request comes from 127.0.0.1 unless
# ATTUNE_TRUSTED_PROXY_COUNT is set, so production allows no address by default: scrape
# /metrics with ATTUNE_METRICS_TOKEN, or list the scraper's address explicitly.
ATTUNE_METRICS_ALLOWED_IPS = env.list("ATTUNE_METRICS_ALLOWED_IPS", default=[])
