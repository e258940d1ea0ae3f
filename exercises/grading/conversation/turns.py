"""Grading one reply in a conversation: the grader, plus one rule about the last message.

The grader sees every customer message so far as its context. On top of its output, a
reply that picks up nothing of what the customer revealed in their latest message is not
specific to this turn: it is flagged ``missed_last`` and its feeling, understanding and
question levels are capped at 1. The grader's own scoring is not changed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..context import analyse
from ..contract import CriterionResult, GradingRequest, GradingResult
from ..engine import grade
from ..pass_rule import FAILING_FLAGS, decide
from ..text import content_stems, normalise, tokens
from .branching import MISSED_LAST
from .checks import CAPPED_BY_MISSED_LAST

POSSESSIVE = re.compile(r"['’]s$")
# A detail must weigh at least this much to count as revealed (topic words weigh 0.3).
REVEALED_WEIGHT = 0.5


def conversation_context(customer_messages: Sequence[str]) -> str:
    """The grading context for a turn: the customer's messages so far, oldest first."""
    return "\n\n".join(m.strip() for m in customer_messages)


def revealed(latest: str, earlier: Sequence[str]) -> dict[str, str]:
    """The customer's new details in ``latest`` (stem -> their word), not said before."""
    said = analyse(conversation_context(earlier)).stems if earlier else frozenset()
    ctx = analyse(latest)
    return {
        stem: ctx.distinctive_words.get(stem, stem)
        for stem, weight in ctx.distinctive.items()
        if weight >= REVEALED_WEIGHT and stem not in said
    }


def grade_turn(request: GradingRequest, *, latest: str, earlier: Sequence[str]) -> GradingResult:
    """Grade a reply to ``latest``, the customer's newest message after ``earlier`` ones.

    ``request.context`` should be :func:`conversation_context` of all of them.
    """
    result = grade(request)
    if not earlier or any(f in FAILING_FLAGS for f in result.flags):
        return result
    new = revealed(latest, earlier)
    reply = content_stems(tokens(normalise(request.answer)))
    if not new or any(_picked(stem, word, reply) for stem, word in new.items()):
        return result
    words = ", ".join(f"“{w}”" for w in list(new.values())[:3])
    note = f"It does not pick up what the customer just told you ({words})."
    criteria = tuple(_cap(c, note) for c in result.criteria)
    levels = {c.name: c.level for c in criteria}
    score = round(100 * sum(levels.values()) / sum(c.max_level for c in criteria), 1)
    flags = (*result.flags, MISSED_LAST)
    decision = decide(request.rubric, levels, score, request.pass_mark, flags)
    return replace(
        result,
        criteria=criteria,
        score=score,
        passed=decision.passed,
        flags=flags,
        summary=f"{result.summary} {note}".strip(),
    )


def _picked(stem: str, word: str, reply: frozenset[str]) -> bool:
    """The customer's detail is in the reply, under its detail stem or as the word itself
    ("Thursday's" in the message, "Thursday" in the reply)."""
    bare = POSSESSIVE.sub("", normalise(word))
    return stem in reply or bool(content_stems(tokens(bare)) & reply)


def _cap(criterion: CriterionResult, note: str) -> CriterionResult:
    if criterion.name not in CAPPED_BY_MISSED_LAST or criterion.level <= 1:
        return criterion
    return replace(criterion, level=1, feedback=f"{criterion.feedback} {note}".strip())
