"""Keeps people signed in whom an LTI launch signed in."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from accounts.models import User


class LtiLaunchBackend(ModelBackend):
    """Names the session of someone a verified launch signed in; it never checks a
    password itself, so ``authenticate`` always declines."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        return None
