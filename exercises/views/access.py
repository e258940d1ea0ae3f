"""The one check every learner exercise page makes: enrolled, and the stage unlocked."""

from __future__ import annotations

from django.http import Http404

from accounts.http import AuthedRequest
from courses import selectors as course_selectors
from courses.models import Enrollment
from courses.progress import CourseProgress, StageState
from courses.selectors import CourseMap
from exercises import selectors
from exercises.models import Exercise


def open_exercise(
    request: AuthedRequest, course_slug: str, slug: str
) -> tuple[Enrollment, Exercise, CourseMap, CourseProgress]:
    """The learner's enrolment and an exercise in a stage they have unlocked, else 404."""
    enrollment = course_selectors.enrollment_get(user=request.user, course_slug=course_slug)
    exercise = selectors.exercise_get(enrollment=enrollment, slug=slug)
    course = course_selectors.course_map(enrollment.course)
    progress = course_selectors.enrollment_progress(enrollment, course)
    if progress.stage_states.get(exercise.lesson.stage_id, StageState.LOCKED) == StageState.LOCKED:
        raise Http404("This exercise is in a stage you have not unlocked yet.")
    return enrollment, exercise, course, progress
