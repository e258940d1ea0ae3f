"""The one error type of the integrations app; the API maps it to HTTP in one place."""

from __future__ import annotations


class IntegrationError(Exception):
    """A request the integrations app refuses; ``code`` is stable, ``message`` human."""

    status_code = 400
    code = "invalid_request"

    def __init__(self, message: str, *, code: str | None = None, status_code: int | None = None):
        super().__init__(message)
        self.message = message
        self.code = code or self.code
        self.status_code = status_code or self.status_code


class IdempotencyConflict(IntegrationError):
    status_code = 409
    code = "idempotency_key_reused"
