"""Reads for the skills checks, scoped to the learner: what they answered and the levels
their first graded answer to each check earned.

Only the first attempt counts for the measure: a check answered again after reading its
feedback is practice, not a measure of where the learner stood.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from accounts.models import User
from courses.models import Diagnostic

from .models import CriterionScore, Exercise, Submission

MEASURED_ATTEMPT = 1


def check_exercises(diagnostic: Diagnostic) -> list[Exercise]:
    return list(diagnostic.exercises.filter(is_active=True).order_by("position"))


def first_answers(*, learner: User, exercises: Iterable[Exercise]) -> dict[int, Submission]:
    """The learner's first answer to each exercise, by exercise id (one query)."""
    rows = Submission.objects.filter(
        learner=learner, exercise__in=list(exercises), attempt=MEASURED_ATTEMPT
    )
    return {s.exercise_id: s for s in rows}


def levels_by_check(
    *, learner: User, diagnostics: Iterable[Diagnostic]
) -> dict[int, dict[str, list[int]]]:
    """{check id: {criterion: [level of each first graded answer]}} (one query)."""
    rows = CriterionScore.objects.filter(
        grading__is_current=True,
        grading__submission__learner=learner,
        grading__submission__attempt=MEASURED_ATTEMPT,
        grading__submission__exercise__diagnostic__in=list(diagnostics),
        grading__submission__exercise__is_active=True,
    ).values_list("grading__submission__exercise__diagnostic_id", "criterion", "level")
    levels: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for check_id, criterion, level in rows:
        levels[check_id][criterion].append(level)
    return levels
