"""Who may manage integrations: HR of an organisation, for that organisation only."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils.cache import add_never_cache_headers

from accounts.http import AuthedRequest
from accounts.models import User
from accounts.scoping import may_manage_organisation


def can_manage_integrations(user: User) -> bool:
    """HR (or staff) who belong to an organisation; credentials are per organisation."""
    return may_manage_organisation(user)


def integrations_manager_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @login_required
    @wraps(view)
    def wrapped(request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_manage_integrations(request.user):
            raise Http404("No such page.")  # to anyone else these pages do not exist
        response = view(request, *args, **kwargs)
        # Credentials and webhook secrets are shown here: never kept in any cache.
        if "no-store" not in response.get("Cache-Control", ""):  # a view's own wins
            add_never_cache_headers(response)
        return response

    return wrapped
