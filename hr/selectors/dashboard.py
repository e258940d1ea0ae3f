"""Dashboard figures, each one aggregate query in the database: the query count stays
the same for ten learners or ten thousand."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from django.db.models import Count, Q, QuerySet

from courses.models import Enrollment, EnrollmentStatus
from exercises.models import ExerciseProgress

from .scope import days_overdue, overdue_q


def _rate(done: int, total: int) -> int:
    return round(100 * done / total) if total else 0


@dataclass(frozen=True)
class StatusCounts:
    total: int
    not_started: int
    in_progress: int
    completed: int
    overdue: int  # not started or in progress, past the due date

    @property
    def completion_rate(self) -> int:
        return _rate(self.completed, self.total)


@dataclass(frozen=True)
class GroupCompletion:
    """Completion of one department or team."""

    label: str
    total: int
    completed: int
    overdue: int

    @property
    def rate(self) -> int:
        return _rate(self.completed, self.total)


def status_counts(enrollments: QuerySet[Enrollment], *, now: datetime) -> StatusCounts:
    row = enrollments.aggregate(
        total=Count("pk"),
        not_started=Count("pk", filter=Q(status=EnrollmentStatus.NOT_STARTED)),
        in_progress=Count("pk", filter=Q(status=EnrollmentStatus.IN_PROGRESS)),
        completed=Count("pk", filter=Q(status=EnrollmentStatus.COMPLETED)),
        overdue=Count("pk", filter=overdue_q(now)),
    )
    return StatusCounts(**row)


def _completion_counts(now: datetime) -> dict[str, Count]:
    return {
        "total": Count("pk"),
        "completed": Count("pk", filter=Q(status=EnrollmentStatus.COMPLETED)),
        "overdue": Count("pk", filter=overdue_q(now)),
    }


def completion_by_department(
    enrollments: QuerySet[Enrollment], *, now: datetime
) -> list[GroupCompletion]:
    rows = cast(
        "Iterable[dict[str, Any]]",
        (
            enrollments.values("user__department_id", "user__department__name")
            .annotate(**_completion_counts(now))
            .order_by("user__department__name")
        ),
    )
    return [
        GroupCompletion(
            label=row["user__department__name"] or "No department",
            total=row["total"],
            completed=row["completed"],
            overdue=row["overdue"],
        )
        for row in rows
    ]


def completion_by_team(
    enrollments: QuerySet[Enrollment], *, now: datetime
) -> list[GroupCompletion]:
    rows = cast(
        "Iterable[dict[str, Any]]",
        (
            enrollments.values("user__team_id", "user__team__name", "user__team__department__name")
            .annotate(**_completion_counts(now))
            .order_by("user__team__department__name", "user__team__name")
        ),
    )
    return [
        GroupCompletion(
            label=team_label(row["user__team__department__name"], row["user__team__name"]),
            total=row["total"],
            completed=row["completed"],
            overdue=row["overdue"],
        )
        for row in rows
    ]


def team_label(department: str | None, team: str | None) -> str:
    if not team:
        return "No team"
    return f"{department} · {team}" if department else team


@dataclass(frozen=True)
class OverdueLearner:
    enrollment: Enrollment
    days_overdue: int


def overdue_learners(
    enrollments: QuerySet[Enrollment], *, now: datetime, limit: int = 50
) -> list[OverdueLearner]:
    """The longest-overdue learners first, with their team and manager (one query)."""
    rows = (
        enrollments.filter(overdue_q(now))
        .select_related("user__department", "user__team", "user__manager")
        .order_by("due_at", "pk")[:limit]
    )
    return [
        OverdueLearner(enrollment=e, days_overdue=days_overdue(e.due_at, now) if e.due_at else 0)
        for e in rows
    ]


# A learner who has tried an exercise this many times without passing needs a coach.
STRUGGLING_AFTER_ATTEMPTS = 3


@dataclass(frozen=True)
class Struggling:
    """Learners stuck on an exercise, and the rows to show (the most attempts first)."""

    learners: int
    rows: list[ExerciseProgress]


def struggling_learners(enrollments: QuerySet[Enrollment], *, limit: int = 50) -> Struggling:
    """Who keeps failing the same exercise: several attempts, still not passed, course not
    finished. One row per learner and exercise; two queries whatever the size."""
    stuck = ExerciseProgress.objects.filter(
        enrollment__in=enrollments.filter(completed_at__isnull=True).values("pk"),
        attempts__gte=STRUGGLING_AFTER_ATTEMPTS,
        passed_at__isnull=True,
    )
    learners = stuck.aggregate(n=Count("enrollment__user", distinct=True))["n"]
    rows = list(
        stuck.select_related(
            "exercise", "enrollment__user__team", "enrollment__user__manager"
        ).order_by("-attempts", "best_score", "pk")[:limit]
    )
    return Struggling(learners=learners, rows=rows)


def learner_page(enrollments: QuerySet[Enrollment]) -> QuerySet[Enrollment]:
    """The learners table: ordered by name, with everything a row shows."""
    return enrollments.select_related(
        "user__department", "user__team", "user__manager", "course"
    ).order_by("user__last_name", "user__first_name", "pk")
