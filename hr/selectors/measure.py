"""Before and after the course, and weeks later: mean rubric levels per team and course.

Levels only, never answer text: HR sees how a team's replies changed, not what anyone
wrote. One grouped query, so the dashboard's query count does not grow with learners.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Avg, Count, QuerySet

from courses.models import DiagnosticKind, Enrollment
from exercises.check_results import MEASURED_ATTEMPT
from exercises.models import CriterionScore

from .dashboard import team_label


@dataclass(frozen=True)
class Retention:
    """One refresher against the after-course check; 0 means nothing was lost."""

    after_days: int
    level: float | None
    change: float | None
    learners: int


@dataclass
class TeamMeasure:
    """Mean level (0-2, all reply criteria together) on each check of one team and course."""

    course: str
    team: str
    levels: dict[str, float] = field(default_factory=dict)  # "pre", "post", "refresher-14"
    learners: dict[str, int] = field(default_factory=dict)
    retention: list[Retention] = field(default_factory=list)

    @property
    def gain(self) -> float | None:
        """After the course against before it."""
        if "pre" not in self.levels or "post" not in self.levels:
            return None
        return round(self.levels["post"] - self.levels["pre"], 2)

    def _retention(self, days: int) -> Retention:
        key = f"refresher-{days}"
        level, post = self.levels.get(key), self.levels.get("post")
        change = round(level - post, 2) if level is not None and post is not None else None
        return Retention(days, level, change, self.learners.get(key, 0))


@dataclass(frozen=True)
class Measures:
    teams: list[TeamMeasure]
    refresher_days: list[int]


def measures_by_team(enrollments: QuerySet[Enrollment]) -> Measures:
    """Each team and course with any graded check, ordered by course and team."""
    rows = (
        CriterionScore.objects.filter(
            grading__is_current=True,
            grading__submission__attempt=MEASURED_ATTEMPT,
            grading__submission__enrollment__in=enrollments,
            grading__submission__exercise__diagnostic__isnull=False,
        )
        .values(
            "grading__submission__enrollment__course__title",
            "grading__submission__learner__team__name",
            "grading__submission__learner__team__department__name",
            "grading__submission__exercise__diagnostic__kind",
            "grading__submission__exercise__diagnostic__after_days",
        )
        .annotate(
            average=Avg("level"), learners=Count("grading__submission__learner", distinct=True)
        )
        .order_by()
    )
    measures: dict[tuple[str, str], TeamMeasure] = {}
    days: set[int] = set()
    for row in rows:
        course = row["grading__submission__enrollment__course__title"]
        team = team_label(
            row["grading__submission__learner__team__department__name"],
            row["grading__submission__learner__team__name"],
        )
        measure = measures.setdefault((course, team), TeamMeasure(course=course, team=team))
        kind = row["grading__submission__exercise__diagnostic__kind"]
        if kind == DiagnosticKind.REFRESHER:
            after = int(row["grading__submission__exercise__diagnostic__after_days"] or 0)
            days.add(after)
            kind = f"refresher-{after}"
        measure.levels[kind] = round(float(row["average"]), 2)
        measure.learners[kind] = row["learners"]
    ordered = sorted(days)
    teams = [measures[key] for key in sorted(measures)]
    for measure in teams:
        measure.retention = [measure._retention(d) for d in ordered]
    return Measures(teams=teams, refresher_days=ordered)
