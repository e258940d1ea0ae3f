"""Learners, enrolments and courses as an integrator of one organisation may see them."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import Role, User
from courses.models import Course, Enrollment, Stage

from .progress_records import enrollments_of


def learners_of(organisation_id: int) -> QuerySet[User]:
    """The organisation's learners: employees, and managers who are enrolled themselves.
    HR and staff accounts are colleagues who run the course, not learners."""
    return (
        User.objects.filter(organisation_id=organisation_id)
        .filter(
            Q(role=Role.EMPLOYEE)
            | Q(Q(role=Role.MANAGER), Exists(Enrollment.objects.filter(user=OuterRef("pk"))))
        )
        .select_related("department", "team", "manager")
    )


def learner_get(*, organisation_id: int, employee_id: str, to_enrol: bool = False) -> User:
    """A learner by the employer's own id; anyone outside the organisation, and HR or
    staff accounts, are a 404. ``to_enrol``: a manager not enrolled yet may be enrolled."""
    if "\x00" in employee_id:
        raise Http404("No such learner.")
    people = learners_of(organisation_id)
    if to_enrol:
        people = User.objects.filter(
            organisation_id=organisation_id, role__in=[Role.EMPLOYEE, Role.MANAGER]
        )
    return get_object_or_404(people, employee_id=employee_id)


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
