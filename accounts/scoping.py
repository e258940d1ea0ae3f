"""Who may see whom: the one place that scopes people by role.

Every HR page, export, admin screen and API query starts from these querysets, so an
object outside the caller's scope is simply not found (404), never forbidden (403).
"""

from __future__ import annotations

from django.db.models import QuerySet

from .models import AnswerSharing, Role, User


def people_visible_to(viewer: User) -> QuerySet[User]:
    """Staff see everyone; HR their organisation; managers their direct reports;
    employees only themselves."""
    people = User.objects.all()
    if viewer.role == Role.STAFF or viewer.is_superuser:
        return people
    if viewer.role == Role.HR:
        if viewer.organisation_id is None:
            return people.none()
        return people.filter(organisation_id=viewer.organisation_id)
    if viewer.role == Role.MANAGER:
        return people.filter(manager=viewer)
    return people.filter(pk=viewer.pk)


def may_manage_organisation(user: User) -> bool:
    """HR (or staff) who belong to an organisation: they configure what is per
    organisation (credentials, webhooks, single sign-on), for that organisation only."""
    return user.organisation_id is not None and (
        user.role in (Role.HR, Role.STAFF) or user.is_superuser
    )


def may_read_answers(viewer: User, learner: User) -> bool:
    """Whether ``viewer`` may read ``learner``'s written answers: the learner's own choice
    (nobody / HR / HR and my manager) decides. ``learner`` must already be in the viewer's
    scope (``people_visible_to``); this only adds the consent."""
    if viewer.pk == learner.pk:
        return True
    shared = learner.answers_shared_with
    if viewer.role == Role.MANAGER:
        return shared == AnswerSharing.HR_AND_MANAGER and learner.manager_id == viewer.pk
    if viewer.role in (Role.HR, Role.STAFF) or viewer.is_superuser:
        return shared in (AnswerSharing.HR, AnswerSharing.HR_AND_MANAGER)
    return False
