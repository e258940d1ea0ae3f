"""A request budget per credential, counted atomically in the shared cache (Redis in
production, so every web worker counts against the same budget)."""

from __future__ import annotations

import math
import time
from typing import Any

from django.core.cache import cache
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from integrations.models import ApiClient

WINDOW = 60  # seconds: ``ApiClient.rate_limit`` is per minute


class ClientRateThrottle(BaseThrottle):
    """``ApiClient.rate_limit`` requests per minute; DRF answers 429 with ``Retry-After``
    once it is spent.

    A sliding-window counter: one counter per minute, and the request counts against the
    current minute plus the previous minute's count weighted by how much of it still lies
    in the last 60 seconds. The counter is bumped with an atomic INCR before deciding (a
    read-then-write history, DRF's default, let 8-14 % extra through under concurrency),
    and given back when the request is refused, so refusals do not eat the next budget.
    """

    def __init__(self) -> None:
        self._wait: float | None = None

    def allow_request(self, request: Request, view: Any) -> bool:
        client = request.auth
        if not isinstance(client, ApiClient):
            return True
        now = time.time()
        window, elapsed = divmod(now, WINDOW)
        key = f"throttle:integrator:{client.key_id}:{int(window)}"
        previous = cache.get(f"throttle:integrator:{client.key_id}:{int(window) - 1}", 0)
        cache.add(key, 0, timeout=2 * WINDOW + 5)  # no-op when it exists: atomic too
        current = cache.incr(key)
        weighted = previous * (WINDOW - elapsed) / WINDOW
        if current + weighted <= client.rate_limit:
            return True
        cache.decr(key)
        # Wait until enough of the previous minute has slid out (or the next minute).
        over = current + weighted - client.rate_limit
        self._wait = (
            min(WINDOW - elapsed, over * WINDOW / previous) if previous else (WINDOW - elapsed)
        )
        return False

    def wait(self) -> float | None:
        return None if self._wait is None else max(1.0, math.ceil(self._wait))
