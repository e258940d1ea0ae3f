"""What a SCIM credential may see: its organisation's people (not staff accounts) and
teams, with what their representation touches loaded in a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model, Prefetch, Q, QuerySet

from accounts.models import Role, Team, User

from .errors import ScimError
from .filters import PERSON_ATTRIBUTES, TEAM_ATTRIBUTES, Attributes, filter_q

M = TypeVar("M", bound=Model)

# RFC 7644 §3.4.2.4 lets the server cap a page; a request for more gets this many.
MAX_PAGE = 200


def is_provisioned(person: User, organisation_id: int | None) -> bool:
    """Whether SCIM of the organisation sees ``person``: its people, not staff accounts."""
    return (
        organisation_id is not None
        and person.organisation_id == organisation_id
        and person.role != Role.STAFF
        and not person.is_superuser
    )


def people_of(organisation_id: int) -> QuerySet[User]:
    """The people a SCIM credential of the organisation sees (``is_provisioned``)."""
    return (
        User.objects.filter(organisation_id=organisation_id)
        .exclude(Q(role=Role.STAFF) | Q(is_superuser=True))
        .select_related("department", "team", "manager", "scim_external_id")
        .order_by("pk")
    )


def teams_of(organisation_id: int) -> QuerySet[Team]:
    """The organisation's teams, with their (visible) members."""
    return (
        Team.objects.filter(organisation_id=organisation_id)
        .select_related("scim_external_id")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=people_of(organisation_id)
                .select_related(None)
                .only("pk", "username", "first_name", "last_name", "team_id"),
            )
        )
        .order_by("pk")
    )


def is_resource_id(value: str) -> bool:
    """Whether ``value`` can be a SCIM ``id``: Attune's primary key in ASCII digits (``int``
    also reads "٣" as 3), short enough for a bigint."""
    return value.isascii() and value.isdecimal() and len(value) < 19


def _matching(queryset: QuerySet[M], filter: str | None, attributes: Attributes) -> QuerySet[M]:
    if not filter:
        return queryset
    try:
        return queryset.filter(filter_q(filter, attributes))
    except (ValidationError, ValueError, TypeError) as error:  # e.g. ``active eq "yes"``
        raise ScimError(
            400, f"The filter compares a value it cannot: {error}", "invalidFilter"
        ) from error


def people_matching(organisation_id: int, filter: str | None) -> QuerySet[User]:
    """The organisation's people that the SCIM ``filter`` selects (all, without one)."""
    return _matching(people_of(organisation_id), filter, PERSON_ATTRIBUTES)


def teams_matching(organisation_id: int, filter: str | None) -> QuerySet[Team]:
    """The organisation's teams that the SCIM ``filter`` selects (all, without one)."""
    return _matching(teams_of(organisation_id), filter, TEAM_ATTRIBUTES)


def _by_id(queryset: QuerySet[M], resource_id: str, what: str) -> M:
    # Anything else, or another organisation's id, is a 404.
    found = queryset.filter(pk=int(resource_id)).first() if is_resource_id(resource_id) else None
    if found is None:
        raise ScimError(404, f"{what} {resource_id} not found.")
    return found


def person_get(*, organisation_id: int, resource_id: str) -> User:
    return _by_id(people_of(organisation_id), resource_id, "User")


def team_get(*, organisation_id: int, resource_id: str) -> Team:
    return _by_id(teams_of(organisation_id), resource_id, "Group")


@dataclass(frozen=True)
class Page(Generic[M]):
    items: list[M]
    total: int
    start_index: int


def page_of(queryset: QuerySet[M], *, start_index: int, count: int) -> Page[M]:
    """One page by RFC 7644 §3.4.2.4: ``start_index`` is 1-based, a count of 0 asks only
    for ``totalResults``. Two queries (plus the queryset's prefetches)."""
    total = queryset.count()
    count = min(max(count, 0), MAX_PAGE)
    start = max(start_index, 1)
    items = list(queryset[start - 1 : start - 1 + count]) if count else []
    return Page(items=items, total=total, start_index=start)
