"""The one check every learner exercise page makes: enrolled, and the exercise open."""

from __future__ import annotations

from django.http import Http404

from accounts.http import AuthedRequest
from courses import selectors as course_selectors
from courses.gating import CourseProgress
from courses.models import Enrollment
from exercises import selectors
from exercises.models import Exercise
from learning import path
from learning.path import CourseMap


def open_exercise(
    request: AuthedRequest, course_slug: str, slug: str
) -> tuple[Enrollment, Exercise, CourseMap, CourseProgress]:
    """The learner's enrolment and an exercise they may answer now. An unknown one is a 404;
    one in a locked stage raises ``StageLocked`` (the page says what unlocks it); a skills
    check that is not open now is a 404."""
    enrollment = course_selectors.enrollment_get(user=request.user, course_slug=course_slug)
    exercise = selectors.exercise_get(enrollment=enrollment, slug=slug)
    course = path.course_map(enrollment.course)
    progress = path.enrollment_progress(enrollment, course)
    if exercise.lesson is not None:
        path.stage_open_check(course=course, progress=progress, stage_id=exercise.lesson.stage_id)
    elif not path.exercise_is_open(enrollment, exercise, course, progress):
        raise Http404("This exercise is in a check that is not open to you.")
    return enrollment, exercise, course, progress
