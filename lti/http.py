"""HTTP to platforms: every call has a timeout (a person, or a worker, is waiting)."""

from __future__ import annotations

from typing import Any

import requests
from pylti1p3.service_connector import REQUESTS_USER_AGENT

TIMEOUT_SECONDS = 10


class PlatformSession(requests.Session):
    def __init__(self) -> None:
        super().__init__()
        self.headers["User-Agent"] = f"Attune {REQUESTS_USER_AGENT}"

    def request(self, *args: Any, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", TIMEOUT_SECONDS)
        return super().request(*args, **kwargs)
