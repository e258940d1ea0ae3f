"""Writes for people."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .models import Role, User
from .text import strip_invisible_controls

# Until the HR dashboard exists, HR read progress in the admin: view-only, and the
# submission admin hides answer text unless the learner opted in.
HR_VIEW_PERMISSIONS = (
    "view_user",
    "view_enrollment",
    "view_certificate",
    "view_course",
    "view_submission",
)


def hr_group() -> Group:
    """The HR group with its view-only permissions (created on first use)."""
    group, _ = Group.objects.get_or_create(name="HR")
    group.permissions.set(Permission.objects.filter(codename__in=HR_VIEW_PERMISSIONS))
    return group


@transaction.atomic
def user_upsert(
    *,
    username: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    role: str = Role.EMPLOYEE,
) -> tuple[User, bool]:
    """Create or update a user by username; a given password is (re)set.

    Saves only what changed, so running it again with the same values (``seed_demo`` on
    every ``make run``) moves no ``updated_at`` an integrator syncs on, and keeps the
    password hash, so nobody signed in is signed out by it."""
    user, created = User.objects.get_or_create(username=username)
    wanted = {
        "first_name": strip_invisible_controls(first_name),
        "last_name": strip_invisible_controls(last_name),
        "email": email,
        "role": role,
        "is_staff": role in (Role.HR, Role.STAFF),
        "is_superuser": role == Role.STAFF,
    }
    changed = [name for name, value in wanted.items() if getattr(user, name) != value]
    for name in changed:
        setattr(user, name, wanted[name])
    if password and (created or not user.check_password(password)):
        user.set_password(password)
        changed.append("password")
    if changed:
        user.save(update_fields=[*changed, "updated_at"])
    if role == Role.HR:
        user.groups.add(hr_group())
    return user, created


@transaction.atomic
def user_answer_sharing_set(*, user: User, shared_with: str) -> User:
    """The learner's own choice of who may read their written answers; audited.
    Nobody by default: HR and managers always see scores, answers only with this consent."""
    from activity.services import audit_record  # activity imports this app's models

    if user.answers_shared_with == shared_with:
        return user
    audit_record(
        actor=user,
        action="user.answer_sharing_changed",
        target=user,
        reason="The learner's own choice",
        changes={"answers_shared_with": [user.answers_shared_with, shared_with]},
        organisation_id=user.organisation_id,
    )
    user.answers_shared_with = shared_with
    # Not ``updated_at``: integrators never see this choice, so their syncs stay exact.
    user.save(update_fields=["answers_shared_with"])
    return user


@dataclass(frozen=True)
class Address:
    """A network address as an audit target, when a lockout names no known account."""

    pk: str


@transaction.atomic
def login_lockout_record(*, username: str, address: str) -> None:
    """Audit a login lockout (per account or per address) as it happens."""
    from activity.services import audit_record

    user = User.objects.filter(username=username).first() if username else None
    audit_record(
        actor=None,
        actor_label="login protection",
        action="login.locked_out",
        target=user or Address(pk=address),
        reason=(
            f"{settings.ATTUNE_LOGIN_FAILURE_LIMIT} failed logins for "
            f"{username or 'an unknown account'} from {address or 'an unknown address'}"
        ),
        changes={"locked": [False, True]},
        organisation_id=user.organisation_id if user else None,
    )


@transaction.atomic
def user_login_unlock(*, user: User, actor: User, reason: str = "Unlocked by HR") -> int:
    """Lift a login lockout of ``user`` before its cool-off ends (HR or staff); audited.
    Returns how many failure records were cleared (0: nothing was locked)."""
    from axes.utils import reset

    from activity.services import audit_record

    cleared = reset(username=user.username)
    audit_record(
        actor=actor,
        action="login.unlocked",
        target=user,
        reason=reason,
        changes={"locked": [bool(cleared), False]},
        organisation_id=user.organisation_id,
    )
    return cleared
