"""``Authorization: Bearer atn_<key_id>_<secret>`` for integrator credentials."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from integrations.models import ApiClient
from integrations.services.clients import api_client_authenticate


class ClientPrincipal:
    """``request.user`` for a machine client: authenticated, but no person."""

    is_authenticated = True
    is_anonymous = False

    def __init__(self, client: ApiClient) -> None:
        self.client = client

    def __str__(self) -> str:
        return f"API client {self.client.name}"


class ApiClientAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[ClientPrincipal, ApiClient] | None:
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != b"bearer":
            return None
        if len(header) != 2:
            raise AuthenticationFailed("Send the credential as 'Authorization: Bearer atn_…'.")
        client = api_client_authenticate(token=header[1].decode("latin-1"))
        if client is None:
            raise AuthenticationFailed("The credential is unknown, revoked or expired.")
        return ClientPrincipal(client), client

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="attune"'  # makes DRF answer 401, not 403


class ApiClientAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = ApiClientAuthentication
    name = "integratorCredential"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "atn_<key_id>_<secret>",
            "description": "An integrator credential created by HR under /integrations/.",
        }
