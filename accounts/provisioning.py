"""Accounts an organisation's own systems vouch for (its identity provider, its LMS):
found among the organisation's people only, or created as its learners. One rule for
single sign-on and LTI launches: never an account of another organisation."""

from __future__ import annotations

from .models import Role, User
from .text import strip_invisible_controls


def organisation_members_with(
    *, organisation_id: int, email: str = "", employee_id: str = ""
) -> list[User]:
    """The organisation's accounts with this email (any case) or employee id; at most two,
    enough for the caller to refuse an ambiguous match."""
    members = User.objects.filter(organisation_id=organisation_id)
    if employee_id:
        return list(members.filter(employee_id=employee_id)[:2])
    return list(members.filter(email__iexact=email)[:2]) if email else []


def email_held_elsewhere(*, email: str, organisation_id: int) -> bool:
    """Whether an account outside the organisation (or a staff account) has ``email``:
    then no second account is made that HR of either side would mistake for the other."""
    return (
        bool(email)
        and User.objects.filter(email__iexact=email)
        .exclude(organisation_id=organisation_id)
        .exists()
    )


def free_username(base: str) -> str:
    username, n = base[:140], 1
    while User.objects.filter(username=username).exists():
        n += 1
        username = f"{base[:140]}-{n}"
    return username


def organisation_learner_create(
    *,
    organisation_id: int,
    username_base: str,
    email: str,
    first_name: str,
    last_name: str,
    employee_id: str,
) -> User:
    """A new employee account of the organisation, with no password (it signs in through
    the system that vouched for it). The caller checks ``email_held_elsewhere`` first."""
    user = User(
        username=free_username(username_base),
        email=email,
        first_name=strip_invisible_controls(first_name)[:150],
        last_name=strip_invisible_controls(last_name)[:150],
        role=Role.EMPLOYEE,
        organisation_id=organisation_id,
        employee_id=employee_id[:64],
    )
    user.set_unusable_password()
    user.save()
    return user
