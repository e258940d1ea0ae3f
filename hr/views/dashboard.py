"""The dashboard and its exports: the same filters, the same scoped enrolments."""

from __future__ import annotations

from datetime import datetime

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import may_manage_assignments, may_view_dashboard, page_for
from accounts.http import AuthedRequest
from courses.models import Enrollment
from courses.selectors import handout_stages

from ..exports import to_csv, to_xlsx
from ..filters import DashboardFilterForm
from ..presenters import completion_chart, skill_chart
from ..selectors.dashboard import (
    STRUGGLING_AFTER_ATTEMPTS,
    completion_by_department,
    completion_by_team,
    learner_page,
    overdue_learners,
    status_counts,
    struggling_learners,
)
from ..selectors.export import export_rows
from ..selectors.measure import measures_by_team
from ..selectors.scope import enrollments_visible_to
from ..selectors.skills import skill_matrix

PAGE_SIZE = 50


def _scoped(request: AuthedRequest) -> tuple[DashboardFilterForm, QuerySet[Enrollment], datetime]:
    form = DashboardFilterForm(request.GET, viewer=request.user)
    now = timezone.now()
    enrollments = enrollments_visible_to(viewer=request.user, filters=form.filters(), now=now)
    return form, enrollments, now


@page_for(may_view_dashboard)
def dashboard(request: AuthedRequest) -> HttpResponse:
    form, enrollments, now = _scoped(request)
    departments = completion_by_department(enrollments, now=now)
    teams = completion_by_team(enrollments, now=now)
    skills = skill_matrix(enrollments)
    query = form.filters().as_query()
    return render(
        request,
        "hr/dashboard.html",
        {
            "form": form,
            "query": query,
            "counts": status_counts(enrollments, now=now),
            "departments": departments,
            "teams": teams,
            "department_chart": completion_chart(departments, by="department"),
            "team_chart": completion_chart(teams, by="team"),
            "skills": skills,
            "skill_chart": skill_chart(skills) if skills.criteria else None,
            "measures": measures_by_team(enrollments),
            "handouts": handout_stages(),
            "overdue": overdue_learners(enrollments, now=now),
            "struggling": struggling_learners(enrollments),
            "struggling_after": STRUGGLING_AFTER_ATTEMPTS,
            "page": Paginator(learner_page(enrollments), PAGE_SIZE).get_page(
                request.GET.get("page")
            ),
            "can_manage": may_manage_assignments(request.user),
            "now": now,
        },
    )


def _filename(extension: str) -> str:
    return f"attune-learners-{timezone.localdate().isoformat()}.{extension}"


@page_for(may_view_dashboard)
def export_csv(request: AuthedRequest) -> HttpResponse:
    _, enrollments, now = _scoped(request)
    response = HttpResponse(
        to_csv(export_rows(enrollments, now=now)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


@page_for(may_view_dashboard)
def export_xlsx(request: AuthedRequest) -> HttpResponse:
    _, enrollments, now = _scoped(request)
    response = HttpResponse(
        to_xlsx(export_rows(enrollments, now=now)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response
