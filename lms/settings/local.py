"""Development settings, chosen explicitly by ``make run``: a fixed dev secret and the embedded
services of ``base`` (SQLite in WAL mode, the SQLite broker) unless DATABASE_URL / REDIS_URL
say otherwise. DEBUG is off unless DJANGO_DEBUG=true: a newcomer trying the demo sees the
pages a learner sees (styled 404/403/500), not Django's debug pages."""

from .base import *  # noqa: F403
from .base import ATTUNE, env

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# Public on purpose: these settings never serve real users (production refuses this key).
SECRET_KEY = "dev-only-insecure-key-change-me"
ATTUNE = {**ATTUNE, "DEMO_ACCOUNTS_ALLOWED": True}
