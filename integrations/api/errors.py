"""Every API error as an RFC 9457 problem (``application/problem+json``): ``type``,
``title``, ``status``, ``detail``, ``instance``, plus our stable ``code`` (and ``message``,
the same as ``detail``), ``fields`` for validation errors, ``retry_after`` for rate limits."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler

from integrations.errors import IntegrationError


class PayloadTooLarge(exceptions.APIException):
    status_code = 413
    default_detail = "The request body is too large."


CODES: dict[type[Exception], str] = {
    exceptions.ValidationError: "validation_error",
    exceptions.ParseError: "malformed_request",
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.AuthenticationFailed: "invalid_credentials",
    exceptions.PermissionDenied: "missing_scope",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.Throttled: "rate_limited",
    PayloadTooLarge: "payload_too_large",
}


PROBLEM_JSON = "application/problem+json"
PROBLEM_TYPE = "urn:attune:problem:"  # + the code: a stable URI naming the kind of problem


class ProblemSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="`urn:attune:problem:<code>`.")
    title = serializers.CharField(help_text="The HTTP status, in words.")
    status = serializers.IntegerField(help_text="The HTTP status code.")
    detail = serializers.CharField(help_text="What went wrong, for a person.")
    instance = serializers.CharField(help_text="The path of the request that failed.")
    code = serializers.CharField(help_text="Stable, machine-readable error code.")
    message = serializers.CharField(help_text="What went wrong, for a person.")
    fields = serializers.DictField(  # type: ignore[assignment]  # a field, not .fields
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Validation errors per input field (only with `validation_error`).",
    )
    retry_after = serializers.IntegerField(
        required=False, help_text="Seconds to wait (only with `rate_limited`)."
    )


def problem(*, status: int, code: str, message: str, instance: str, **extra: Any) -> dict[str, Any]:
    """The body of an error response (RFC 9457), keeping our ``code`` and ``message``."""
    return {
        "type": f"{PROBLEM_TYPE}{code}",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": message,
        "instance": instance,
        "code": code,
        "message": message,
        **extra,
    }


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    response = _error_response(exc, context)
    if response is not None:
        path = context["request"].path if context.get("request") else ""
        code, message = response.data.pop("code"), response.data.pop("message")
        response.data = problem(
            status=response.status_code, code=code, message=message, instance=path,
            **response.data,
        )  # fmt: skip
        response.content_type = PROBLEM_JSON
    return response


def _error_response(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, IntegrationError):
        return Response({"code": exc.code, "message": exc.message}, status=exc.status_code)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, RequestDataTooBig):  # raised by Django as DRF reads the body
        exc = PayloadTooLarge(
            f"The request body is larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes."
        )
    response = exception_handler(exc, context)  # keeps Retry-After and WWW-Authenticate
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    code = next((c for t, c in CODES.items() if isinstance(exc, t)), "error")
    body: dict[str, Any] = {"code": code, "message": _message(exc)}
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        body["fields"] = {key: _flatten(value) for key, value in detail.items()}
    if isinstance(exc, exceptions.Throttled) and getattr(exc, "wait", None) is not None:
        body["retry_after"] = int(response.headers.get("Retry-After", "1"))
    response.data = body
    return response


def _message(exc: exceptions.APIException) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return "The request is not valid; see 'fields'."
    if isinstance(exc, exceptions.Throttled):
        return "Too many requests for this credential; retry after 'retry_after' seconds."
    return str(exc.detail)


def _flatten(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [f"{key}: {msg}" for key, inner in value.items() for msg in _flatten(inner)]
    if isinstance(value, list):
        return [msg for item in value for msg in _flatten(item)]
    return [str(value)]


@csrf_exempt  # no session is involved: an unknown path is a 404 for every method
def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Unknown paths under /api/v1/ answer in the API's error shape too."""
    body = problem(
        status=404, code="not_found", message="No such API endpoint.", instance=request.path
    )
    return JsonResponse(body, status=404, content_type=PROBLEM_JSON)
