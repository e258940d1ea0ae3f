"""What a pass needs, beside the score: the course's lessons as a rule.

A percentage alone lets a kind but generic reply through (stock sympathy, the topic
restated, a vague promise: 60%). The lessons say that reply misses the point, so a
reply to a customer passes only when it also

- judges nobody (``non_judgment`` 2),
- meets this customer's feeling *or* situation with their own details
  (``emotional_reaction`` 2 or ``interpretation`` 2), and
- owns a concrete next step for this customer's problem (``next_step`` 2).

The requirements are data, so the exercise page can list them and show which are met.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .guards import BLOCKING

# Flags that fail an answer whatever its levels: the guards' and the failing gaming checks'
# (a template with its blanks unfilled, or one real line buried in filler, keeps its levels,
# but is not a reply to send this customer).
FAILING_FLAGS = frozenset(BLOCKING) | {"placeholder", "padded"}


@dataclass(frozen=True)
class Requirement:
    """One thing a pass needs: any of ``criteria`` at ``level`` or above."""

    key: str
    text: str  # shown to the learner before and after they answer
    criteria: tuple[str, ...]
    level: int = 2

    def met(self, levels: Mapping[str, int]) -> bool:
        return any(levels.get(name, 0) >= self.level for name in self.criteria)


PASS_REQUIREMENTS: dict[str, tuple[Requirement, ...]] = {
    "customer_reply": (
        Requirement(
            "respect",
            "Nothing in it blames, lectures, minimises or mocks the customer.",
            ("non_judgment",),
        ),
        Requirement(
            "grounded",
            "It meets this customer's feeling or situation in their own details, not in words "
            "that would fit anyone.",
            ("emotional_reaction", "interpretation"),
        ),
        Requirement(
            "next_step",
            "It owns a concrete next step for this customer's problem: what you will do, and when.",
            ("next_step",),
        ),
    ),
}


@dataclass(frozen=True)
class PassDecision:
    passed: bool
    score_met: bool
    unmet: tuple[Requirement, ...]  # requirements the levels do not meet
    failing_flags: tuple[str, ...]


def requirements(rubric: str) -> tuple[Requirement, ...]:
    return PASS_REQUIREMENTS.get(rubric, ())


def decide(
    rubric: str,
    levels: Mapping[str, int],
    score: float,
    pass_mark: float,
    flags: tuple[str, ...] = (),
) -> PassDecision:
    """Pass when the score reaches the pass mark, every requirement is met and no flag fails it."""
    unmet = tuple(r for r in requirements(rubric) if not r.met(levels))
    failing = tuple(f for f in flags if f in FAILING_FLAGS)
    score_met = score >= pass_mark
    return PassDecision(score_met and not unmet and not failing, score_met, unmet, failing)
