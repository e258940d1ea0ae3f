"""Learners, enrolments and courses as an integrator of one organisation may see them."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import Role, User
from courses.models import Course, Enrollment, Stage

from .progress import enrollments_of


def learners_of(organisation_id: int) -> QuerySet[User]:
    return (
        User.objects.filter(organisation_id=organisation_id)
        .exclude(role=Role.STAFF)
        .select_related("department", "team", "manager")
    )


def learner_get(*, organisation_id: int, employee_id: str) -> User:
    """A learner by the employer's own id; anyone outside the organisation is a 404."""
    if "\x00" in employee_id:
        raise Http404("No such learner.")
    return get_object_or_404(learners_of(organisation_id), employee_id=employee_id)


def enrollment_get(*, organisation_id: int, enrollment_id: int) -> Enrollment:
    if not 0 < enrollment_id < 2**63:  # larger ids overflow the column: just not found
        raise Http404("No such enrolment.")
    return get_object_or_404(enrollments_of(organisation_id), pk=enrollment_id)


def learner_enrollment_get(*, organisation_id: int, employee_id: str, course: str) -> Enrollment:
    if "\x00" in employee_id:
        raise Http404("No such learner.")
    return get_object_or_404(
        enrollments_of(organisation_id),
        user__employee_id=employee_id,
        course__slug=course,
    )


def courses_list() -> QuerySet[Course]:
    return Course.objects.order_by("title").prefetch_related(
        Prefetch(
            "stages",
            queryset=Stage.objects.filter(is_active=True).order_by("position"),
            to_attr="active_stages",
        )
    )
