"""Forms of the /integrations/ pages."""

from __future__ import annotations

from django import forms

from .models import WEBHOOK_EVENT_TYPES, Scope

LIFETIMES = [(30, "30 days"), (90, "90 days"), (365, "1 year")]


class ApiClientForm(forms.Form):
    name = forms.CharField(max_length=120, help_text="Who uses it, e.g. “Workday sync”.")
    scopes = forms.MultipleChoiceField(
        choices=Scope.choices, widget=forms.CheckboxSelectMultiple, initial=[Scope.PROGRESS_READ]
    )
    lifetime_days = forms.TypedChoiceField(
        choices=LIFETIMES, coerce=int, initial=365, label="Expires after"
    )
    rate_limit = forms.IntegerField(
        min_value=1, max_value=10_000, initial=600, label="Requests per minute"
    )


class WebhookSubscriptionForm(forms.Form):
    url = forms.URLField(max_length=500, label="Endpoint URL", assume_scheme="https")
    description = forms.CharField(max_length=200, required=False)
    event_types = forms.MultipleChoiceField(
        choices=[(t.value, f"{t.value} — {t.label}") for t in WEBHOOK_EVENT_TYPES],
        widget=forms.CheckboxSelectMultiple,
        label="Events",
    )
