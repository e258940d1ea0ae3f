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


@transaction.atomic
def user_answer_sharing_set(*, user: User, share: bool) -> User:
    """The learner's own choice whether HR may read their written answers; audited.
    Off by default: HR always see scores, answers only with this consent."""
    from activity.services import audit_record  # activity imports this app's models

    if user.share_answers_with_hr == share:
        return user
    audit_record(
        actor=user,
        action="user.answer_sharing_changed",
        target=user,
        reason="The learner's own choice",
        changes={"share_answers_with_hr": [user.share_answers_with_hr, share]},
        organisation_id=user.organisation_id,
    )
    user.share_answers_with_hr = share
    user.save(update_fields=["share_answers_with_hr"])
    return user
