"""Assigning the course to people, teams or departments, through the audited services.

Deadline changes and manual completion use ``courses.services.assignments`` directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower

from accounts.access import people_visible_to
from accounts.models import User
from courses.models import Course, Enrollment
from courses.services.assignments import enrollment_assign


@dataclass(frozen=True)
class AssignReport:
    assigned: int
    already: int
    not_found: list[str]


@transaction.atomic
def people_assign(
    *,
    actor: User,
    course: Course,
    due_at: datetime | None,
    department_ids: list[int],
    team_ids: list[int],
    identifiers: list[str],
) -> AssignReport:
    """Assign ``course`` to everyone in the departments and teams and to each person
    named by email or employee id — only among the people ``actor`` may see."""
    emails = {i.lower() for i in identifiers if "@" in i}
    employee_ids = {i for i in identifiers if "@" not in i}
    people = list(
        people_visible_to(actor)
        .annotate(email_lower=Lower("email"))
        .filter(
            Q(department_id__in=department_ids)
            | Q(team_id__in=team_ids)
            | Q(email_lower__in=emails)
            | Q(employee_id__in=employee_ids),
            is_active=True,
        )
    )
    found = {p.email_lower for p in people} | {p.employee_id for p in people}
    before = set(
        Enrollment.objects.filter(
            user__in=people, course=course, cancelled_at__isnull=True
        ).values_list("user_id", flat=True)
    )
    for person in people:
        enrollment_assign(learner=person, course=course, due_at=due_at, assigned_by=actor)
    return AssignReport(
        assigned=len(people) - len(before),
        already=len(before),
        not_found=sorted((emails | employee_ids) - found),
    )
