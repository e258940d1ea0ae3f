"""A request budget per credential, counted in the shared cache (Redis in production)."""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from integrations.models import ApiClient


class ClientRateThrottle(SimpleRateThrottle):
    """``ApiClient.rate_limit`` requests per minute, sliding window; DRF answers 429 with
    ``Retry-After`` once it is spent."""

    def __init__(self) -> None:  # the rate is per client, known only once authenticated
        self.rate = None

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        client = request.auth
        return f"throttle:integrator:{client.key_id}" if isinstance(client, ApiClient) else None

    def allow_request(self, request: Request, view: Any) -> bool:
        client = request.auth
        if not isinstance(client, ApiClient):
            return True
        self.rate = f"{client.rate_limit}/min"
        self.num_requests, self.duration = client.rate_limit, 60
        return super().allow_request(request, view)
