"""Every role rule in one place: who may use which page, and whom they see.

Pages call :func:`page_for` with one of the ``may_*`` rules; every HR page, export, admin
screen and API query starts from :func:`people_visible_to`, so an object outside the
caller's scope is simply not found (404), never forbidden (403).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.utils.cache import add_never_cache_headers

from .http import AuthedRequest
from .models import AnswerSharing, Role, User


def sees_everyone(user: User) -> bool:
    """Staff (Attune's own trainers and operators) work across organisations."""
    return bool(user.is_superuser) or user.role == Role.STAFF


def people_visible_to(viewer: User) -> QuerySet[User]:
    """Staff see everyone; HR their organisation; managers their direct reports;
    employees only themselves."""
    people = User.objects.all()
    if sees_everyone(viewer):
        return people
    if viewer.role == Role.HR:
        if viewer.organisation_id is None:
            return people.none()
        return people.filter(organisation_id=viewer.organisation_id)
    if viewer.role == Role.MANAGER:
        return people.filter(manager=viewer)
    return people.filter(pk=viewer.pk)


def may_view_dashboard(user: Any) -> bool:
    """Managers (their reports), HR (their organisation) and staff (everyone)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return sees_everyone(user) or user.role in (Role.MANAGER, Role.HR)


def may_manage_assignments(user: User) -> bool:
    """Assigning, importing, deadline changes and manual completion: HR and staff only."""
    return sees_everyone(user) or user.role == Role.HR


def may_manage_organisation(user: Any) -> bool:
    """HR (or staff) who belong to an organisation: they configure what is per
    organisation (credentials, webhooks, single sign-on), for that organisation only."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.organisation_id is not None and may_manage_assignments(user)


def may_review_gradings(user: User) -> bool:
    """The trainer's review queue (confirm or override the grader): staff only."""
    return sees_everyone(user)


def may_read_answers(viewer: User, learner: User) -> bool:
    """Whether ``viewer`` may read ``learner``'s written answers: the learner's own choice
    (nobody / HR / HR and my manager) decides. ``learner`` must already be in the viewer's
    scope (``people_visible_to``); this only adds the consent."""
    if viewer.pk == learner.pk:
        return True
    shared = learner.answers_shared_with
    if viewer.role == Role.MANAGER:
        return shared == AnswerSharing.HR_AND_MANAGER and learner.manager_id == viewer.pk
    if may_manage_assignments(viewer):
        return shared in (AnswerSharing.HR, AnswerSharing.HR_AND_MANAGER)
    return False


View = Callable[..., HttpResponse]


def page_for(rule: Callable[[User], bool]) -> Callable[[View], View]:
    """A page only ``rule`` lets in: anonymous visitors log in; to anyone else the page
    does not exist (404, not 403). What it shows is about people, so no browser or shared
    proxy keeps it (a view that set its own ``no-store`` keeps its header)."""

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def guarded(request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not rule(request.user):
                raise Http404("No such page.")
            response = view(request, *args, **kwargs)
            if "no-store" not in response.get("Cache-Control", ""):
                add_never_cache_headers(response)
            return response

        return guarded

    return decorator
