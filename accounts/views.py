"""A learner's own account settings."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from .http import AuthedRequest
from .services import user_answer_sharing_set


class PrivacyForm(forms.Form):
    share_answers_with_hr = forms.BooleanField(
        required=False, label="Let HR read my written answers"
    )


@login_required
def privacy(request: AuthedRequest) -> HttpResponse:
    form = PrivacyForm(
        request.POST if request.method == "POST" else None,  # unticked: an empty POST
        initial={"share_answers_with_hr": request.user.share_answers_with_hr},
    )
    if request.method == "POST" and form.is_valid():
        share = form.cleaned_data["share_answers_with_hr"]
        user_answer_sharing_set(user=request.user, share=share)
        messages.success(
            request,
            "HR can now read your written answers."
            if share
            else "Your written answers are private again.",
        )
        return redirect("accounts:privacy")
    return render(request, "accounts/privacy.html", {"form": form})
