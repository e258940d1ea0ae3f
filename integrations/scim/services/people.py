"""SCIM writes of people: a User resource becomes field values, and the ``hr`` services
write them (so ``updated_at``, events, webhooks and enrolment freshness move exactly as
for the UI, the CSV import and the API). Each change is audited under the credential's
name. A request is checked in full before anything is written, in one transaction."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from accounts.models import Organisation, User
from activity.services import audit_record
from hr.services.people import person_create, person_manager_set, person_update
from hr.services.teams import department_get_or_create
from integrations.models import ApiClient

from ..errors import ScimError
from ..resources import EnterpriseUser
from ..resources import User as ScimUser
from ..selectors import is_resource_id, people_of
from .common import actor_label, clean_text, external_id_set

NAME_LENGTH = 150  # first_name and last_name of Django's user
KEEP = object()  # an ``external_id`` that leaves the stored one as it is


def _person_values(
    resource: ScimUser, *, organisation: Organisation, person: User | None, full: bool
) -> dict[str, Any]:
    """Model field values for what ``resource`` says. ``full``: an attribute it lacks is
    cleared (a PATCH result); otherwise it is left alone (POST, PUT: Okta and Entra ID
    send only the attributes they manage). Raises ``ScimError`` for values Attune
    refuses; reads only."""
    values: dict[str, Any] = {}
    if resource.user_name is not None:
        values["username"] = clean_text(resource.user_name, 150)
    if not values.get("username", "x"):
        raise ScimError(400, "userName must not be empty.", "invalidValue")
    if resource.name is not None or full:
        name = resource.name
        values["first_name"] = clean_text(name.given_name if name else None, NAME_LENGTH)
        values["last_name"] = clean_text(name.family_name if name else None, NAME_LENGTH)
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
        values["employee_id"] = clean_text(enterprise.employee_number, 64)
        department = clean_text(enterprise.department, 200)
        values["department"] = department or None  # made by the writer, if new
        manager_id = enterprise.manager.value if enterprise.manager else None
        values["manager"] = _manager(manager_id, organisation=organisation, person=person)
    _check_unique(values, organisation=organisation, person=person)
    return values


def _manager(value: str | None, *, organisation: Organisation, person: User | None) -> User | None:
    if not value:
        return None
    people = people_of(organisation.pk)
    manager = people.filter(pk=int(value)).first() if is_resource_id(value) else None
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


@transaction.atomic
def scim_person_write(
    *,
    client: ApiClient,
    person: User | None,
    values: dict[str, Any],
    external_id: str | object | None = KEEP,
) -> User:
    """Write ``values`` (model field names; a department by name) to ``person``, or to a
    new person when it is None, through the ``hr`` services, and audit what changed
    under the credential's name. ``external_id``: ``KEEP`` leaves the stored one."""
    organisation = client.organisation
    values = dict(values)
    sets_manager = "manager" in values
    manager = values.pop("manager", None)
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
    if sets_manager:
        previous = person.manager
        if person_manager_set(person=person, manager=manager):
            before["manager"], values["manager"] = previous, manager
            changed.add("manager")
    if external_id is not KEEP:
        value = external_id if isinstance(external_id, str) else None
        external_id_set(organisation=organisation, person=person, value=value)
    if changed:
        audit_record(
            actor=None,
            actor_label=actor_label(client),
            action=_action(created=created, changed=changed, person=person),
            target=person,
            reason=f"Provisioned by {actor_label(client)}",
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
    return scim_person_write(
        client=client, person=None, values=values, external_id=resource.external_id
    )


@transaction.atomic
def scim_user_update(
    *, client: ApiClient, person: User, resource: ScimUser, before: ScimUser | None
) -> User:
    """Make ``person`` say what ``resource`` says. A PUT (``before`` None) keeps what it
    does not send; a PATCH result (``before``: the resource before the operations) writes
    only what the operations changed. Deactivating keeps every record of the learner:
    enrolments, answers and certificates stay."""
    person = User.objects.select_for_update().get(pk=person.pk)
    organisation = client.organisation
    full = before is not None
    values = _person_values(resource, organisation=organisation, person=person, full=full)
    external_id: str | object | None = resource.external_id
    if before is not None:
        # What is not shown (a manager outside SCIM's view) stays as it is.
        was = _person_values(before, organisation=organisation, person=person, full=True)
        values = {name: v for name, v in values.items() if name not in was or was[name] != v}
        if resource.external_id == before.external_id:
            external_id = KEEP
    elif resource.external_id is None:
        external_id = KEEP
    return scim_person_write(client=client, person=person, values=values, external_id=external_id)


@transaction.atomic
def scim_user_deactivate(*, client: ApiClient, person: User) -> User:
    """``DELETE /Users/{id}``: the account is deactivated, never deleted, so the learner's
    records stay (and reactivating brings the same person back)."""
    person = User.objects.select_for_update().get(pk=person.pk)
    return scim_person_write(client=client, person=person, values={"is_active": False})
