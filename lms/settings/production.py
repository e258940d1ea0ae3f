"""Production settings: refuse to start without the secrets and services they need."""

from .base import *  # noqa: F403
from .base import ATTUNE, env

DEBUG = False
SECRET_KEY = env.str("DJANGO_SECRET_KEY")  # no default: a missing key is a failed start
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")

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
