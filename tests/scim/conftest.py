"""Fixtures for SCIM: two organisations, credentials, and a client that speaks SCIM."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from accounts.models import Organisation
from integrations.models import Scope
from tests.api.conftest import _fresh_rate_limits, make_learner, make_token, org, other_org

__all__ = ["_fresh_rate_limits", "make_learner", "make_token", "org", "other_org"]

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"
MEDIA = "application/scim+json"


class Scim:
    """A Django test client sending SCIM JSON with a bearer credential."""

    def __init__(self, token: str | None) -> None:
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        self.client = Client(**headers)

    def _send(self, method: str, path: str, body: Any = None, **extra: Any) -> Any:
        url = path if path.startswith("/") else f"/scim/v2/{path}"
        data = json.dumps(body) if body is not None else None
        send = getattr(self.client, method)
        if data is None:
            return send(url, **extra)
        return send(url, data=data, content_type=MEDIA, **extra)

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/scim/v2/{path}", params)

    def post(self, path: str, body: Any) -> Any:
        return self._send("post", path, body)

    def put(self, path: str, body: Any) -> Any:
        return self._send("put", path, body)

    def patch(self, path: str, *operations: dict[str, Any]) -> Any:
        return self._send("patch", path, {"schemas": [PATCH], "Operations": list(operations)})

    def delete(self, path: str) -> Any:
        return self._send("delete", path)


@pytest.fixture
def scim(make_token: Callable[..., str]) -> Scim:
    return Scim(make_token([Scope.SCIM_PROVISION]))


@pytest.fixture
def other_scim(make_token: Callable[..., str], other_org: Organisation) -> Scim:
    return Scim(make_token([Scope.SCIM_PROVISION], organisation=other_org))


def user_body(user_name: str, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "schemas": [USER, ENTERPRISE],
        "userName": user_name,
        "name": {"givenName": "Ada", "familyName": "Lovelace"},
        "emails": [{"value": user_name, "type": "work", "primary": True}],
        "active": True,
    }
    body.update(extra)
    return body
