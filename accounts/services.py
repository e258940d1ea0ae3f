"""Writes for people."""

from __future__ import annotations

from django.db import transaction

from .models import Role, User


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
    return user, created
