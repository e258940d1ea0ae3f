"""Authentication backends: passwords where the organisation allows them, and keeping
people signed in who came through single sign-on."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from ..models import User
from .selectors import passwords_allowed


class OrganisationPasswordBackend(ModelBackend):
    """Django's password check, refused for an organisation that switched passwords off
    (the right password too: otherwise a leaked one would still open the account)."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and not passwords_allowed(user):
            return None
        return user


class SingleSignOnBackend(ModelBackend):
    """Names the session of someone the OIDC callback signed in; it never checks a
    password itself, so ``authenticate`` always declines."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        return None
