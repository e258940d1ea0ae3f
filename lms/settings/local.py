"""Development settings, chosen explicitly by ``make run``: DEBUG on, a fixed dev secret, and
the embedded services of ``base`` (SQLite in WAL mode, the SQLite broker) unless
DATABASE_URL / REDIS_URL say otherwise."""

from .base import *  # noqa: F403
from .base import ATTUNE, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# Public on purpose: these settings never serve real users (production refuses this key).
SECRET_KEY = "dev-only-insecure-key-change-me"
ATTUNE = {**ATTUNE, "DEMO_ACCOUNTS_ALLOWED": True}
