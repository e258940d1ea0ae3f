"""Assigning the course: due dates, cancellation and manual completion, all audited.

Used by the HR screens and the integrator API alike, so both follow the same rules.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from activity.models import EventType
from activity.services import audit_record, event_record
from courses.models import Course, Enrollment, EnrollmentStatus

from .enrollments import certificate_issue, enrollment_start


class AssignmentError(Exception):
    """An assignment change that cannot be made; the message says why."""


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@transaction.atomic
def enrollment_assign(
    *,
    learner: User,
    course: Course,
    due_at: datetime | None,
    assigned_by: User | None,
    actor_label: str = "",
) -> Enrollment:
    """Assign ``course`` to ``learner`` with a due date. Re-assigning keeps progress and
    only moves the due date (audited when it changes). ``actor_label`` names a
    non-person actor in the audit log, such as an integrator's API client."""
    enrollment = enrollment_start(
        user=learner, course=course, due_at=due_at, assigned_by=assigned_by
    )
    if enrollment.due_at != due_at and due_at is not None:
        enrollment = enrollment_change_due_date(
            enrollment=enrollment,
            due_at=due_at,
            actor=assigned_by,
            actor_label=actor_label,
            reason="Re-assigned",
        )
    return enrollment


@transaction.atomic
def enrollment_change_due_date(
    *,
    enrollment: Enrollment,
    due_at: datetime | None,
    actor: User | None,
    reason: str,
    actor_label: str = "",
) -> Enrollment:
    enrollment = Enrollment.objects.select_for_update().select_related("user").get(pk=enrollment.pk)
    before = enrollment.due_at
    if before == due_at:
        return enrollment
    audit_record(
        actor=actor,
        actor_label=actor_label,
        action="enrollment.due_date_changed",
        target=enrollment,
        reason=reason,
        changes={"due_at": [_iso(before), _iso(due_at)]},
        organisation_id=enrollment.user.organisation_id,
    )
    enrollment.due_at = due_at
    enrollment.save(update_fields=["due_at", "updated_at"])
    return enrollment


@transaction.atomic
def enrollment_cancel(
    *, enrollment: Enrollment, actor: User | None, reason: str, actor_label: str = ""
) -> Enrollment:
    """Withdraw an assignment. Its history stays; integrators see it as a tombstone."""
    enrollment = (
        Enrollment.objects.select_for_update()
        .select_related("user", "course")
        .get(pk=enrollment.pk)
    )
    if enrollment.cancelled_at is not None:
        return enrollment
    audit_record(
        actor=actor,
        actor_label=actor_label,
        action="enrollment.cancelled",
        target=enrollment,
        reason=reason,
        organisation_id=enrollment.user.organisation_id,
    )
    enrollment.cancelled_at = timezone.now()
    enrollment.save(update_fields=["cancelled_at", "updated_at"])
    event_record(
        type=EventType.ENROLLMENT_CANCELLED,
        learner=enrollment.user,
        data={"enrollment_id": enrollment.pk, "course": enrollment.course.slug},
    )
    return enrollment


@transaction.atomic
def enrollment_complete_manually(*, enrollment: Enrollment, actor: User, reason: str) -> Enrollment:
    """Mark a course complete without the exercises (e.g. proven elsewhere); audited,
    and the certificate says the same as any other."""
    enrollment = (
        Enrollment.objects.select_for_update()
        .select_related("user", "course")
        .get(pk=enrollment.pk)
    )
    if enrollment.completed_at is not None:
        raise AssignmentError("This enrolment is already complete.")
    audit_record(
        actor=actor,
        action="enrollment.completed_manually",
        target=enrollment,
        reason=reason,
        changes={"status": [enrollment.status, EnrollmentStatus.COMPLETED]},
        organisation_id=enrollment.user.organisation_id,
    )
    now = timezone.now()
    enrollment.completed_at = now
    enrollment.started_at = enrollment.started_at or now
    enrollment.status = EnrollmentStatus.COMPLETED
    enrollment.save(update_fields=["completed_at", "started_at", "status", "updated_at"])
    certificate = certificate_issue(enrollment=enrollment)
    event_record(
        type=EventType.COURSE_COMPLETED,
        learner=enrollment.user,
        data={
            "enrollment_id": enrollment.pk,
            "course": enrollment.course.slug,
            "certificate_code": certificate.code,
            "manual": True,
        },
    )
    return enrollment
