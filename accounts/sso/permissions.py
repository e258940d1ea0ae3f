"""Who may configure single sign-on: HR or staff of the organisation (one rule, in
accounts.scoping), and nobody's page is cached."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils.cache import add_never_cache_headers

from ..http import AuthedRequest
from ..scoping import may_manage_organisation


def organisation_manager_required(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    @login_required
    @wraps(view)
    def wrapped(request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not may_manage_organisation(request.user):
            raise Http404("No such page.")
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapped
