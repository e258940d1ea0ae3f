"""SCIM writes of teams (Groups): made, renamed, filled and removed through the ``hr``
team services; membership moves go through the people writer, so they are audited and
move the members' records like any other change of team."""

from __future__ import annotations

from django.db import transaction

from accounts.models import Organisation, Team, User
from activity.services import audit_record
from hr.services.teams import team_create, team_delete, team_rename
from integrations.models import ApiClient

from ..errors import ScimError
from ..resources import Group as ScimGroup
from ..selectors import is_resource_id, people_of
from .common import actor_label, clean_text, external_id_set
from .people import scim_person_write


def _members(resource: ScimGroup, organisation: Organisation) -> list[User] | None:
    if resource.members is None:
        return None
    ids = {m.value or "" for m in resource.members}
    bad = sorted(i for i in ids if not is_resource_id(i))
    wanted = [int(i) for i in ids if i not in bad]
    found = list(people_of(organisation.pk).filter(pk__in=wanted))
    if bad or len(found) != len(ids):
        missing = sorted(ids - {str(p.pk) for p in found})
        raise ScimError(
            400, f"No such User in this organisation: {', '.join(missing)}.", "invalidValue"
        )
    return found


def _check_team_name(name: str, *, organisation: Organisation, team: Team | None) -> str:
    name = clean_text(name, 200)
    if not name:
        raise ScimError(400, "displayName is required.", "invalidValue")
    clash = Team.objects.filter(organisation=organisation, name__iexact=name)
    if team is not None:
        clash = clash.exclude(pk=team.pk)
    if clash.exists():
        raise ScimError(409, f"A team called {name} already exists.", "uniqueness")
    return name


def _set_members(*, client: ApiClient, team: Team, members: list[User]) -> None:
    """A person is in one team at a time: joining this team moves them out of another."""
    wanted = {p.pk for p in members}
    # Only the members SCIM sees: a staff account in the team is not SCIM's to remove.
    for person in people_of(team.organisation_id).filter(team=team).exclude(pk__in=wanted):
        scim_person_write(client=client, person=person, values={"team": None})
    for person in members:
        if person.team_id != team.pk:
            scim_person_write(client=client, person=person, values={"team": team})


@transaction.atomic
def scim_group_create(*, client: ApiClient, resource: ScimGroup) -> Team:
    """A new team of the credential's organisation, with the resource's members."""
    organisation = client.organisation
    name = _check_team_name(resource.display_name or "", organisation=organisation, team=None)
    members = _members(resource, organisation)
    team = team_create(organisation=organisation, name=name)
    external_id_set(organisation=organisation, team=team, value=resource.external_id)
    if members:
        _set_members(client=client, team=team, members=members)
    audit_record(
        actor=None,
        actor_label=actor_label(client),
        action="scim.team_created",
        target=team,
        reason=f"Provisioned by {actor_label(client)}",
        changes={"name": [None, name]},
        organisation_id=organisation.pk,
    )
    return team


@transaction.atomic
def scim_group_update(
    *, client: ApiClient, team: Team, resource: ScimGroup, before: ScimGroup | None
) -> Team:
    """Rename ``team`` and set its members to the resource's: a PUT (``before`` None), or
    a PATCH result (``before``: the resource before the operations)."""
    organisation = client.organisation
    team = Team.objects.select_for_update().get(pk=team.pk)
    name = _check_team_name(resource.display_name or "", organisation=organisation, team=team)
    members = _members(resource, organisation)
    if members is None and before is not None:
        members = []  # the operations removed them all
    old_name = team.name
    team_rename(team=team, name=name)
    if resource.external_id is not None or (
        before is not None and before.external_id != resource.external_id
    ):
        external_id_set(organisation=organisation, team=team, value=resource.external_id)
    if members is not None:
        _set_members(client=client, team=team, members=members)
    if old_name != name:
        audit_record(
            actor=None,
            actor_label=actor_label(client),
            action="scim.team_renamed",
            target=team,
            reason=f"Provisioned by {actor_label(client)}",
            changes={"name": [old_name, name]},
            organisation_id=organisation.pk,
        )
    return team


@transaction.atomic
def scim_group_delete(*, client: ApiClient, team: Team) -> None:
    """Remove the team; its members stay, with no team."""
    audit_record(
        actor=None,
        actor_label=actor_label(client),
        action="scim.team_deleted",
        target=team,
        reason=f"Provisioned by {actor_label(client)}",
        changes={"name": [team.name, None]},
        organisation_id=client.organisation_id,
    )
    team_delete(team=team)
