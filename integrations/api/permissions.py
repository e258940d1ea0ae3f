"""Scopes: each API class names the one it needs; a credential without it gets 403."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from integrations.models import ApiClient


class HasScope(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        client = request.auth
        if not isinstance(client, ApiClient):
            raise NotAuthenticated("Send an integrator credential: 'Authorization: Bearer atn_…'.")
        scopes = getattr(view, "required_scopes", {})
        scope = scopes.get(request.method, scopes.get("*"))
        if scope and not client.has_scope(scope):
            raise PermissionDenied(f"This credential lacks the scope '{scope}'.")
        return True
