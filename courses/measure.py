"""The skills checks as pure rules: when each one is open, and what changed between two.

The pre check is a starting line, so it is open only before the first stage is finished;
the post check opens when the course is complete; a refresher opens ``after_days`` days
after completion. The change is the mean level per criterion on each check.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta


def check_opens_at(
    kind: str, after_days: int | None, *, completed_at: datetime | None
) -> datetime | None:
    """When a post check or refresher becomes available; None before completion (and for
    the pre check, which has no opening time)."""
    if kind == "pre" or completed_at is None:
        return None
    return completed_at + timedelta(days=after_days or 0)


def check_is_open(
    kind: str,
    after_days: int | None,
    *,
    first_stage_done: bool,
    completed_at: datetime | None,
    now: datetime,
) -> bool:
    """Whether the learner may answer a check of ``kind`` now."""
    if kind == "pre":
        return not first_stage_done and completed_at is None
    opens = check_opens_at(kind, after_days, completed_at=completed_at)
    return opens is not None and opens <= now


@dataclass(frozen=True)
class CriterionChange:
    criterion: str
    before: float | None  # mean level on the earlier check, 0..2
    after: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 2)


def mean(levels: Iterable[int]) -> float | None:
    values = list(levels)
    return round(sum(values) / len(values), 2) if values else None


def criterion_changes(
    before: Mapping[str, list[int]], after: Mapping[str, list[int]], *, order: Iterable[str]
) -> list[CriterionChange]:
    """Mean level per criterion on each check, in the rubric's order."""
    return [
        CriterionChange(name, mean(before.get(name, [])), mean(after.get(name, [])))
        for name in order
        if before.get(name) or after.get(name)
    ]
