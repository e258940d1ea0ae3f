"""A next step must be for THIS customer's problem: read against the exercise's situation.

The probes put a real reflection of one customer (their strong reference without its
action sentences) in front of the action sentences of another customer's strong reference
("I've refunded the £15.80 to your card today", "I'm sending two electric heaters by
courier"). The situation (what the company knows and can offer) tells an agent's fact from
another customer's: without it, 800 of the 1,254 course pairs passed.
"""

from __future__ import annotations

from typing import Any

import pytest

from exercises.grading import GradingRequest, GradingResult, grade
from exercises.grading.engine import prepare
from exercises.grading.reply_next_step import _kinds
from tests.exercises.grading.course_replies import BY_SLUG, REPLY_EXERCISES, course_request

EXERCISES = REPLY_EXERCISES


def _grade(exercise: dict[str, Any], text: str) -> GradingResult:
    return grade(course_request(exercise, text))


def _strong(exercise: dict[str, Any]) -> str:
    return next(r["text"] for r in exercise["reference_replies"] if r["quality"] == "strong")


def _parts(exercise: dict[str, Any]) -> tuple[list[str], list[str]]:
    """A strong reference split into what it says back (no action) and its action sentences."""
    answer = prepare(
        GradingRequest(
            rubric="customer_reply",
            answer=_strong(exercise),
            context=exercise["scenario"]["message"],
        )
    ).answer
    assert answer is not None
    said, steps = [], []
    for clause, kinds in zip(answer.clauses, _kinds(answer), strict=True):
        acts = kinds["done"] or kinds["promise"] or kinds["passive"]
        if acts and not clause.sentence.is_question:
            steps.append(clause.text)
        elif not any(kinds.values()):
            said.append(clause.text)
    return said, steps


def _probe(own: str, other: str) -> str:
    said, _ = _parts(BY_SLUG[own])
    _, steps = _parts(BY_SLUG[other])
    return " ".join(said + steps)


def _next_step(result: GradingResult) -> int:
    return next(c.level for c in result.criteria if c.name == "next_step")


# (this customer's exercise, the exercise whose strong reply gives the next step); every
# row passed on features-3.
PAIRS = [
    ("reply-food-delivery-cold-public-post", "check-after-van-repair-electrician"),
    ("check-after-train-tickets-wrong-email", "reply-graduation-dress-size-swap"),
    ("check-before-parcel-wrong-flat-number", "reply-storm-fence-claim-declined"),
    ("reply-sea-view-room-given-away", "revise-storm-fence-claim-declined"),
    ("reply-son-calling-for-father-no-consent", "reply-graduation-dress-size-swap"),
    ("refresher-invoice-after-downgrade", "reply-gym-freeze-after-surgery"),
    ("reply-prescription-delay-warfarin", "reply-unrecognised-charge-own-subscription"),
    ("reply-roaming-bill-shock", "reply-abusive-caller-gas-cut-off"),
    ("reply-missed-connection-wedding", "reply-abusive-caller-gas-cut-off"),
    ("reply-accounting-app-invoices-missing", "check-after-train-tickets-wrong-email"),
    # Nothing of this customer, and a thing their situation never mentions: "Say yes and
    # I'll issue the ticket right here in this chat" to a hotel guest.
    ("reply-sea-view-room-given-away", "reply-missed-connection-wedding"),
]


@pytest.mark.parametrize(("own", "other"), PAIRS, ids=[f"{a}<-{b}" for a, b in PAIRS])
def test_another_customers_next_step_does_not_pass(own: str, other: str) -> None:
    result = _grade(BY_SLUG[own], _probe(own, other))
    assert not result.passed
    assert _next_step(result) <= 1
    step = next(c for c in result.criteria if c.name == "next_step")
    assert "another problem" in step.feedback


@pytest.mark.parametrize("own", sorted({a for a, _ in PAIRS}))
def test_the_customers_own_strong_reply_keeps_its_next_step(own: str) -> None:
    """The agent's facts from the situation ("the engineer is booked for tomorrow 8am-1pm",
    "up to five days' tablets") are this customer's, not somebody else's."""
    result = _grade(BY_SLUG[own], _strong(BY_SLUG[own]))
    assert result.passed
    assert _next_step(result) == 2


def test_few_pairs_pass_across_the_course() -> None:
    """110 of 1,254 pass, their steps naming nobody's specifics ("I've just cancelled that
    card") or sharing this customer's words; 800 did before the situation was read."""
    passes = total = 0
    parts = {e["slug"]: _parts(e) for e in EXERCISES}
    for own in EXERCISES:
        for other in EXERCISES:
            steps = parts[other["slug"]][1]
            if other["scenario"]["message"] == own["scenario"]["message"] or not steps:
                continue
            total += 1
            passes += _grade(own, " ".join(parts[own["slug"]][0] + steps)).passed
    assert total > 1_000
    assert passes <= total // 10, passes


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e["slug"])
def test_without_a_situation_a_strong_reply_still_passes(exercise: dict[str, Any]) -> None:
    """Labelled files carry no situation: the engine grades as before."""
    assert grade(course_request(exercise, _strong(exercise), situation=False)).passed
