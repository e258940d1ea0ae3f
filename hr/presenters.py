"""Turning dashboard figures into charts and table rows for the templates."""

from __future__ import annotations

from django.utils.safestring import SafeString

from .charts import Bar, HeatCell, bar_chart, heatmap
from .selectors.dashboard import GroupCompletion
from .selectors.skills import SkillMatrix

OVERALL = "All teams"


def completion_chart(groups: list[GroupCompletion], *, by: str) -> SafeString:
    return bar_chart(
        [Bar(g.label, g.rate, f"{g.completed} of {g.total} completed") for g in groups],
        title=f"Completion rate by {by}",
        description=f"Share of assigned learners who completed the course, per {by}.",
    )


def skill_chart(matrix: SkillMatrix) -> SafeString:
    """Teams down, criteria across; the first row is everyone together."""
    cells: dict[tuple[str, str], HeatCell] = {}
    for criterion in matrix.criteria:
        label = matrix.label(criterion)
        overall = matrix.overall(criterion)
        if overall:
            cells[(OVERALL, label)] = HeatCell(
                overall.share,
                f"{overall.average:.1f}",
                f"{OVERALL} · {label}: average level {overall.average:.2f} of "
                f"{overall.max_level} over {overall.samples} graded answers",
            )
        for team in matrix.teams:
            cell = matrix.cells.get((team, criterion))
            if cell:
                cells[(team, label)] = HeatCell(
                    cell.share,
                    f"{cell.average:.1f}",
                    f"{team} · {label}: average level {cell.average:.2f} of "
                    f"{cell.max_level} over {cell.samples} graded answers",
                )
    return heatmap(
        rows=[OVERALL, *matrix.teams],
        columns=[matrix.label(c) for c in matrix.criteria],
        cells=cells,
        title="Average rubric level per criterion, by team",
        description="Green is close to the top level, amber halfway, red low. "
        "The lowest column is the skill to coach first.",
    )
