"""Learner pages for conversations: start, reply, watch the customer "type", review."""

from __future__ import annotations

from contextlib import suppress

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
from exercises.conversation_presenter import conversation_panel
from exercises.errors import SubmissionRejected
from exercises.forms import AnswerForm, FreeTextForm
from exercises.models import Exercise
from exercises.services.conversations import conversation_reply
from learning import path
from learning.path import CourseMap
from learning.services.practice import learner_conversation_start

from .access import open_exercise


def conversation_page(
    request: AuthedRequest,
    enrollment: Enrollment,
    exercise: Exercise,
    course: CourseMap,
    progress: CourseProgress,
    form: FreeTextForm | None = None,
    status: int = 200,
) -> HttpResponse:
    attempts = list(selectors.conversations_for(learner=request.user, exercise=exercise))
    latest = attempts[0] if attempts else None
    context = {
        "course": enrollment.course,
        "exercise": exercise,
        "lesson": exercise.lesson,
        "panel": conversation_panel(exercise, latest),
        "form": form or FreeTextForm(),
        "start_form": AnswerForm(),
        "earlier_attempts": attempts[1:],
        "passed": any(a.passed for a in attempts),
        "next_step": path.next_step(course, progress, exercise=exercise),
        "live": True,
    }
    return render(request, "learning/conversation.html", context, status=status)


def _detail_url(exercise: Exercise) -> str:
    return reverse(
        "learning:exercise", kwargs={"course_slug": exercise.course.slug, "slug": exercise.slug}
    )


@login_required
@require_POST
def start(request: AuthedRequest, course_slug: str, slug: str) -> HttpResponse:
    try:
        enrollment, exercise, _, _ = open_exercise(request, course_slug, slug)
    except StageLocked as locked:
        return locked_response(request, locked, what="exercise")
    form = AnswerForm(request.POST)
    if form.is_valid():
        # Not a conversation: nothing to start, and the page shows what the exercise is.
        with suppress(SubmissionRejected):
            learner_conversation_start(
                enrollment=enrollment,
                exercise=exercise,
                client_token=form.cleaned_data["client_token"],
            )
    return redirect(f"{_detail_url(exercise)}#conversation")


@login_required
@require_POST
def reply(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    conversation = selectors.conversation_get(learner=request.user, conversation_id=conversation_id)
    exercise = conversation.exercise
    try:
        enrollment, exercise, course, progress = open_exercise(
            request, exercise.course.slug, exercise.slug
        )
    except StageLocked as locked:
        return locked_response(request, locked, what="exercise")
    form = FreeTextForm(request.POST)
    if not form.is_valid():
        return conversation_page(request, enrollment, exercise, course, progress, form, 400)
    try:
        conversation_reply(
            enrollment=enrollment,
            conversation=conversation,
            client_token=form.cleaned_data["client_token"],
            answer_text=form.cleaned_data.get("answer", ""),
        )
    except SubmissionRejected as rejected:
        form.add_error("answer", rejected.message)
        return conversation_page(request, enrollment, exercise, course, progress, form, 400)
    return redirect(f"{_detail_url(exercise)}#conversation")


@login_required
@require_GET
def status(request: AuthedRequest, conversation_id: int) -> HttpResponse:
    """The conversation panel; polled while the customer is "typing"."""
    conversation = selectors.conversation_get(learner=request.user, conversation_id=conversation_id)
    exercise = conversation.exercise
    context = {
        "course": exercise.course,
        "exercise": exercise,
        "panel": conversation_panel(exercise, conversation),
        "form": FreeTextForm(),
        "start_form": AnswerForm(),
        "live": True,
    }
    return render(request, "learning/_conversation.html", context)
