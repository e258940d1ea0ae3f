"""Writes for people."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .models import Role, User

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
    """Create or update a user by username; a given password is (re)set."""
    user, created = User.objects.get_or_create(username=username)
    user.first_name, user.last_name, user.email, user.role = first_name, last_name, email, role
    user.is_staff = role in (Role.HR, Role.STAFF)
    user.is_superuser = role == Role.STAFF
    if password:
        user.set_password(password)
    user.save()
    if role == Role.HR:
        user.groups.add(hr_group())
    return user, created
