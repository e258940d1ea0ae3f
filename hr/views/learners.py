"""One learner: progress, scores per criterion over attempts, history; HR's changes."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import (
    may_manage_assignments,
    may_read_answers,
    may_view_dashboard,
    page_for,
)
from accounts.http import AuthedRequest
from accounts.lockout import login_is_locked
from accounts.services import user_login_unlock
from courses.services.assignments import (
    AssignmentError,
    enrollment_change_due_date,
    enrollment_complete_manually,
)

from ..forms import CompleteForm, DueDateForm
from ..selectors.learners import enrollment_details, enrollment_get_for, learner_get
from ..services.people_import import due_at_end_of


@page_for(may_view_dashboard)
def learner_detail(request: AuthedRequest, learner_id: int) -> HttpResponse:
    learner = learner_get(viewer=request.user, learner_id=learner_id)
    return render(
        request,
        "hr/learner.html",
        {
            "learner": learner,
            "details": enrollment_details(learner),
            # Privacy: answers are the learner's unless they chose to share them with
            # this viewer's role (HR, or HR and their manager).
            "show_answers": may_read_answers(request.user, learner),
            "can_manage": may_manage_assignments(request.user),
            "login_locked": login_is_locked(learner),
            "due_form": DueDateForm(),
            "complete_form": CompleteForm(),
        },
    )


@page_for(may_manage_assignments)
@require_POST
def enrollment_due_date(request: AuthedRequest, enrollment_id: int) -> HttpResponse:
    enrollment = enrollment_get_for(viewer=request.user, enrollment_id=enrollment_id)
    form = DueDateForm(request.POST)
    if form.is_valid():
        day = form.cleaned_data["due_date"]
        enrollment_change_due_date(
            enrollment=enrollment,
            due_at=due_at_end_of(day) if day else None,
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, "Due date changed.")
    else:
        messages.error(request, "Give a reason for the change (and a valid date).")
    return redirect("hr:learner", learner_id=enrollment.user_id)


@page_for(may_manage_assignments)
@require_POST
def enrollment_complete(request: AuthedRequest, enrollment_id: int) -> HttpResponse:
    enrollment = enrollment_get_for(viewer=request.user, enrollment_id=enrollment_id)
    form = CompleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give a reason for marking the course complete.")
    else:
        try:
            enrollment_complete_manually(
                enrollment=enrollment, actor=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, "Marked complete; a certificate was issued.")
        except AssignmentError as error:
            messages.error(request, str(error))
    return redirect("hr:learner", learner_id=enrollment.user_id)


@page_for(may_manage_assignments)
@require_POST
def learner_unlock(request: AuthedRequest, learner_id: int) -> HttpResponse:
    """Lift a login lockout before its cool-off ends (HR of the learner's organisation,
    or staff); the audit log records who did it."""
    learner = learner_get(viewer=request.user, learner_id=learner_id)
    user_login_unlock(user=learner, actor=request.user, reason="Unlocked from the learner page")
    messages.success(request, f"{learner.display_name} can sign in again.")
    return redirect("hr:learner", learner_id=learner.pk)
