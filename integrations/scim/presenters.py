"""People and teams as SCIM resources (``scim2-models`` objects). The caller loads what
they touch (``selectors.people_of`` / ``teams_of``): no query is made here."""

from __future__ import annotations

from scim2_models import Meta, Reference

from accounts.models import Team, User

from .resources import (
    Email,
    EnterpriseUser,
    Group,
    GroupMember,
    GroupMembership,
    Manager,
    Name,
)
from .resources import User as ScimUser
from .selectors import is_provisioned


class Locations:
    """Absolute URLs of resources, from the base URL the request came to."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")

    def user(self, pk: int) -> str:
        return f"{self.base}/Users/{pk}"

    def group(self, pk: int) -> str:
        return f"{self.base}/Groups/{pk}"


def _external_id(obj: User | Team) -> str | None:
    try:
        return obj.scim_external_id.value
    except AttributeError:  # the related row does not exist
        return None


def user_resource(person: User, locations: Locations) -> ScimUser:
    manager = person.manager
    enterprise = EnterpriseUser(
        employee_number=person.employee_id or None,
        department=person.department.name if person.department else None,
        manager=Manager(
            value=str(manager.pk),
            ref=Reference(locations.user(manager.pk)),
            display_name=manager.display_name,
        )
        if manager is not None and is_provisioned(manager, person.organisation_id)
        else None,
    )
    team = person.team
    return ScimUser(
        id=str(person.pk),
        external_id=_external_id(person),
        user_name=person.username,
        name=Name(given_name=person.first_name or None, family_name=person.last_name or None),
        display_name=person.display_name,
        emails=[Email(value=person.email, type="work", primary=True)] if person.email else None,
        active=person.is_active,
        groups=[
            GroupMembership(
                value=str(team.pk), ref=Reference(locations.group(team.pk)), display=team.name
            )
        ]
        if team is not None
        else None,
        meta=Meta(
            resource_type="User",
            created=person.date_joined,
            last_modified=person.updated_at,
            location=locations.user(person.pk),
        ),
        **{"EnterpriseUser": enterprise},  # type: ignore[arg-type]
    )


def group_resource(team: Team, locations: Locations) -> Group:
    return Group(
        id=str(team.pk),
        external_id=_external_id(team),
        display_name=team.name,
        members=[
            GroupMember(
                value=str(p.pk), ref=Reference(locations.user(p.pk)), display=p.display_name
            )
            for p in team.members.all()
        ],
        meta=Meta(resource_type="Group", location=locations.group(team.pk)),
    )
