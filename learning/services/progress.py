"""The learner's progress through a course, kept current as they read and pass: the
percentage and status, stages completed and, at the end, the certificate.

``exercises`` announces a newly passed exercise with ``exercise_passed``; this app, which
is above it, refreshes the course progress in the same transaction (see ``apps.py``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from activity.models import EventType
from activity.services import event_record
from courses.models import (
    Certificate,
    Enrollment,
    EnrollmentStatus,
    Lesson,
    LessonView,
    StageCompletion,
)
from courses.services.enrollments import certificate_issue
from learning.path import course_map, enrollment_progress


@dataclass
class ProgressChange:
    """What a progress refresh changed, for notifications and webhooks."""

    stages_completed: list[int] = field(default_factory=list)
    certificate: Certificate | None = None


@transaction.atomic
def lesson_view_record(*, enrollment: Enrollment, lesson: Lesson) -> ProgressChange:
    """Record that the learner opened ``lesson`` (first time only) and refresh progress."""
    _, created = LessonView.objects.get_or_create(enrollment=enrollment, lesson=lesson)
    if not created and enrollment.status != EnrollmentStatus.NOT_STARTED:
        return ProgressChange()
    if created:
        event_record(
            type=EventType.LESSON_VIEWED,
            learner=enrollment.user,
            data={
                "enrollment_id": enrollment.pk,
                "course": lesson.course.slug,
                "lesson": lesson.slug,
            },
        )
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
    course = course_map(enrollment.course)
    progress = enrollment_progress(enrollment, course)
    now = timezone.now()
    change = ProgressChange()
    already = set(
        StageCompletion.objects.filter(enrollment=enrollment).values_list("stage_id", flat=True)
    )
    stages = {stage.pk: stage for stage in course.stages}
    for stage_id in progress.done_stage_ids:
        if stage_id in already:
            continue
        StageCompletion.objects.create(enrollment=enrollment, stage_id=stage_id, completed_at=now)
        change.stages_completed.append(stage_id)
        event_record(
            type=EventType.STAGE_COMPLETED,
            learner=enrollment.user,
            data={
                "enrollment_id": enrollment.pk,
                "course": enrollment.course.slug,
                "stage": stages[stage_id].slug,
                "stage_position": stages[stage_id].position,
            },
        )
    fields = ["progress_percent", "status", "updated_at"]
    enrollment.progress_percent = progress.percent
    if enrollment.started_at is None:
        enrollment.started_at = now
        fields.append("started_at")
    if progress.is_complete and enrollment.completed_at is None:
        enrollment.completed_at = now
        fields.append("completed_at")
        change.certificate = certificate_issue(enrollment=enrollment)
        event_record(
            type=EventType.COURSE_COMPLETED,
            learner=enrollment.user,
            data={
                "enrollment_id": enrollment.pk,
                "course": enrollment.course.slug,
                "certificate_code": change.certificate.code,
            },
        )
    enrollment.status = (
        EnrollmentStatus.COMPLETED if enrollment.completed_at else EnrollmentStatus.IN_PROGRESS
    )
    enrollment.save(update_fields=fields)
    return change


def on_exercise_passed(*, enrollment_id: int, **_: Any) -> None:
    """The receiver of ``exercises.signals.exercise_passed``: a pass may open a stage or
    finish the course."""
    enrollment_refresh_progress(enrollment_id=enrollment_id)
