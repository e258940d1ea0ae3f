"""Who may see whom: the one place that scopes people by role.

Every HR page, export, admin screen and API query starts from these querysets, so an
object outside the caller's scope is simply not found (404), never forbidden (403).
"""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Role, User


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
