"""Enrolment and progress writes: starting, reading lessons, finishing stages."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from courses.models import (
    Certificate,
    Course,
    Enrollment,
    EnrollmentStatus,
    Lesson,
    LessonView,
    StageCompletion,
)
from courses.selectors import course_map, enrollment_progress

# No 0/O or 1/I: a code read out over the phone must not be misheard.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass
class ProgressChange:
    """What a progress refresh changed, for notifications and webhooks."""

    stages_completed: list[int] = field(default_factory=list)
    certificate: Certificate | None = None


def enrollment_start(*, user: User, course: Course) -> Enrollment:
    """Enrol ``user`` (idempotent: one enrolment per learner and course)."""
    enrollment, _ = Enrollment.objects.get_or_create(user=user, course=course)
    return enrollment


@transaction.atomic
def lesson_view_record(*, enrollment: Enrollment, lesson: Lesson) -> ProgressChange:
    """Record that the learner opened ``lesson`` (first time only) and refresh progress."""
    _, created = LessonView.objects.get_or_create(enrollment=enrollment, lesson=lesson)
    if not created and enrollment.status != EnrollmentStatus.NOT_STARTED:
        return ProgressChange()
    return enrollment_refresh_progress(enrollment_id=enrollment.pk)


@transaction.atomic
def enrollment_refresh_progress(*, enrollment_id: int) -> ProgressChange:
    """Recompute percent and status, record newly completed stages, and on completion
    issue a certificate. Locks the enrolment so concurrent gradings serialise here."""
    enrollment = (
        Enrollment.objects.select_for_update()
        .select_related("course", "user")
        .get(pk=enrollment_id)
    )
    progress = enrollment_progress(enrollment, course_map(enrollment.course))
    now = timezone.now()
    change = ProgressChange()
    already = set(
        StageCompletion.objects.filter(enrollment=enrollment).values_list("stage_id", flat=True)
    )
    for stage_id in progress.done_stage_ids:
        if stage_id not in already:
            StageCompletion.objects.create(
                enrollment=enrollment, stage_id=stage_id, completed_at=now
            )
            change.stages_completed.append(stage_id)
    fields = ["progress_percent", "status", "updated_at"]
    enrollment.progress_percent = progress.percent
    if enrollment.started_at is None:
        enrollment.started_at = now
        fields.append("started_at")
    if progress.is_complete and enrollment.completed_at is None:
        enrollment.completed_at = now
        fields.append("completed_at")
        change.certificate = certificate_issue(enrollment=enrollment)
    enrollment.status = (
        EnrollmentStatus.COMPLETED if enrollment.completed_at else EnrollmentStatus.IN_PROGRESS
    )
    enrollment.save(update_fields=fields)
    return change


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
