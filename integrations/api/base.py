"""The base of every integrator API class: credential, scope, rate limit, error shape."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, cast

import orjson
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from drf_orjson_renderer.renderers import ORJSONRenderer
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.views import APIView

from integrations.models import ApiClient

from .authentication import ApiClientAuthentication
from .errors import api_exception_handler
from .permissions import HasScope
from .throttling import ClientRateThrottle


class JsonParser(JSONParser):
    """DRF's JSON parser, with absurdly deep nesting a parse error rather than a crash
    (Python's decoder raises RecursionError, which DRF does not catch)."""

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError("JSON parse error - nested too deeply.") from error


class JsonRenderer(ORJSONRenderer):
    """JSON rendered by orjson: a full sync is megabytes of JSON, and the standard
    library's encoder spent about a third of each page's time on it. Instants in UTC end
    in ``Z``, as DRF writes them."""

    options = orjson.OPT_UTC_Z


class IntegratorApi(APIView):
    authentication_classes = [ApiClientAuthentication]
    permission_classes = [HasScope]
    throttle_classes = [ClientRateThrottle]
    parser_classes = [JsonParser]  # JSON in, JSON out: nothing else is documented
    renderer_classes = [JsonRenderer]
    # HTTP method → the scope it needs ("*" for every method); none means any credential.
    required_scopes: dict[str, str] = {}

    # The query parameters this API class takes; any other is a 400, so a typo such as
    # ``update_since`` cannot silently turn an incremental sync into a full one.
    query_serializer: type[Serializer] | None = None

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # credential, scope and rate limit first
        known = set(self.query_serializer().fields) if self.query_serializer else set()
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            raise ValidationError({name: ["Unknown query parameter."] for name in unknown})

    def get_exception_handler(self) -> Callable[..., Response | None]:
        return api_exception_handler

    @property
    def client(self) -> ApiClient:
        return cast(ApiClient, self.request.auth)

    @property
    def organisation_id(self) -> int:
        return self.client.organisation_id

    @property
    def actor_label(self) -> str:
        """How the audit log names changes made through this credential."""
        return f"API client {self.client.name} ({self.client.key_id})"

    def certificate_url(self, code: str) -> str:
        return self.request.build_absolute_uri(reverse("courses:certificate", args=[code]))


def etag_of(data: Any) -> str:
    body = json.dumps(data, sort_keys=True, cls=DjangoJSONEncoder)
    return '"' + hashlib.sha256(body.encode()).hexdigest()[:40] + '"'


def conditional_response(request: Request, data: Any) -> Response:
    """200 with an ETag, or 304 when the client's If-None-Match already names it."""
    etag = etag_of(data)
    sent = request.headers.get("If-None-Match", "")
    tags = {tag.strip().removeprefix("W/") for tag in sent.split(",")}
    if etag in tags or "*" in tags:
        return Response(status=304, headers={"ETag": etag})
    return Response(data, headers={"ETag": etag})
