"""Learner pages for exercises: answer, watch it being graded, read the feedback."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accounts.http import AuthedRequest
from courses import selectors as course_selectors
from courses.errors import StageLocked, locked_response
from courses.gating import CourseProgress
from courses.models import Enrollment, StageCompletion
from courses.selectors import CourseMap
from exercises import selectors
from exercises.errors import SubmissionRejected
from exercises.forms import AnswerForm, ChoiceForm, SelfAssessmentForm, form_for
from exercises.grading import pass_rule
from exercises.models import Exercise, ExerciseKind, Submission
from exercises.presenters import (
    compare_levels,
    highlight,
    level_name,
    poll_delay_ms,
    requirements_met,
)
from exercises.services.submissions import submission_create

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
        "next_step": course_selectors.next_step(course, progress, exercise=exercise),
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
    return render(request, "exercises/exercise.html", context, status=status)


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
        submission = submission_create(
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
    url = reverse("exercises:detail", kwargs={"course_slug": course_slug, "slug": slug})
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


def _levels(submission: Submission) -> list[tuple[str, str, int]]:
    gradings = getattr(submission, "current_gradings", None) or []
    return [(c.criterion, c.label, c.level) for g in gradings[:1] for c in g.criteria.all()]


def improvement(before: Submission, after: Submission) -> dict[str, Any]:
    """How the newest graded attempt compares with the one before it (or, for a
    revise-after-feedback exercise, with the reply being revised)."""
    return {
        "before": before,
        "after": after,
        "changes": compare_levels(_levels(before), _levels(after)),
        "score_change": (after.score or 0) - (before.score or 0),
    }


def milestone_for(submission: Submission) -> str:
    """ "course" or "stage" when this passing answer finished one, for the next-step link."""
    if not submission.passed:
        return ""
    enrollment = submission.enrollment
    if enrollment.completed_at is not None:
        return "course"
    lesson = submission.exercise.lesson
    if lesson is None:  # a skills check: no stage to finish
        return ""
    done = StageCompletion.objects.filter(enrollment=enrollment, stage_id=lesson.stage_id).exists()
    return "stage" if done else ""


def feedback_context(submission: Submission, *, live: bool = False) -> dict[str, Any]:
    """What the feedback panel shows; ``live`` adds the stage/course milestone link."""
    gradings = getattr(submission, "current_gradings", None)
    grading = gradings[0] if gradings else None
    criteria = list(grading.criteria.all()) if grading else []
    spans = [span for c in criteria if c.level > 0 for span in c.evidence]
    return {
        "milestone": milestone_for(submission) if live else "",
        "poll_ms": poll_delay_ms(timezone.now() - submission.submitted_at) if live else None,
        "submission": submission,
        "grading": grading,
        "criteria": [
            {
                "score": c,
                "level_name": level_name(c.level, c.max_level),
                "good": c.level == c.max_level,
            }
            for c in criteria
        ],
        "segments": highlight(submission.answer_text, spans),
        "requirements": requirements_met(submission.exercise, criteria),
        "listening": grading.listening if grading else {},
    }
