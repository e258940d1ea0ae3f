"""A learner's own account settings."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from .http import AuthedRequest
from .models import AnswerSharing
from .services import user_answer_sharing_set


class PrivacyForm(forms.Form):
    answers_shared_with = forms.ChoiceField(
        choices=AnswerSharing.choices,
        widget=forms.RadioSelect,
        label="Who may read my written answers",
    )


CONFIRMATIONS = {
    AnswerSharing.NOBODY: "Your written answers are private again.",
    AnswerSharing.HR: "HR can now read your written answers; your manager cannot.",
    AnswerSharing.HR_AND_MANAGER: "HR and your manager can now read your written answers.",
}


@login_required
def privacy(request: AuthedRequest) -> HttpResponse:
    form = PrivacyForm(
        request.POST if request.method == "POST" else None,
        initial={"answers_shared_with": request.user.answers_shared_with},
    )
    if request.method == "POST" and form.is_valid():
        shared_with = form.cleaned_data["answers_shared_with"]
        user_answer_sharing_set(user=request.user, shared_with=shared_with)
        messages.success(request, CONFIRMATIONS[AnswerSharing(shared_with)])
        return redirect("accounts:privacy")
    return render(request, "accounts/privacy.html", {"form": form})
