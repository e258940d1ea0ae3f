"""Learner pages for exercises: answer, watch it being graded, read the feedback."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accounts.http import AuthedRequest
from courses.errors import StageLocked, locked_response
from courses.gating import CourseProgress
from courses.models import Enrollment
from exercises import selectors
from exercises.errors import SubmissionRejected
from exercises.forms import AnswerForm, ChoiceForm, SelfAssessmentForm, form_for
from exercises.grading import pass_rule
from exercises.models import Exercise, ExerciseKind, Submission
from exercises.presenters import feedback_context, improvement
from learning import path
from learning.path import CourseMap
from learning.services.practice import learner_submission_create

from .access import open_exercise
from .conversation import conversation_page


def _draft(submissions: list[Submission], earlier: Submission | None) -> str:
    """The text a free-text form starts from: the last attempt, else the reply it revises."""
    for source in (*submissions[:1], earlier):
        if source is not None and source.answer_text:
            return source.answer_text
    return ""


def _page(
    request: AuthedRequest,
    enrollment: Enrollment,
    exercise: Exercise,
    course: CourseMap,
    progress: CourseProgress,
    form: AnswerForm | None = None,
    status: int = 200,
) -> HttpResponse:
    submissions = list(selectors.submissions_for(learner=request.user, exercise=exercise))
    passed = any(s.passed for s in submissions)
    earlier = (
        selectors.latest_submission(learner=request.user, exercise=exercise.revises)
        if exercise.revises
        else None
    )
    graded = [s for s in submissions if s.score is not None] if exercise.is_graded_by_worker else []
    baseline = (
        graded[1]
        if len(graded) > 1
        else (earlier if earlier and earlier.score is not None else None)
    )
    if form is None:
        form = form_for(exercise, draft=_draft(submissions, earlier))
    context: dict[str, Any] = {
        "improvement": improvement(baseline, graded[0]) if graded and baseline else None,
        "next_step": path.next_step(course, progress, exercise=exercise),
        "course": enrollment.course,
        "exercise": exercise,
        "lesson": exercise.lesson,
        "check": exercise.diagnostic,
        "form": form,
        "latest": feedback_context(submissions[0], live=True) if submissions else None,
        "history": [feedback_context(s) for s in submissions[1:]],
        "earlier": feedback_context(earlier) if earlier else None,
        "passed": passed,
        "reference_replies": exercise.reference_replies.all() if passed else [],
        "pass_requirements": pass_rule.requirements(exercise.rubric),
    }
    return render(request, "learning/exercise.html", context, status=status)


@login_required
@require_GET
def exercise_detail(request: AuthedRequest, course_slug: str, slug: str) -> HttpResponse:
    try:
        enrollment, exercise, course, progress = open_exercise(request, course_slug, slug)
    except StageLocked as locked:
        return locked_response(request, locked, what="exercise")
    if exercise.kind == ExerciseKind.CONVERSATION:
        return conversation_page(request, enrollment, exercise, course, progress)
    return _page(request, enrollment, exercise, course, progress)


@login_required
@require_POST
def exercise_submit(request: AuthedRequest, course_slug: str, slug: str) -> HttpResponse:
    try:
        enrollment, exercise, course, progress = open_exercise(request, course_slug, slug)
    except StageLocked as locked:
        return locked_response(request, locked, what="exercise")
    form = form_for(exercise, request.POST)
    if not form.is_valid():
        return _page(request, enrollment, exercise, course, progress, form, status=400)
    try:
        submission = learner_submission_create(
            enrollment=enrollment,
            exercise=exercise,
            client_token=form.cleaned_data["client_token"],
            answer_text=form.cleaned_data.get("answer", ""),
            choice_id=form.cleaned_data.get("choice") if isinstance(form, ChoiceForm) else None,
            ratings=form.ratings() if isinstance(form, SelfAssessmentForm) else None,
        )
    except SubmissionRejected as rejected:
        form.add_error(rejected.field if rejected.field in form.fields else None, rejected.message)
        return _page(request, enrollment, exercise, course, progress, form, status=400)
    url = reverse("learning:exercise", kwargs={"course_slug": course_slug, "slug": slug})
    return redirect(f"{url}#attempt-{submission.attempt}")


@login_required
@require_GET
def submission_status(request: AuthedRequest, submission_id: int) -> HttpResponse:
    """The feedback panel for one submission; polled by the page while it is pending."""
    submission = selectors.submission_get(learner=request.user, submission_id=submission_id)
    return render(
        request,
        "exercises/_feedback.html",
        {
            "item": feedback_context(submission, live=True),
            "live": True,
            "course": submission.exercise.course,
        },
    )
