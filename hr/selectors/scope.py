"""The enrolments a viewer may see, narrowed by the dashboard filters."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet

from accounts.access import people_visible_to
from accounts.models import User
from courses.models import Enrollment, EnrollmentStatus

from ..filters import Filters


def overdue_q(now: datetime) -> Q:
    """Overdue: the due date has passed and the course is neither completed nor cancelled."""
    return Q(due_at__lt=now, completed_at__isnull=True, cancelled_at__isnull=True)


def days_overdue(due_at: datetime, now: datetime) -> int:
    """Whole days past the due date, at least 1 once it has passed."""
    return max(1, (now - due_at).days)


def enrollments_visible_to(
    *, viewer: User, filters: Filters, now: datetime
) -> QuerySet[Enrollment]:
    """Active (not cancelled) enrolments of the people ``viewer`` may see, filtered."""
    enrollments = Enrollment.objects.filter(
        user__in=people_visible_to(viewer), cancelled_at__isnull=True
    )
    if filters.course is not None:
        enrollments = enrollments.filter(course=filters.course)
    if filters.organisation_id:
        enrollments = enrollments.filter(user__organisation_id=filters.organisation_id)
    if filters.department_id:
        enrollments = enrollments.filter(user__department_id=filters.department_id)
    if filters.team_id:
        enrollments = enrollments.filter(user__team_id=filters.team_id)
    if filters.status == "overdue":
        enrollments = enrollments.filter(overdue_q(now))
    elif filters.status in EnrollmentStatus.values:
        enrollments = enrollments.filter(status=filters.status)
    if filters.due_from:
        enrollments = enrollments.filter(due_at__date__gte=filters.due_from)
    if filters.due_to:
        enrollments = enrollments.filter(due_at__date__lte=filters.due_to)
    if filters.search:
        term = filters.search
        enrollments = enrollments.filter(
            Q(user__first_name__icontains=term)
            | Q(user__last_name__icontains=term)
            | Q(user__email__icontains=term)
            | Q(user__employee_id__iexact=term)
        )
    return enrollments
