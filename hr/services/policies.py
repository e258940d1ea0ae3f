"""Course policies: reminder lead time and recertification, per organisation and course."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from accounts.models import Organisation, User
from activity.services import audit_record
from courses.models import Course

from ..models import CoursePolicy


@dataclass(frozen=True)
class PolicyTerms:
    remind_days_before: int
    recertify_after_months: int | None
    recertify_due_days: int


def default_terms() -> PolicyTerms:
    return PolicyTerms(settings.ATTUNE["REMIND_DAYS_BEFORE"], None, 30)


def policy_terms_by_org_course() -> dict[tuple[int, int], PolicyTerms]:
    """Every policy in one query; callers fall back to :func:`default_terms`."""
    return {
        (p.organisation_id, p.course_id): PolicyTerms(
            p.remind_days_before, p.recertify_after_months, p.recertify_due_days
        )
        for p in CoursePolicy.objects.all()
    }


@transaction.atomic
def policy_set(
    *,
    organisation: Organisation,
    course: Course,
    remind_days_before: int,
    recertify_after_months: int | None,
    recertify_due_days: int,
    actor: User,
) -> CoursePolicy:
    """Create or change an organisation's policy for a course; audited."""
    policy, _ = CoursePolicy.objects.select_for_update().get_or_create(
        organisation=organisation, course=course
    )
    before = (policy.remind_days_before, policy.recertify_after_months, policy.recertify_due_days)
    after = (remind_days_before, recertify_after_months, recertify_due_days)
    if before != after:
        names = ("remind_days_before", "recertify_after_months", "recertify_due_days")
        audit_record(
            actor=actor,
            action="course_policy.changed",
            target=policy,
            reason="Course policy changed by HR",
            changes={n: [b, a] for n, b, a in zip(names, before, after, strict=True) if b != a},
            organisation_id=organisation.pk,
        )
        policy.remind_days_before, policy.recertify_after_months = after[0], after[1]
        policy.recertify_due_days = after[2]
        policy.save()
    return policy
