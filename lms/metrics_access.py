"""Who may read /metrics, and the page itself (all processes added up)."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import HttpRequest


def metrics_allowed(request: HttpRequest) -> bool:
    """The configured bearer token, or a request from an allowed address."""
    from accounts.lockout import client_address

    token = settings.ATTUNE_METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(header.encode(), f"Bearer {token}".encode()):
        return True
    return client_address(request) in settings.ATTUNE_METRICS_ALLOWED_IPS


def metrics_exposition() -> tuple[bytes, str]:
    """The text exposition format, summed over every process's samples."""
    from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
    from prometheus_client.multiprocess import MultiProcessCollector

    from .metrics import QueueCollector

    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=settings.ATTUNE_METRICS_DIR)
    registry.register(QueueCollector())
    return generate_latest(registry), CONTENT_TYPE_LATEST
