"""The base of every SCIM view: the integrator credential (401), the ``scim:provision``
scope (403), the credential's rate limit (429), and every refusal as a SCIM error body
(RFC 7644 §3.12) in ``application/scim+json``."""

from types import SimpleNamespace
from typing import Any, cast

import orjson
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from pydantic import ValidationError
from scim2_models import Context, Error, SCIMException

from integrations.api.throttling import ClientRateThrottle
from integrations.models import ApiClient, Scope
from integrations.services.clients import api_client_authenticate

from .errors import ScimError
from .presenters import Locations
from .resources import POLICY

MEDIA_TYPE = "application/scim+json"


def scim_response(
    data: dict[str, Any] | None, *, status: int = 200, location: str | None = None
) -> HttpResponse:
    response = HttpResponse(
        orjson.dumps(data) if data is not None else b"",
        status=status,
        content_type=MEDIA_TYPE if data is not None else None,
    )
    if location:
        response.headers["Location"] = location
    return response


def error_response(error: Error) -> HttpResponse:
    status = error.status or 400
    body = error.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE)
    response = scim_response(body, status=status)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="attune-scim"'
    return response


def _authenticate(request: HttpRequest) -> ApiClient:
    kind, _, token = request.headers.get("Authorization", "").partition(" ")
    client = api_client_authenticate(token=token.strip()) if kind.lower() == "bearer" else None
    if client is None:
        raise ScimError(401, "Send a live integrator credential: 'Authorization: Bearer atn_…'.")
    if not client.has_scope(Scope.SCIM_PROVISION):
        raise ScimError(403, f"This credential lacks the scope '{Scope.SCIM_PROVISION}'.")
    throttle = ClientRateThrottle()
    if not throttle.allow_request(cast(Any, SimpleNamespace(auth=client)), None):
        wait = f"{throttle.wait() or 1:.0f}"
        raise ScimError(
            429, f"Too many requests; retry in {wait} s.", headers={"Retry-After": wait}
        )
    return client


@method_decorator(csrf_exempt, name="dispatch")  # a bearer credential, never a cookie
class ScimView(View):
    client: ApiClient

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            self.client = _authenticate(request)
            with POLICY:
                return cast(HttpResponse, super().dispatch(request, *args, **kwargs))
        except ScimError as error:
            response = error_response(
                Error(status=error.status, scim_type=error.scim_type, detail=error.detail)
            )
            for name, value in error.headers.items():
                response.headers[name] = value
            return response
        except SCIMException as error:
            return error_response(error.to_error())
        except ValidationError as error:
            return error_response(Error.from_validation_errors(error)[0])
        except IntegrityError:
            # Two requests raced past the service's own checks; the database kept one.
            return error_response(
                Error(status=409, scim_type="uniqueness", detail="The resource already exists.")
            )

    def http_method_not_allowed(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        raise ScimError(405, f"{request.method} is not allowed here.")

    @property
    def organisation_id(self) -> int:
        return self.client.organisation_id

    @property
    def locations(self) -> Locations:
        return Locations(self.request.build_absolute_uri("/scim/v2/"))

    def body(self) -> dict[str, Any]:
        try:
            data = orjson.loads(self.request.body or b"null")
        except orjson.JSONDecodeError as error:
            raise ScimError(400, f"The body is not JSON: {error}", "invalidSyntax") from error
        if not isinstance(data, dict):
            raise ScimError(400, "The body must be a JSON object.", "invalidSyntax")
        return data
