"""The trainer's review queue: confirm or override low-confidence gradings."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from accounts.http import AuthedRequest
from accounts.models import Role, User
from exercises.errors import SubmissionRejected
from exercises.forms import ReviewForm
from exercises.selectors import review_queue, submission_for_review
from exercises.services.review import review_record

from .learner import feedback_context


def is_trainer(user: User) -> bool:
    return user.is_superuser or user.role == Role.STAFF


def trainer_required(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """Anonymous visitors log in; anyone else who is not a trainer finds nothing (404)."""

    @login_required
    @wraps(view)
    def guarded(request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_trainer(request.user):
            raise Http404("No such page.")
        return view(request, *args, **kwargs)

    return guarded


@trainer_required
def queue(request: AuthedRequest) -> HttpResponse:
    return render(request, "exercises/review_queue.html", {"submissions": review_queue()})


@trainer_required
def review(request: AuthedRequest, submission_id: int) -> HttpResponse:
    submission = submission_for_review(submission_id)
    item = feedback_context(submission)
    form = ReviewForm(request.POST or None, criteria=item["criteria"])
    if request.method == "POST" and form.is_valid():
        try:
            review_record(
                submission_id=submission.pk,
                reviewer=request.user,
                reason=form.cleaned_data["reason"],
                levels=form.levels() if form.cleaned_data["decision"] == "override" else None,
            )
        except SubmissionRejected as rejected:
            form.add_error(None, rejected.message)
        else:
            messages.success(request, f"Review of attempt {submission.attempt} recorded.")
            return redirect("exercises:review_queue")
    history = submission.gradings.select_related("reviewer").order_by("-created_at")
    return render(
        request,
        "exercises/review.html",
        {"item": item, "form": form, "history": history, "submission": submission},
        status=400 if form.errors else 200,
    )
