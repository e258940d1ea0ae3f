"""The skill view: average rubric level per criterion and team, from current gradings."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Max, QuerySet

from courses.models import Enrollment
from exercises.grading import CRITERION_LABELS, RUBRICS
from exercises.models import CriterionScore

from .dashboard import team_label

# Criteria in the order the rubrics teach them, so the chart reads like the course.
CRITERION_ORDER = {name: i for i, name in enumerate(c for cs in RUBRICS.values() for c in cs)}


@dataclass(frozen=True)
class SkillCell:
    average: float  # mean level across graded attempts
    max_level: int
    samples: int

    @property
    def share(self) -> float:
        """The average as a share of the top level, 0..1."""
        return self.average / self.max_level if self.max_level else 0.0


@dataclass
class SkillMatrix:
    teams: list[str] = field(default_factory=list)
    criteria: list[str] = field(default_factory=list)
    cells: dict[tuple[str, str], SkillCell] = field(default_factory=dict)

    def label(self, criterion: str) -> str:
        return CRITERION_LABELS.get(criterion, criterion.replace("_", " ").capitalize())

    def overall(self, criterion: str) -> SkillCell | None:
        """All teams together, weighted by the number of graded attempts."""
        cells = [c for (_, crit), c in self.cells.items() if crit == criterion]
        samples = sum(c.samples for c in cells)
        if not samples:
            return None
        average = sum(c.average * c.samples for c in cells) / samples
        return SkillCell(average, max(c.max_level for c in cells), samples)

    @property
    def weakest(self) -> str | None:
        """The criterion with the lowest overall share: the skill to coach first."""
        overall = {c: self.overall(c) for c in self.criteria}
        scored = [(cell.share, c) for c, cell in overall.items() if cell]
        return min(scored)[1] if scored else None

    @property
    def weakest_label(self) -> str:
        weakest = self.weakest
        return self.label(weakest) if weakest else ""


def skill_matrix(enrollments: QuerySet[Enrollment]) -> SkillMatrix:
    """One grouped query over the criterion scores of every current grading."""
    rows = (
        CriterionScore.objects.filter(
            grading__is_current=True, grading__submission__enrollment__in=enrollments
        )
        .values(
            "criterion",
            "grading__submission__learner__team__name",
            "grading__submission__learner__team__department__name",
        )
        .annotate(average=Avg("level"), max_level=Max("max_level"), samples=Count("pk"))
        .order_by()
    )
    matrix = SkillMatrix()
    teams: set[str] = set()
    criteria: set[str] = set()
    for row in rows:
        team = team_label(
            row["grading__submission__learner__team__department__name"],
            row["grading__submission__learner__team__name"],
        )
        teams.add(team)
        criteria.add(row["criterion"])
        matrix.cells[(team, row["criterion"])] = SkillCell(
            float(row["average"]), row["max_level"], row["samples"]
        )
    matrix.teams = sorted(teams)
    matrix.criteria = sorted(criteria, key=lambda c: (CRITERION_ORDER.get(c, 999), c))
    return matrix
