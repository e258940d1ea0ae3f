"""SCIM writes: a SCIM resource becomes field values, and the ``hr`` services write them
(so ``updated_at``, events, webhooks and enrolment freshness move exactly as for the UI,
the CSV import and the API). Each change is audited under the credential's name. A
request is checked in full before anything is written, in one transaction."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from accounts.models import Organisation, Team, User
from accounts.text import strip_invisible_controls
from activity.services import audit_record
from hr.services.people import person_create, person_manager_set, person_update
from hr.services.teams import department_get_or_create, team_create, team_delete, team_rename
from integrations.models import ApiClient, ScimExternalId

from .errors import ScimError
from .resources import EnterpriseUser
from .resources import Group as ScimGroup
from .resources import User as ScimUser

NAME_LENGTH = 150  # first_name and last_name of Django's user


def _label(client: ApiClient) -> str:
    return f"SCIM client {client.name} ({client.key_id})"


def _text(value: str | None, limit: int) -> str:
    return strip_invisible_controls(value or "").strip()[:limit]


def _person_values(
    resource: ScimUser, *, organisation: Organisation, person: User | None, full: bool
) -> dict[str, Any]:
    """Model field values for what ``resource`` says. ``full``: an attribute it lacks is
    cleared (a PATCH result); otherwise it is left alone (POST, PUT: Okta and Entra ID
    send only the attributes they manage). Raises ``ScimError`` for values Attune
    refuses; reads only."""
    values: dict[str, Any] = {}
    if resource.user_name is not None:
        values["username"] = _text(resource.user_name, 150)
    if not values.get("username", "x"):
        raise ScimError(400, "userName must not be empty.", "invalidValue")
    if resource.name is not None or full:
        name = resource.name
        values["first_name"] = _text(name.given_name if name else None, NAME_LENGTH)
        values["last_name"] = _text(name.family_name if name else None, NAME_LENGTH)
    if resource.emails is not None or full:
        emails = resource.emails or []
        chosen = next((e for e in emails if e.primary), emails[0] if emails else None)
        values["email"] = str(chosen.value or "") if chosen else ""
    if resource.active is not None:
        values["is_active"] = resource.active
    enterprise: EnterpriseUser | None = resource[EnterpriseUser]
    if enterprise is not None or full:
        if enterprise is None:
            enterprise = EnterpriseUser()
        values["employee_id"] = _text(enterprise.employee_number, 64)
        department = _text(enterprise.department, 200)
        values["department"] = department or None  # made by the writer, if new
        manager_id = enterprise.manager.value if enterprise.manager else None
        values["manager"] = _manager(manager_id, organisation=organisation, person=person)
    _check_unique(values, organisation=organisation, person=person)
    return values


def _manager(value: str | None, *, organisation: Organisation, person: User | None) -> User | None:
    if not value:
        return None
    wellformed = value.isascii() and value.isdecimal() and len(value) < 19
    manager = (
        User.objects.filter(organisation=organisation, pk=int(value)).first()
        if wellformed
        else None
    )
    if manager is None:
        raise ScimError(
            400, f"The manager {value} is not a User of this organisation.", "invalidValue"
        )
    if person is not None and manager.pk == person.pk:
        raise ScimError(400, "A person cannot be their own manager.", "invalidValue")
    return manager


def _check_unique(
    values: dict[str, Any], *, organisation: Organisation, person: User | None
) -> None:
    others = User.objects.exclude(pk=person.pk) if person else User.objects.all()
    if values.get("username") and others.filter(username__iexact=values["username"]).exists():
        raise ScimError(409, f"userName {values['username']} is already taken.", "uniqueness")
    if (
        values.get("employee_id")
        and others.filter(organisation=organisation, employee_id=values["employee_id"]).exists()
    ):
        raise ScimError(
            409, f"employeeNumber {values['employee_id']} belongs to someone else.", "uniqueness"
        )
    email = values.get("email")
    if email and others.filter(email__iexact=email).exclude(organisation=organisation).exists():
        # As in the CSV import: one address, one organisation.
        raise ScimError(409, f"{email} is used by an account outside {organisation}.", "uniqueness")


def _external_id_set(
    *,
    organisation: Organisation,
    value: str | None,
    person: User | None = None,
    team: Team | None = None,
) -> None:
    target = {"person": person} if person is not None else {"team": team}
    if value:
        ScimExternalId.objects.update_or_create(
            **target, defaults={"organisation": organisation, "value": value[:255]}
        )
    else:
        ScimExternalId.objects.filter(**target).delete()


def _shown(value: Any) -> Any:
    if isinstance(value, User):
        return value.employee_id or value.pk
    return str(value) if value is not None and not isinstance(value, bool | str) else value


def _action(*, created: bool, changed: set[str], person: User) -> str:
    if created:
        return "scim.user_created"
    if "is_active" in changed:
        return "scim.user_reactivated" if person.is_active else "scim.user_deactivated"
    return "scim.user_updated"


def _write_person(
    *, client: ApiClient, person: User | None, values: dict[str, Any], external_id: Any
) -> User:
    organisation = client.organisation
    manager = values.pop("manager", None) if "manager" in values else ...
    if values.get("department"):
        values["department"] = department_get_or_create(
            organisation=organisation, name=values["department"]
        )
    created = person is None
    before = {name: getattr(person, name) for name in values} if person else {}
    if person is None:
        username = values.pop("username")
        person = person_create(organisation=organisation, username=username, **values)
        values["username"] = username
        changed = set(values)
    else:
        changed = person_update(person=person, **values)
    if manager is not ...:
        previous = person.manager
        if person_manager_set(person=person, manager=manager):
            before["manager"], values["manager"] = previous, manager
            changed.add("manager")
    if external_id is not ...:
        _external_id_set(organisation=organisation, person=person, value=external_id)
    if changed:
        audit_record(
            actor=None,
            actor_label=_label(client),
            action=_action(created=created, changed=changed, person=person),
            target=person,
            reason=f"Provisioned by {_label(client)}",
            changes={n: [_shown(before.get(n)), _shown(values[n])] for n in sorted(changed)},
            organisation_id=organisation.pk,
        )
    return person


@transaction.atomic
def scim_user_create(*, client: ApiClient, resource: ScimUser) -> User:
    """A new person of the credential's organisation."""
    if not resource.user_name:
        raise ScimError(400, "userName is required.", "invalidValue")
    values = _person_values(resource, organisation=client.organisation, person=None, full=False)
    return _write_person(
        client=client, person=None, values=values, external_id=resource.external_id
    )


@transaction.atomic
def scim_user_update(*, client: ApiClient, person: User, resource: ScimUser, full: bool) -> User:
    """Make ``person`` say what ``resource`` says: a PUT (``full=False``: attributes it
    lacks are kept) or the result of a PATCH (``full=True``). Deactivating keeps every
    record of the learner: enrolments, answers and certificates stay."""
    person = User.objects.select_for_update().get(pk=person.pk)
    values = _person_values(resource, organisation=client.organisation, person=person, full=full)
    external_id = resource.external_id if full or resource.external_id is not None else ...
    return _write_person(client=client, person=person, values=values, external_id=external_id)


@transaction.atomic
def scim_user_deactivate(*, client: ApiClient, person: User) -> User:
    """``DELETE /Users/{id}``: the account is deactivated, never deleted, so the learner's
    records stay (and reactivating brings the same person back)."""
    person = User.objects.select_for_update().get(pk=person.pk)
    return _write_person(client=client, person=person, values={"is_active": False}, external_id=...)


def _members(resource: ScimGroup, organisation: Organisation) -> list[User] | None:
    if resource.members is None:
        return None
    ids = {m.value or "" for m in resource.members}
    bad = sorted(i for i in ids if not (i.isascii() and i.isdecimal() and len(i) < 19))
    wanted = [int(i) for i in ids if i not in bad]
    found = list(User.objects.filter(organisation=organisation, pk__in=wanted))
    if bad or len(found) != len(ids):
        missing = sorted(ids - {str(p.pk) for p in found})
        raise ScimError(
            400, f"No such User in this organisation: {', '.join(missing)}.", "invalidValue"
        )
    return found


def _check_team_name(name: str, *, organisation: Organisation, team: Team | None) -> str:
    name = _text(name, 200)
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
    for person in User.objects.filter(team=team).exclude(pk__in=wanted):
        _write_person(client=client, person=person, values={"team": None}, external_id=...)
    for person in members:
        if person.team_id != team.pk:
            _write_person(client=client, person=person, values={"team": team}, external_id=...)


@transaction.atomic
def scim_group_create(*, client: ApiClient, resource: ScimGroup) -> Team:
    organisation = client.organisation
    name = _check_team_name(resource.display_name or "", organisation=organisation, team=None)
    members = _members(resource, organisation)
    team = team_create(organisation=organisation, name=name)
    _external_id_set(organisation=organisation, team=team, value=resource.external_id)
    if members:
        _set_members(client=client, team=team, members=members)
    audit_record(
        actor=None,
        actor_label=_label(client),
        action="scim.team_created",
        target=team,
        reason=f"Provisioned by {_label(client)}",
        changes={"name": [None, name]},
        organisation_id=organisation.pk,
    )
    return team


@transaction.atomic
def scim_group_update(*, client: ApiClient, team: Team, resource: ScimGroup, full: bool) -> Team:
    """Rename ``team`` and set its members to the resource's (a PUT, or a PATCH result)."""
    organisation = client.organisation
    team = Team.objects.select_for_update().get(pk=team.pk)
    name = _check_team_name(resource.display_name or "", organisation=organisation, team=team)
    members = _members(resource, organisation)
    if members is None and full:
        members = []
    before = team.name
    team_rename(team=team, name=name)
    if full or resource.external_id is not None:
        _external_id_set(organisation=organisation, team=team, value=resource.external_id)
    if members is not None:
        _set_members(client=client, team=team, members=members)
    if before != name:
        audit_record(
            actor=None,
            actor_label=_label(client),
            action="scim.team_renamed",
            target=team,
            reason=f"Provisioned by {_label(client)}",
            changes={"name": [before, name]},
            organisation_id=organisation.pk,
        )
    return team


@transaction.atomic
def scim_group_delete(*, client: ApiClient, team: Team) -> None:
    """Remove the team; its members stay, with no team."""
    audit_record(
        actor=None,
        actor_label=_label(client),
        action="scim.team_deleted",
        target=team,
        reason=f"Provisioned by {_label(client)}",
        changes={"name": [team.name, None]},
        organisation_id=client.organisation_id,
    )
    team_delete(team=team)
