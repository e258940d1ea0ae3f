"""Learner pages for the course: overview, lessons, completion and verification."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accounts.http import AuthedRequest
from exercises.selectors import exercise_progress_by_exercise

from . import selectors
from .errors import StageLocked, locked_response
from .handout_pdf import handout_pdf
from .models import Course, Lesson
from .services.enrollments import enrollment_start, lesson_view_record


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    enrollments = list(selectors.enrollments_for(request.user))
    enrolled = {e.course_id for e in enrollments}
    others = Course.objects.exclude(pk__in=enrolled).order_by("title")
    return render(request, "courses/home.html", {"enrollments": enrollments, "others": others})


@login_required
@require_POST
def enrol(request: AuthedRequest, course_slug: str) -> HttpResponse:
    course = get_object_or_404(Course, slug=course_slug)
    enrollment_start(user=request.user, course=course)
    return redirect("courses:overview", course_slug=course.slug)


@login_required
def resume(request: AuthedRequest, course_slug: str) -> HttpResponse:
    """Continue where the learner left off; the overview when nothing is left to do."""
    enrollment = selectors.enrollment_get(user=request.user, course_slug=course_slug)
    course = selectors.course_map(enrollment.course)
    step = selectors.resume_step(course, selectors.enrollment_standing(enrollment, course))
    return redirect(step.url if step else reverse("courses:overview", args=[course_slug]))


@login_required
def overview(request: AuthedRequest, course_slug: str) -> HttpResponse:
    enrollment = selectors.enrollment_get(user=request.user, course_slug=course_slug)
    course = selectors.course_map(enrollment.course)
    standing = selectors.enrollment_standing(enrollment, course)
    progress = standing.progress
    exercise_progress = exercise_progress_by_exercise(enrollment)
    stages = [
        {
            "stage": stage,
            "state": progress.state_of(stage.pk).value,
            "lessons": [
                {
                    "lesson": lesson,
                    "done": lesson.pk in progress.lessons_done,
                    "passed": sum(
                        1
                        for e in lesson.active_exercises
                        if e.pk in exercise_progress and exercise_progress[e.pk].passed_at
                    ),
                    "total": len(lesson.active_exercises),
                }
                for lesson in stage.active_lessons  # type: ignore[attr-defined]
            ],
        }
        for stage in course.stages
    ]
    return render(
        request,
        "courses/overview.html",
        {
            "enrollment": enrollment,
            "course": enrollment.course,
            "stages": stages,
            "progress": progress,
            "certificate": selectors.current_certificate(enrollment),
            "resume": selectors.resume_step(course, standing),
            "checks": [
                {
                    "check": check,
                    "open": selectors.diagnostic_is_open(enrollment, check, course, progress),
                }
                for check in selectors.diagnostics_for(enrollment.course)
            ],
        },
    )


@login_required
def lesson_detail(request: AuthedRequest, course_slug: str, lesson_slug: str) -> HttpResponse:
    enrollment = selectors.enrollment_get(user=request.user, course_slug=course_slug)
    course = selectors.course_map(enrollment.course)
    try:
        lesson = selectors.open_lesson_get(
            enrollment=enrollment, course=course, lesson_slug=lesson_slug
        )
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
        "courses/lesson.html",
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
            "next_step": selectors.next_step(
                course, selectors.enrollment_progress(enrollment, course), lesson=lesson
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
        "courses/completion.html",
        {"course": enrollment.course, "enrollment": enrollment, "certificate": certificate},
    )


def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: anyone holding a code can check the certificate is genuine."""
    certificate = selectors.certificate_get(code)
    return render(request, "courses/certificate_verify.html", {"certificate": certificate})


def certificate_lookup(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("code", "")
    code = selectors.certificate_code(raw)
    if code:
        return redirect("courses:certificate", code=code)
    unknown = bool(raw.strip())  # not even the shape of a code: no certificate has it
    return render(
        request,
        "courses/certificate_lookup.html",
        {"unknown": unknown},
        status=404 if unknown else 200,
    )


HANDOUT_TITLES = {"job_aid": "Job aid", "manager_guide": "Manager's coaching guide"}


@login_required
@require_GET
def stage_handout(
    request: AuthedRequest, course_slug: str, stage_slug: str, handout: str
) -> HttpResponse:
    """A stage's job aid or manager's guide as a one-page PDF download."""
    stage = selectors.stage_with_handouts_get(course_slug=course_slug, stage_slug=stage_slug)
    sections = getattr(stage, handout)
    if not sections:
        raise Http404("This stage has no such handout.")
    pdf = handout_pdf(
        course=stage.course.title,
        stage=stage.title,
        title=HANDOUT_TITLES[handout],
        sections=sections,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"{stage.course.slug}-{stage.slug}-{handout.replace('_', '-')}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
