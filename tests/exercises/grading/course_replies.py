"""The shipped course's reply exercises, and the request the course makes to grade a reply
to one of them (its customer's message, prompt, pass mark, expected cues and situation).
Shared by the cross-customer, gaming and situation tests; pure engine, no database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from exercises.grading import GradingRequest
from exercises.grading.course_refs import _front_matter

COURSE = Path(__file__).resolve().parents[3] / "fixtures" / "course"

REPLY_EXERCISES: list[dict[str, Any]] = [
    exercise
    for path in sorted(COURSE.glob("**/*.md"))
    for exercise in _front_matter(path).get("exercises") or []
    if exercise.get("rubric") == "customer_reply"
]
BY_SLUG = {exercise["slug"]: exercise for exercise in REPLY_EXERCISES}


def course_request(
    exercise: dict[str, Any], text: str, *, situation: bool = True
) -> GradingRequest:
    """``text`` as a reply to ``exercise``, graded as the course grades it; without the
    exercise's situation when ``situation`` is false (as the labelled files are)."""
    return GradingRequest(
        rubric="customer_reply",
        answer=text,
        context=exercise["scenario"]["message"],
        prompt=exercise["prompt"],
        pass_mark=exercise["pass_mark"],
        expected=exercise.get("expected") or {},
        situation=(exercise["scenario"].get("situation") or "") if situation else "",
    )
