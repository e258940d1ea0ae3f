"""Who may use which HR page: the one place in this app that decides.

What a permitted viewer then *sees* is always scoped by ``accounts.scoping``; a person
outside that scope is a 404 wherever they are asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils.cache import add_never_cache_headers

from accounts.http import AuthedRequest
from accounts.models import Role, User


def can_view_dashboard(user: Any) -> bool:
    """Managers (their reports), HR (their organisation) and staff (everyone)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser) or user.role in (Role.MANAGER, Role.HR, Role.STAFF)


def can_manage_assignments(user: User) -> bool:
    """Assigning, importing, deadline changes and manual completion: HR and staff only."""
    return user.is_superuser or user.role in (Role.HR, Role.STAFF)


def sees_all_organisations(user: User) -> bool:
    return user.is_superuser or user.role == Role.STAFF


View = Callable[..., HttpResponse]


def _require(check: Callable[[User], bool]) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not check(request.user):
                # Not a 403: to an employee these pages simply do not exist.
                raise Http404("No such page.")
            response = view(request, *args, **kwargs)
            # People's progress and exports: never kept by a browser or a shared proxy.
            if "no-store" not in response.get("Cache-Control", ""):  # a view's own wins
                add_never_cache_headers(response)
            return response

        return wrapped

    return decorator


dashboard_required = _require(can_view_dashboard)
manager_of_assignments_required = _require(can_manage_assignments)
