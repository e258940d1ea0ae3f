"""Learner pages for a course: home, overview, lessons, where to continue, completion."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.http import AuthedRequest
from courses import selectors
from courses.errors import StageLocked, locked_response
from courses.models import Course, Lesson
from courses.services.enrollments import enrollment_start
from exercises.selectors import exercise_progress_by_exercise
from learning import path
from learning.presenters import overview_stages
from learning.services.progress import lesson_view_record


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    enrollments = list(selectors.enrollments_for(request.user))
    others = selectors.courses_not_enrolled(request.user)
    return render(request, "learning/home.html", {"enrollments": enrollments, "others": others})


@login_required
@require_POST
def enrol(request: AuthedRequest, course_slug: str) -> HttpResponse:
    course = get_object_or_404(Course, slug=course_slug)
    enrollment_start(user=request.user, course=course)
    return redirect("learning:overview", course_slug=course.slug)


@login_required
def resume(request: AuthedRequest, course_slug: str) -> HttpResponse:
    """Continue where the learner left off; the overview when nothing is left to do."""
    enrollment = selectors.enrollment_get(user=request.user, course_slug=course_slug)
    course = path.course_map(enrollment.course)
    step = path.resume_step(course, path.enrollment_standing(enrollment, course))
    return redirect(step.url if step else reverse("learning:overview", args=[course_slug]))


@login_required
def overview(request: AuthedRequest, course_slug: str) -> HttpResponse:
    enrollment = selectors.enrollment_get(user=request.user, course_slug=course_slug)
    course = path.course_map(enrollment.course)
    standing = path.enrollment_standing(enrollment, course)
    progress = standing.progress
    stages = overview_stages(course, progress, exercise_progress_by_exercise(enrollment))
    return render(
        request,
        "learning/overview.html",
        {
            "enrollment": enrollment,
            "course": enrollment.course,
            "stages": stages,
            "progress": progress,
            "certificate": selectors.current_certificate(enrollment),
            "resume": path.resume_step(course, standing),
            "checks": [
                {
                    "check": check,
                    "open": path.diagnostic_is_open(enrollment, check, course, progress),
                }
                for check in selectors.diagnostics_for(enrollment.course)
            ],
        },
    )


@login_required
def lesson_detail(request: AuthedRequest, course_slug: str, lesson_slug: str) -> HttpResponse:
    enrollment = selectors.enrollment_get(user=request.user, course_slug=course_slug)
    course = path.course_map(enrollment.course)
    try:
        lesson = path.open_lesson_get(enrollment=enrollment, course=course, lesson_slug=lesson_slug)
    except Lesson.DoesNotExist as missing:
        raise Http404("No such lesson.") from missing
    except StageLocked as locked:
        return locked_response(request, locked, what="lesson")
    lesson_view_record(enrollment=enrollment, lesson=lesson)
    exercise_progress = exercise_progress_by_exercise(enrollment)
    lessons = [lsn for stage in course.stages for lsn in stage.active_lessons]  # type: ignore[attr-defined]
    index = next(i for i, lsn in enumerate(lessons) if lsn.pk == lesson.pk)
    return render(
        request,
        "learning/lesson.html",
        {
            "course": enrollment.course,
            "stage": course.stage_of_lesson(lesson.pk),
            "lesson": lesson,
            "exercises": [
                {"exercise": e, "progress": exercise_progress.get(e.pk)}
                for e in lesson.active_exercises  # type: ignore[attr-defined]
            ],
            "previous_lesson": lessons[index - 1] if index > 0 else None,
            "next_lesson": lessons[index + 1] if index + 1 < len(lessons) else None,
            "next_step": path.next_step(
                course, path.enrollment_progress(enrollment, course), lesson=lesson
            ),
        },
    )


@login_required
def completion(request: AuthedRequest, course_slug: str) -> HttpResponse:
    enrollment = selectors.enrollment_get(user=request.user, course_slug=course_slug)
    certificate = selectors.current_certificate(enrollment)
    if certificate is None:
        raise Http404("This course is not complete yet.")
    return render(
        request,
        "learning/completion.html",
        {"course": enrollment.course, "enrollment": enrollment, "certificate": certificate},
    )
