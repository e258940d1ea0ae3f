"""The one error type of SCIM: every refusal becomes an RFC 7644 §3.12 error body."""

from __future__ import annotations


class ScimError(Exception):
    """A SCIM request refused with ``status`` and, where RFC 7644 names one, a
    ``scim_type`` (``uniqueness``, ``invalidFilter``, ``invalidValue``, …)."""

    def __init__(
        self,
        status: int,
        detail: str,
        scim_type: str | None = None,
        *,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.scim_type = scim_type
        self.headers = headers or {}
