"""The dashboard's filters: a form whose choices are limited to what the viewer may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms

from accounts.access import people_visible_to, sees_everyone
from accounts.models import Department, Organisation, Team, User
from courses.models import Course


def _choices(form: forms.Form, name: str) -> forms.ChoiceField:
    """A choice field of ``form``, typed so its choices can be set."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


STATUS_CHOICES = [
    ("", "Any status"),
    ("not_started", "Not started"),
    ("in_progress", "In progress"),
    ("completed", "Completed"),
    ("overdue", "Overdue"),
]


@dataclass(frozen=True)
class Filters:
    """What the viewer narrowed the dashboard to; every field optional."""

    course: Course | None = None
    organisation_id: int | None = None
    department_id: int | None = None
    team_id: int | None = None
    status: str = ""
    due_from: date | None = None
    due_to: date | None = None
    search: str = ""

    def as_query(self) -> dict[str, str]:
        """The filters as URL parameters, so exports and pages carry them along."""
        values = {
            "course": self.course.slug if self.course else "",
            "organisation": self.organisation_id or "",
            "department": self.department_id or "",
            "team": self.team_id or "",
            "status": self.status,
            "due_from": self.due_from.isoformat() if self.due_from else "",
            "due_to": self.due_to.isoformat() if self.due_to else "",
            "q": self.search,
        }
        return {key: str(value) for key, value in values.items() if value}


class DashboardFilterForm(forms.Form):
    course = forms.ChoiceField(required=False)
    organisation = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    department = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    team = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(required=False, choices=STATUS_CHOICES)
    due_from = forms.DateField(
        required=False, label="Due from", widget=forms.DateInput(attrs={"type": "date"})
    )
    due_to = forms.DateField(
        required=False, label="Due to", widget=forms.DateInput(attrs={"type": "date"})
    )
    q = forms.CharField(required=False, max_length=100, label="Name or email")

    def __init__(self, *args: Any, viewer: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        self.courses = list(Course.objects.order_by("title"))
        _choices(self, "course").choices = [(c.slug, c.title) for c in self.courses]
        people = people_visible_to(viewer)
        if sees_everyone(viewer):
            organisations = Organisation.objects.order_by("name").values_list("pk", "name")
            _choices(self, "organisation").choices = [("", "All organisations"), *organisations]
        else:
            del self.fields["organisation"]
        departments = Department.objects.filter(pk__in=people.values("department_id"))
        teams = Team.objects.filter(pk__in=people.values("team_id")).select_related("department")
        _choices(self, "department").choices = [
            ("", "All departments"),
            *departments.order_by("name").values_list("pk", "name"),
        ]
        _choices(self, "team").choices = [
            ("", "All teams"),
            *(
                (t.pk, f"{t.department.name} · {t.name}" if t.department else t.name)
                for t in teams.order_by("department__name", "name")
            ),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        due_from, due_to = data.get("due_from"), data.get("due_to")
        if due_from and due_to and due_from > due_to:
            raise forms.ValidationError("“Due from” must be on or before “Due to”.")
        return data

    def filters(self) -> Filters:
        """The valid filters; an invalid field is simply ignored (the form shows why)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        by_slug = {c.slug: c for c in self.courses}
        course = by_slug.get(data.get("course") or "") or (
            self.courses[0] if self.courses else None
        )
        return Filters(
            course=course,
            organisation_id=data.get("organisation"),
            department_id=data.get("department"),
            team_id=data.get("team"),
            status=data.get("status") or "",
            due_from=data.get("due_from"),
            due_to=data.get("due_to"),
            search=(data.get("q") or "").strip(),
        )
