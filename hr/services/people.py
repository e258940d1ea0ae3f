"""Changing people's records: only what differs is written, and everything an integrator
reads about the change moves with it in the same transaction (see ``courses.services.
freshness``): the person's learner record, their enrolments, and their reports' records
(which show the manager's employee id)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import Department, Organisation, Role, Team, User
from activity.models import EventType
from activity.services import event_record
from courses.services.freshness import LEARNER_FIELDS_SHOWN, enrollments_touch

# What ``GET /api/v1/learners/`` shows of a person (besides their manager's employee id).
SHOWN = frozenset(
    {"employee_id", "first_name", "last_name", "email", "department", "team", "manager"}
    | {"is_active", "username"}
)
RELATIONS = frozenset({"department", "team", "manager"})


def _differs(person: User, name: str, value: Any) -> bool:
    if name in RELATIONS:  # compare ids: no query for the related row
        return getattr(person, f"{name}_id") != (value.pk if value is not None else None)
    return bool(getattr(person, name) != value)


@transaction.atomic
def person_update(*, person: User, **values: Any) -> set[str]:
    """Set ``values`` (model field names) on ``person`` and save the ones that changed.
    ``updated_at`` moves only when a field integrators see changed. Returns the names
    of the changed fields."""
    changed = {name for name, value in values.items() if _differs(person, name, value)}
    if not changed:
        return changed
    before = {name: getattr(person, name) for name in changed if name not in RELATIONS}
    for name in changed:
        setattr(person, name, values[name])
    shown = changed & SHOWN
    person.save(update_fields=[*sorted(changed), *(["updated_at"] if shown else [])])
    if "employee_id" in changed:
        User.objects.filter(manager=person).update(updated_at=timezone.now())
        # Receivers keyed on the employee id learn of the new one; the learner's
        # ``id`` (and xAPI identity) stays the same.
        event_record(
            type=EventType.LEARNER_EMPLOYEE_ID_CHANGED,
            learner=person,
            data={"previous_employee_id": before["employee_id"] or None},
        )
    if changed & LEARNER_FIELDS_SHOWN:
        enrollments_touch(learner_ids=[person.pk])
    return changed


@transaction.atomic
def person_create(*, organisation: Organisation, username: str, **values: Any) -> User:
    """A new employee of ``organisation`` with ``values`` (model field names). No usable
    password: they sign in through a password reset or single sign-on."""
    person = User(username=username, organisation=organisation, role=Role.EMPLOYEE)
    person.set_unusable_password()
    for name, value in values.items():
        setattr(person, name, value)
    person.save()
    return person


@transaction.atomic
def person_manager_set(*, person: User, manager: User | None) -> set[str]:
    """Make ``manager`` the person's manager; an employee who becomes someone's manager is
    given the manager role, so they see their reports on the dashboard."""
    if manager is not None and manager.role == Role.EMPLOYEE:
        person_update(person=manager, role=Role.MANAGER)
    return person_update(person=person, manager=manager)


@transaction.atomic
def people_touch(*, team: Team | None = None, department: Department | None = None) -> int:
    """After a team or department is renamed: its members' records show the new name."""
    which = Q(pk__in=[])
    if team is not None:
        which |= Q(team=team)
    if department is not None:
        which |= Q(department=department)
    return User.objects.filter(which).update(updated_at=timezone.now())
