"""The trainer's review queue: confirm or override low-confidence gradings."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.access import may_review_gradings, page_for
from accounts.http import AuthedRequest
from exercises.errors import SubmissionRejected
from exercises.forms import ReviewForm
from exercises.presenters import feedback_context
from exercises.selectors import grading_failures, review_queue, submission_for_review
from exercises.services.review import review_record, submission_grade_again


@page_for(may_review_gradings)
def queue(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "exercises/review_queue.html",
        {"submissions": review_queue(), "failures": grading_failures()},
    )


@page_for(may_review_gradings)
@require_POST
def grade_again(request: AuthedRequest, submission_id: int) -> HttpResponse:
    submission = get_object_or_404(grading_failures(), pk=submission_id)
    try:
        submission_grade_again(submission_id=submission.pk, trainer=request.user)
    except SubmissionRejected as rejected:
        messages.error(request, rejected.message)
    else:
        messages.success(
            request, f"{submission.learner.display_name}'s answer is queued for grading again."
        )
    return redirect("exercises:review_queue")


@page_for(may_review_gradings)
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
