"""Enrolment writes: starting, starting again for recertification, certificates. Progress
through the course is refreshed by ``learning.services.progress``."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from activity.models import EventType
from activity.services import event_record
from courses.models import (
    Certificate,
    Course,
    Enrollment,
    EnrollmentStatus,
    LessonView,
    StageCompletion,
)

# No 0/O or 1/I: a code read out over the phone must not be misheard.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@transaction.atomic
def enrollment_start(
    *,
    user: User,
    course: Course,
    due_at: datetime | None = None,
    assigned_by: User | None = None,
) -> Enrollment:
    """Enrol ``user`` (idempotent: one enrolment per learner and course). A cancelled
    enrolment is reopened; an existing one keeps its progress."""
    enrollment, created = Enrollment.objects.get_or_create(
        user=user, course=course, defaults={"due_at": due_at, "assigned_by": assigned_by}
    )
    if not created and enrollment.cancelled_at is not None:
        enrollment.cancelled_at = None
        enrollment.save(update_fields=["cancelled_at", "updated_at"])
        created = True
    if created:
        event_record(
            type=EventType.ENROLLMENT_CREATED,
            learner=user,
            data={
                "enrollment_id": enrollment.pk,
                "course": course.slug,
                "due_at": enrollment.due_at.isoformat() if enrollment.due_at else None,
            },
        )
    return enrollment


@transaction.atomic
def enrollment_reset_for_recertification(*, enrollment: Enrollment, due_at: datetime) -> None:
    """Start the course again from the first stage, due by ``due_at``: lessons read and
    stages completed are cleared and the status is "not started". Certificates stay (the
    caller archives the completion); the caller holds the enrolment's row lock and
    clears the exercise standing (``exercise_progress_reset``)."""
    LessonView.objects.filter(enrollment=enrollment).delete()
    StageCompletion.objects.filter(enrollment=enrollment).delete()
    enrollment.status = EnrollmentStatus.NOT_STARTED
    enrollment.progress_percent = 0
    enrollment.started_at = enrollment.completed_at = None
    enrollment.due_at = due_at
    enrollment.save(
        update_fields=["status", "progress_percent", "started_at", "completed_at", "due_at",
                       "updated_at"]
    )  # fmt: skip
    event_record(
        type=EventType.ENROLLMENT_CREATED,
        learner=enrollment.user,
        data={
            "enrollment_id": enrollment.pk,
            "course": enrollment.course.slug,
            "due_at": due_at.isoformat(),
            "recertification": True,
        },
    )


def certificate_issue(*, enrollment: Enrollment) -> Certificate:
    """Issue a certificate with a fresh, unguessable verification code."""
    for _ in range(5):
        code = "-".join("".join(secrets.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(3))
        try:
            with transaction.atomic():
                return Certificate.objects.create(
                    enrollment=enrollment,
                    code=code,
                    learner_name=enrollment.user.display_name,
                    course_title=enrollment.course.title,
                    issued_at=timezone.now(),
                )
        except IntegrityError:  # a code collision: 32^12 makes this vanishingly rare
            continue
    raise RuntimeError("Could not issue a unique certificate code.")
