"""Accounts an organisation's own systems vouch for (its identity provider, its LMS):
found among the organisation's people only, or created as its learners. One rule for
single sign-on and LTI launches: never an account of another organisation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

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


class NotVouched(Exception):
    """No account for the person: ``refusal`` is ``no_account``, ``other_organisation`` or
    ``inactive``, the value single sign-on's and LTI's refusals both use."""

    def __init__(self, refusal: str, detail: str) -> None:
        super().__init__(detail)
        self.refusal, self.detail = refusal, detail


@dataclass(frozen=True)
class Vouching:
    """A person an organisation's system (its identity provider, its LMS) vouches for,
    and how that system records them."""

    organisation_id: int
    identities: QuerySet[Any]  # the system's identity of this subject, when one is linked
    identity_link: Callable[[User], Any]  # records a new one
    seen_field: str  # the identity's "last seen" field
    match: Callable[[], tuple[str, list[User]]]  # the identifying value and its members
    create: Callable[[str], User] | None  # None: the organisation creates no accounts
    audit_label: str  # "single sign-on", "LTI launch"
    audit_prefix: str  # "sso", "lti"
    audit_reason: Callable[[str], str]


def vouched_account(vouching: Vouching) -> User:
    """The organisation's account the system vouches for: a known subject's linked
    account; else the one member with the identifying email or employee id; else a new
    learner when the organisation allows it. Never an account of another organisation,
    nor one switched off. The caller holds a transaction."""
    from activity.services import audit_record  # activity imports this app's models

    identity = vouching.identities.select_for_update().select_related("user").first()
    if identity is None:
        value, found = vouching.match()
        if len(found) > 1:
            raise NotVouched("no_account", f"{len(found)} accounts share {value!r}")
        if found:
            user, action = found[0], "identity_linked"
        elif vouching.create is not None:
            user, action = vouching.create(value), "account_created"
        else:
            raise NotVouched("no_account", f"no account of the organisation has {value!r}")
        identity = vouching.identity_link(user)
        audit_record(
            actor=None,
            actor_label=vouching.audit_label,
            action=f"{vouching.audit_prefix}.{action}",
            target=user,
            reason=vouching.audit_reason(value),
            organisation_id=vouching.organisation_id,
        )
    user = identity.user
    if user.organisation_id != vouching.organisation_id:
        raise NotVouched("other_organisation", f"{user.username} moved to another organisation")
    if not user.is_active:
        raise NotVouched("inactive", f"{user.username} is inactive")
    setattr(identity, vouching.seen_field, timezone.now())
    identity.save(update_fields=[vouching.seen_field])
    return user
