"""A pass means the learner listened: the course's own reference replies, across exercises.

Every reply exercise of the shipped course is graded the way the course grades it (its
customer's message, prompt, pass mark and expected cues). A strong reply written for one
customer must fail every other customer's exercise; a stock paragraph must fail them all;
the course's poor replies never pass and its adequate ones (kind but generic) rarely do.
Pure engine, no database: the whole matrix takes a few seconds.
"""

from __future__ import annotations

from typing import Any

import pytest

from exercises.grading import GradingResult, grade
from tests.exercises.grading.course_replies import REPLY_EXERCISES, course_request

EXERCISES = REPLY_EXERCISES


def _grade(exercise: dict[str, Any], text: str) -> GradingResult:
    return grade(course_request(exercise, text))


def _references(quality: str) -> list[tuple[dict[str, Any], str]]:
    return [
        (exercise, ref["text"])
        for exercise in EXERCISES
        for ref in exercise["reference_replies"]
        if ref["quality"] == quality
    ]


def test_the_course_has_reply_exercises_to_check() -> None:
    assert len(EXERCISES) >= 20


def test_a_strong_reply_fails_every_other_customer() -> None:
    """516 of 552 passed before grounding; an exercise and its revision share a customer."""
    passes = [
        (own["slug"], other["slug"])
        for own, text in _references("strong")
        for other in EXERCISES
        if other["scenario"]["message"] != own["scenario"]["message"] and _grade(other, text).passed
    ]
    assert passes == []


STOCK = (
    "I completely understand your frustration and I'm so sorry for the inconvenience this has "
    "caused you. I can only imagine how upsetting this must be, and your feelings are "
    "completely valid. How are you feeling about this? Is there anything else I can help you "
    "with? We will look into it and get back to you as soon as possible. Thank you for your "
    "patience, we really value you as a customer and I want to make sure this is put right."
)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e["slug"])
def test_a_stock_paragraph_passes_no_exercise(exercise: dict[str, Any]) -> None:
    result = _grade(exercise, STOCK)
    assert not result.passed
    assert all(c.level < 2 for c in result.criteria if c.name != "non_judgment")


def test_no_poor_reference_passes() -> None:
    assert [e["slug"] for e, text in _references("poor") if _grade(e, text).passed] == []


def test_at_most_a_third_of_the_adequate_references_pass() -> None:
    adequate = _references("adequate")
    passed = [e["slug"] for e, text in adequate if _grade(e, text).passed]
    assert len(passed) <= len(adequate) // 3, passed


def test_strong_references_pass_their_own_exercise() -> None:
    strong = _references("strong")
    failed = [e["slug"] for e, text in strong if not _grade(e, text).passed]
    assert failed == []


def test_a_reply_for_another_customer_is_flagged_and_says_why() -> None:
    by_slug = {e["slug"]: e for e in EXERCISES}
    broadband = by_slug["reply-broadband-engineer-no-show"]
    strong = next(r["text"] for r in broadband["reference_replies"] if r["quality"] == "strong")
    result = _grade(by_slug["reply-prescription-delay-warfarin"], strong)
    assert not result.passed
    assert result.listening is not None
    assert result.listening.missed  # the learner is shown what this customer said
