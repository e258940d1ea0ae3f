"""Forms for the HR pages; choices are limited to the viewer's scope."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from accounts.access import people_visible_to, sees_everyone
from accounts.models import Department, Organisation, Team, User
from courses.due_dates import due_date_problem
from courses.models import Course


def _choices(form: forms.Form, name: str) -> forms.ChoiceField:
    """A choice field of ``form``, typed so its choices can be set."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


REASON_HELP = "Required: it is kept in the audit log with your name and the time."


class DateInput(forms.DateInput):
    input_type = "date"


def _checked_due_date(form: forms.Form) -> date | None:
    day: date | None = form.cleaned_data.get("due_date")
    problem = day and due_date_problem(day, today=timezone.localdate())
    if problem:
        raise forms.ValidationError(f"The due date {problem}.")
    return day


class AssignForm(forms.Form):
    course = forms.ModelChoiceField(queryset=Course.objects.order_by("title"), empty_label=None)
    due_date = forms.DateField(widget=DateInput, required=False, label="Due date")
    departments = forms.TypedMultipleChoiceField(
        required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    teams = forms.TypedMultipleChoiceField(
        required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    people = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="People (email or employee id, one per line)",
    )

    def __init__(self, *args: Any, viewer: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = people_visible_to(viewer)
        _choices(self, "departments").choices = list(
            Department.objects.filter(pk__in=people.values("department_id"))
            .order_by("organisation__name", "name")
            .values_list("pk", "name")
        )
        _choices(self, "teams").choices = [
            (t.pk, f"{t.department.name} · {t.name}" if t.department else t.name)
            for t in Team.objects.filter(pk__in=people.values("team_id"))
            .select_related("department")
            .order_by("department__name", "name")
        ]

    def clean_due_date(self) -> date | None:
        return _checked_due_date(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("departments") or data.get("teams") or self.identifiers()):
            raise forms.ValidationError("Choose a department or team, or name some people.")
        return data

    def identifiers(self) -> list[str]:
        text = self.cleaned_data.get("people", "") if hasattr(self, "cleaned_data") else ""
        return [line.strip() for line in text.replace(",", "\n").splitlines() if line.strip()]


class ImportForm(forms.Form):
    file = forms.FileField(label="CSV file")
    course = forms.ModelChoiceField(queryset=Course.objects.order_by("title"), empty_label=None)
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.order_by("name"))
    import_valid_rows = forms.BooleanField(
        required=False,
        label="Import the valid rows",
        help_text="If some rows have errors, import the others and skip those.",
    )
    create_teams = forms.BooleanField(
        required=False,
        label="Create new departments and teams",
        help_text="Otherwise a row naming one that does not exist yet is flagged (often a typo).",
    )

    def __init__(self, *args: Any, viewer: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not sees_everyone(viewer):
            del self.fields["organisation"]  # HR import into their own organisation


class DueDateForm(forms.Form):
    due_date = forms.DateField(widget=DateInput, required=False, label="New due date")
    reason = forms.CharField(max_length=500, help_text=REASON_HELP)

    def clean_due_date(self) -> date | None:
        return _checked_due_date(self)


class CompleteForm(forms.Form):
    reason = forms.CharField(max_length=500, help_text=REASON_HELP)


class PolicyForm(forms.Form):
    course = forms.ModelChoiceField(queryset=Course.objects.order_by("title"), empty_label=None)
    remind_days_before = forms.IntegerField(
        min_value=0, max_value=90, label="Remind this many days before the due date"
    )
    recertify_after_months = forms.IntegerField(
        min_value=1,
        max_value=120,
        required=False,
        label="Completion expires after (months)",
        help_text="Leave empty if completion never expires.",
    )
    recertify_due_days = forms.IntegerField(
        min_value=1, max_value=365, label="Days to complete again after expiry"
    )
