"""Shared OpenAPI pieces: the error responses and the headers every endpoint documents."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse

from .errors import PROBLEM_JSON, ProblemSerializer, problem

_ERRORS = {
    400: (
        "The request is not valid.",
        "validation_error",
        "The request is not valid; see 'fields'.",
    ),
    401: (
        "The credential is missing, unknown, revoked or expired.",
        "invalid_credentials",
        "The credential is unknown, revoked or expired.",
    ),
    403: (
        "The credential lacks the scope this endpoint needs.",
        "missing_scope",
        "This credential lacks the scope 'progress:read'.",
    ),
    404: (
        "No such object in your organisation.",
        "not_found",
        "Not found.",
    ),
    409: (
        "The Idempotency-Key was already used with a different request.",
        "idempotency_key_reused",
        "This Idempotency-Key was used with a different request; use a new key.",
    ),
    415: (
        "The body must be JSON (Content-Type: application/json).",
        "unsupported_media_type",
        'Unsupported media type "text/plain" in request.',
    ),
    429: (
        "This credential sent too many requests; wait for Retry-After seconds.",
        "rate_limited",
        "Too many requests for this credential; retry after 'retry_after' seconds.",
    ),
}


def errors(*codes: int) -> dict[tuple[int, str], OpenApiResponse]:
    """Error responses for ``codes``, plus the 401 and 429 every endpoint can return, as
    ``application/problem+json`` (RFC 9457)."""
    responses = {}
    for status in sorted({*codes, 401, 429}):
        description, code, message = _ERRORS[status]
        example = problem(status=status, code=code, message=message, instance="/api/v1/…")
        if status == 400:
            example["fields"] = {"due_at": ["Enter a valid date/time."]}
        if status == 429:
            example["retry_after"] = 12
        responses[(status, PROBLEM_JSON)] = OpenApiResponse(
            ProblemSerializer,
            description=description,
            examples=[
                OpenApiExample(code, value=example, response_only=True, status_codes=[status])
            ],
        )
    return responses


IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    {"type": "string", "minLength": 1, "maxLength": 200},
    OpenApiParameter.HEADER,
    description=(
        "Any unique string (a UUID is ideal), kept for 24 hours. Repeating a request with "
        "the same key returns the first response and changes nothing; reusing the key for "
        "a different request is a 409."
    ),
)
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="The ETag from an earlier response: 304 without a body if nothing changed.",
)
ETAG = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200, 304],
    description="A strong validator of this representation; send it back as If-None-Match.",
)
NOT_MODIFIED = OpenApiResponse(description="Not modified: your copy (If-None-Match) is current.")
RETRY_AFTER = OpenApiParameter(
    "Retry-After",
    OpenApiTypes.INT,
    OpenApiParameter.HEADER,
    response=[429],
    description="Seconds until this credential may send requests again.",
)
