"""Every read the course pages need, scoped to the learner and with a fixed query count."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import User
from exercises.models import Exercise, ExerciseProgress

from .errors import StageLocked
from .models import Certificate, Course, Enrollment, Lesson, LessonView, Stage
from .progress import (
    CourseProgress,
    LessonOutline,
    StageOutline,
    StageState,
    compute_progress,
)


@dataclass(frozen=True)
class CourseMap:
    """A course's active structure, loaded in three queries."""

    course: Course
    stages: Sequence[Stage]

    @property
    def outline(self) -> list[StageOutline]:
        return [
            StageOutline(
                stage.pk,
                tuple(
                    LessonOutline(lesson.pk, tuple(e.pk for e in lesson.active_exercises))
                    for lesson in stage.active_lessons  # type: ignore[attr-defined]
                ),
            )
            for stage in self.stages
        ]

    def stage_of_lesson(self, lesson_id: int) -> Stage | None:
        for stage in self.stages:
            if any(lesson.pk == lesson_id for lesson in stage.active_lessons):  # type: ignore[attr-defined]
                return stage
        return None


def enrollments_for(user: User) -> QuerySet[Enrollment]:
    return Enrollment.objects.filter(user=user).select_related("course").order_by("course__title")


def enrollment_get(*, user: User, course_slug: str) -> Enrollment:
    """The learner's own enrolment in a course; 404 for a course they are not in."""
    return get_object_or_404(
        Enrollment.objects.select_related("course", "user"), user=user, course__slug=course_slug
    )


def course_map(course: Course) -> CourseMap:
    lessons = Lesson.objects.filter(is_active=True).prefetch_related(
        Prefetch(
            "exercises",
            queryset=Exercise.objects.filter(is_active=True).order_by("position"),
            to_attr="active_exercises",
        )
    )
    stages = list(
        Stage.objects.filter(course=course, is_active=True)
        .order_by("position")
        .prefetch_related(
            Prefetch("lessons", queryset=lessons.order_by("position"), to_attr="active_lessons")
        )
    )
    return CourseMap(course=course, stages=stages)


def passed_exercise_ids(enrollment: Enrollment) -> set[int]:
    return set(
        ExerciseProgress.objects.filter(enrollment=enrollment, passed_at__isnull=False).values_list(
            "exercise_id", flat=True
        )
    )


def enrollment_progress(enrollment: Enrollment, course: CourseMap) -> CourseProgress:
    viewed = set(
        LessonView.objects.filter(enrollment=enrollment).values_list("lesson_id", flat=True)
    )
    return compute_progress(
        course.outline, viewed_lessons=viewed, passed_exercises=passed_exercise_ids(enrollment)
    )


def open_lesson_get(*, enrollment: Enrollment, course: CourseMap, lesson_slug: str) -> Lesson:
    """A lesson the learner may open: active and in an unlocked stage. An unknown lesson
    is ``Lesson.DoesNotExist`` (404); one in a locked stage is ``StageLocked`` (403)."""
    progress = enrollment_progress(enrollment, course)
    for stage in course.stages:
        for lesson in stage.active_lessons:  # type: ignore[attr-defined]
            if lesson.slug == lesson_slug:
                stage_open_check(course=course, progress=progress, stage_id=stage.pk)
                return lesson
    raise Lesson.DoesNotExist  # the view turns this into a 404


def stage_open_check(*, course: CourseMap, progress: CourseProgress, stage_id: int) -> None:
    """Raise ``StageLocked`` naming the stage to finish when ``stage_id`` is locked."""
    if progress.stage_states.get(stage_id, StageState.LOCKED) != StageState.LOCKED:
        return
    locked = next((stage for stage in course.stages if stage.pk == stage_id), None)
    if locked is None:
        raise Http404("No such stage.")  # retired: not locked, gone
    to_finish = next(
        (stage for stage in course.stages if progress.state_of(stage.pk) == StageState.OPEN),
        None,
    )
    raise StageLocked(course=course.course, locked=locked, to_finish=to_finish)


def current_certificate(enrollment: Enrollment) -> Certificate | None:
    return enrollment.certificates.order_by("-issued_at").first()


# Codes are letters, digits and dashes; anything else (a NUL, which PostgreSQL cannot
# compare, or a "/", which no URL can carry) names no certificate.
CERTIFICATE_CODE = re.compile(r"[A-Z0-9-]{1,32}")


def certificate_code(raw: str) -> str | None:
    """The code as stored, or None if ``raw`` cannot be a certificate code."""
    code = raw.strip().upper()
    return code if CERTIFICATE_CODE.fullmatch(code) else None


def certificate_get(code: str) -> Certificate:
    wanted = certificate_code(code)
    if wanted is None:
        raise Http404("No certificate has this code.")
    return get_object_or_404(Certificate.objects.select_related("enrollment__course"), code=wanted)
