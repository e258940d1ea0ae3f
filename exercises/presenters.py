"""Shaping stored results for templates: the feedback panel, highlighted evidence, level
names and the change from one attempt to the next."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from courses.models import StageCompletion
from exercises.grading import pass_rule

if TYPE_CHECKING:
    from exercises.models import CriterionScore, Exercise, Submission

# Grading takes tens of milliseconds when the queue is short, so the page asks for the
# result soon after the answer is sent and then backs off (waiting half as long as it has
# waited so far), settling at once a second when the queue is long or the worker is down:
# quick feedback without multiplying requests while nothing changes.
POLL_FIRST_MS = 100
POLL_MAX_MS = 1000


@dataclass(frozen=True)
class Segment:
    text: str
    marked: bool


def highlight(text: str, spans: Iterable[Sequence[int]]) -> list[Segment]:
    """Split ``text`` into plain and marked segments; overlapping spans are merged and
    out-of-range spans clipped, so bad evidence can never break the page."""
    merged: list[list[int]] = []
    for start, end in sorted((max(0, s), min(len(text), e)) for s, e in spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    segments: list[Segment] = []
    cursor = 0
    for start, end in merged:
        if start > cursor:
            segments.append(Segment(text[cursor:start], False))
        segments.append(Segment(text[start:end], True))
        cursor = end
    if cursor < len(text):
        segments.append(Segment(text[cursor:], False))
    return segments


def poll_delay_ms(waited: timedelta) -> int:
    """Milliseconds before the page asks again about an answer pending for ``waited``."""
    return max(POLL_FIRST_MS, min(POLL_MAX_MS, int(waited.total_seconds() * 500)))


LEVEL_NAMES = {0: "Missing", 1: "Partly there", 2: "Strong"}


def level_name(level: int, max_level: int = 2) -> str:
    if max_level != 2:
        return f"{level}/{max_level}"
    return LEVEL_NAMES.get(level, str(level))


@dataclass(frozen=True)
class CriterionChange:
    label: str
    before: int
    after: int

    @property
    def direction(self) -> str:
        return "up" if self.after > self.before else "down" if self.after < self.before else "same"


def compare_levels(
    before: Sequence[tuple[str, str, int]], after: Sequence[tuple[str, str, int]]
) -> list[CriterionChange]:
    """Pair two gradings' ``(criterion, label, level)`` rows by criterion, in the order
    of ``after``; criteria only one side has are left out."""
    earlier = {criterion: level for criterion, _, level in before}
    return [
        CriterionChange(label, earlier[criterion], level)
        for criterion, label, level in after
        if criterion in earlier
    ]


def requirements_met(
    exercise: Exercise, criteria: Sequence[CriterionScore]
) -> list[tuple[str, bool]]:
    """What a pass needs beside the score, each with whether this grading meets it."""
    if not criteria:
        return []
    levels = {c.criterion: c.level for c in criteria}
    return [(r.text, r.met(levels)) for r in pass_rule.requirements(exercise.rubric)]


def _levels(submission: Submission) -> list[tuple[str, str, int]]:
    gradings = getattr(submission, "current_gradings", None) or []
    return [(c.criterion, c.label, c.level) for g in gradings[:1] for c in g.criteria.all()]


def improvement(before: Submission, after: Submission) -> dict[str, Any]:
    """How the newest graded attempt compares with the one before it (or, for a
    revise-after-feedback exercise, with the reply being revised)."""
    return {
        "before": before,
        "after": after,
        "changes": compare_levels(_levels(before), _levels(after)),
        "score_change": (after.score or 0) - (before.score or 0),
    }


def milestone_for(submission: Submission) -> str:
    """ "course" or "stage" when this passing answer finished one, for the next-step link."""
    if not submission.passed:
        return ""
    enrollment = submission.enrollment
    if enrollment.completed_at is not None:
        return "course"
    lesson = submission.exercise.lesson
    if lesson is None:  # a skills check: no stage to finish
        return ""
    done = StageCompletion.objects.filter(enrollment=enrollment, stage_id=lesson.stage_id).exists()
    return "stage" if done else ""


def feedback_context(submission: Submission, *, live: bool = False) -> dict[str, Any]:
    """What the feedback panel shows; ``live`` adds the stage/course milestone link."""
    gradings = getattr(submission, "current_gradings", None)
    grading = gradings[0] if gradings else None
    criteria = list(grading.criteria.all()) if grading else []
    spans = [span for c in criteria if c.level > 0 for span in c.evidence]
    return {
        "milestone": milestone_for(submission) if live else "",
        "poll_ms": poll_delay_ms(timezone.now() - submission.submitted_at) if live else None,
        "submission": submission,
        "grading": grading,
        "criteria": [
            {
                "score": c,
                "level_name": level_name(c.level, c.max_level),
                "good": c.level == c.max_level,
            }
            for c in criteria
        ],
        "segments": highlight(submission.answer_text, spans),
        "requirements": requirements_met(submission.exercise, criteria),
        "listening": grading.listening if grading else {},
    }
