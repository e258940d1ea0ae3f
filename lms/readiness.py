"""Readiness: can this process serve real work? The database, the broker and the cache
each get one cheap question; the answer names whatever failed."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection


def database_check() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def broker_check() -> None:
    from lms.celery import app

    with app.connection_for_write(connect_timeout=settings.ATTUNE_READY_TIMEOUT_SECONDS) as broker:
        broker.ensure_connection(
            max_retries=1, interval_start=0, timeout=settings.ATTUNE_READY_TIMEOUT_SECONDS
        )


def cache_check() -> None:
    # A write and a read back: a cache that accepts writes but loses them is not ready
    # (rate limits and login counters rely on it).
    key, token = "readyz", uuid.uuid4().hex
    cache.set(key, token, timeout=10)
    if cache.get(key) != token:
        raise RuntimeError("the cache did not keep a value")


CHECKS: dict[str, Callable[[], None]] = {
    "database": database_check,
    "broker": broker_check,
    "cache": cache_check,
}


def readiness() -> dict[str, str]:
    """``{"database": "ok", "broker": "failed (OperationalError)", ...}``; only the error's
    type is given, since the probe is public and messages may name hosts."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception as error:
            results[name] = f"failed ({type(error).__name__})"
    return results
