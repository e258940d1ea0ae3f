"""The learner's path through a course: its stages, lessons and exercises in order, what
the learner has read and passed, and from that what is open, locked and next.

It sits above ``courses`` and ``exercises`` because it needs both: a course's progress is
made of its lessons read and its exercises passed. Every read has a fixed query count."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from courses.errors import StageLocked
from courses.gating import (
    CourseProgress,
    LessonOutline,
    StageOutline,
    StageState,
    Step,
    compute_progress,
    resume_at,
    step_after,
)
from courses.measure import check_is_open
from courses.models import Course, Diagnostic, Enrollment, Lesson, LessonView, Stage
from exercises.models import Exercise, ExerciseProgress


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


def viewed_lesson_ids(enrollment: Enrollment) -> set[int]:
    return set(LessonView.objects.filter(enrollment=enrollment).values_list("lesson_id", flat=True))


@dataclass(frozen=True)
class Standing:
    """Where a learner stands in a course: what they have read and passed, and the
    progress that follows from it."""

    viewed_lessons: set[int]
    passed_exercises: set[int]
    progress: CourseProgress


def enrollment_standing(enrollment: Enrollment, course: CourseMap) -> Standing:
    """Two queries; everything else about the learner's path follows without any."""
    viewed, passed = viewed_lesson_ids(enrollment), passed_exercise_ids(enrollment)
    progress = compute_progress(course.outline, viewed_lessons=viewed, passed_exercises=passed)
    return Standing(viewed, passed, progress)


def enrollment_progress(enrollment: Enrollment, course: CourseMap) -> CourseProgress:
    return enrollment_standing(enrollment, course).progress


@dataclass(frozen=True)
class PathStep:
    """A step of the learner's path with the row it points at, for a "next" link."""

    kind: str  # "lesson" or "exercise"
    course_slug: str
    lesson: Lesson
    exercise: Exercise | None = None
    locked: bool = False  # in a stage the learner has not unlocked yet

    @property
    def title(self) -> str:
        return self.exercise.title if self.exercise is not None else self.lesson.title

    @property
    def url(self) -> str:
        if self.exercise is not None:
            return reverse("learning:exercise", args=[self.course_slug, self.exercise.slug])
        return reverse("learning:lesson", args=[self.course_slug, self.lesson.slug])


def _path_step(
    course: CourseMap, step: Step | None, progress: CourseProgress | None = None
) -> PathStep | None:
    if step is None:
        return None
    locked = progress is not None and progress.state_of(step.stage_id) == StageState.LOCKED
    for stage in course.stages:
        for lesson in stage.active_lessons:  # type: ignore[attr-defined]
            if lesson.pk != step.lesson_id:
                continue
            slug = course.course.slug
            if step.kind == "lesson":
                return PathStep("lesson", slug, lesson, locked=locked)
            exercise = next(e for e in lesson.active_exercises if e.pk == step.id)
            return PathStep("exercise", slug, lesson, exercise, locked=locked)
    return None


def next_step(
    course: CourseMap,
    progress: CourseProgress,
    *,
    lesson: Lesson | None = None,
    exercise: Exercise | None = None,
) -> PathStep | None:
    """What comes after this lesson or exercise on the course's path (no queries)."""
    if exercise is not None:
        step = step_after(course.outline, "exercise", exercise.pk)
    else:
        assert lesson is not None
        step = step_after(course.outline, "lesson", lesson.pk)
    return _path_step(course, step, progress)


def resume_step(course: CourseMap, standing: Standing) -> PathStep | None:
    """Where the learner left off (no queries), or None when nothing is left to do."""
    return _path_step(
        course,
        resume_at(
            course.outline,
            standing.progress,
            viewed_lessons=standing.viewed_lessons,
            passed_exercises=standing.passed_exercises,
        ),
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


def diagnostic_is_open(
    enrollment: Enrollment, diagnostic: Diagnostic, course: CourseMap, progress: CourseProgress
) -> bool:
    """Whether the learner may answer this check now (no queries)."""
    outline = course.outline
    first_done = bool(outline) and progress.state_of(outline[0].stage_id) == StageState.DONE
    return check_is_open(
        diagnostic.kind,
        diagnostic.after_days,
        first_stage_done=first_done,
        completed_at=enrollment.completed_at,
        now=timezone.now(),
    )


def exercise_is_open(
    enrollment: Enrollment, exercise: Exercise, course: CourseMap, progress: CourseProgress
) -> bool:
    """A lesson's exercise in an unlocked stage, or a check's exercise while it is open."""
    if exercise.diagnostic is not None:
        return diagnostic_is_open(enrollment, exercise.diagnostic, course, progress)
    assert exercise.lesson is not None
    return progress.stage_states.get(exercise.lesson.stage_id, StageState.LOCKED) not in (
        StageState.LOCKED,
    )
