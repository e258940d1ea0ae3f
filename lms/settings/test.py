"""Test settings: PostgreSQL and Redis from the environment, fast password hashing."""

from .base import *  # noqa: F403
from .base import ATTUNE, env

SECRET_KEY = "test-only-insecure-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ATTUNE = {
    **ATTUNE,
    "STUCK_AFTER_SECONDS": env.int("ATTUNE_STUCK_AFTER_SECONDS", default=5),
    "DEMO_ACCOUNTS_ALLOWED": True,
}
