"""Integration settings, read from ``settings.ATTUNE`` when used (never at import)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Where Attune is reachable: the base of xAPI activity ids and certificate links.
    "SITE_URL": "http://127.0.0.1:8000",
    # A receiver must answer within this; a slow receiver must not hold a worker.
    "WEBHOOK_TIMEOUT_SECONDS": 5,
    # Retries wait 2, 4, 8 … seconds, never more than the cap: 12 attempts span ~1.5 h.
    "WEBHOOK_MAX_ATTEMPTS": 12,
    "WEBHOOK_BACKOFF_CAP_SECONDS": 3600,
    # This many failed attempts in a row (any events) disable the subscription.
    "WEBHOOK_DISABLE_AFTER_FAILURES": 20,
    # Allow webhook URLs on loopback / private networks (development and tests only).
    "WEBHOOK_ALLOW_PRIVATE_TARGETS": False,
    # A Learning Record Store to push xAPI statements to; empty means none.
    "XAPI_LRS_URL": "",
    "XAPI_LRS_USERNAME": "",
    "XAPI_LRS_PASSWORD": "",
    "XAPI_MAX_PUSH_ATTEMPTS": 10,
}


def setting(name: str) -> Any:
    return settings.ATTUNE.get(name, DEFAULTS[name])


def backoff_seconds(attempt: int) -> int:
    """Wait before retry number ``attempt`` (1-based): 2**attempt, capped."""
    return int(min(2**attempt, setting("WEBHOOK_BACKOFF_CAP_SECONDS")))
