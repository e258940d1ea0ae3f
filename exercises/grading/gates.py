"""What each level must rest on: caps applied after the learned model.

The model reads the form of a reply (a feeling frame, a question, a promise with a
time) and has learned that form usually comes with substance. These gates make sure
it does: a level above 1 needs this customer's own details in the sentences doing the
work, and a level 1 on understanding needs something actually restated. A capped
criterion gets a missing code, so its feedback says what to add.
"""

from __future__ import annotations

from .analysis import Found
from .grounding import Grounding

# Weighted customer details (see :mod:`.details`) a sentence must pick up for level 2:
# one distinctive word ("wedding", "£42") or two weaker ones.
FEELING_GROUNDED = 1.0  # the feeling sentence and its neighbours
MEANING_GROUNDED = 1.0  # a sentence that describes the customer's situation
MEANING_TOTAL = 2.0  # and the reply as a whole
QUESTION_GROUNDED = 0.5  # the question itself...
QUESTION_TOTAL = 2.0  # ...or a need-aimed question touching it, or in a reply grounded this much
STEP_TOTAL = 1.5  # a next step "for this customer": the reply picks up their problem
# A short message has little to pick up: the totals are capped at this share of its detail.
SHARE_OF_AVAILABLE = 0.5


def _needed(total: float, grounding: Grounding) -> float:
    return min(total, SHARE_OF_AVAILABLE * grounding.available)


def cap(name: str, found: Found, grounding: Grounding) -> tuple[int, str | None]:
    """The highest level ``name`` may have, and the missing code when that is below 2."""
    if name == "emotional_reaction" and found.grounded < FEELING_GROUNDED:
        return 1, "ungrounded"
    if name == "interpretation":
        if not _restates(found):
            return 0, "no_reflection"
        if found.grounded < MEANING_GROUNDED or grounding.picked < _needed(
            MEANING_TOTAL, grounding
        ):
            return 1, "ungrounded"
    if name == "exploration":
        need_aimed = found.features.get("exp_need", 0) or found.features.get("exp_impact", 0)
        grounded = found.grounded >= QUESTION_GROUNDED or (
            need_aimed
            and (found.grounded > 0 or grounding.picked >= _needed(QUESTION_TOTAL, grounding))
        )
        if not grounded:
            return 1, "ungrounded"
    if name == "next_step" and grounding.picked < _needed(STEP_TOTAL, grounding):
        return 1, "ungrounded"
    if name == "next_step" and "process_only" in found.missing:
        # A ticket raised and an update promised: owned and timed, but nothing done yet about
        # what the customer asked for (the guide's level 2 "addresses this customer's problem").
        return 1, "process_only"
    if name == "next_step" and "other_step" in found.missing:
        # Owned and timed, but for another customer's problem: the guide's level 2 needs a
        # step that "addresses this customer's problem".
        return 1, "other_step"
    return 2, None


def _restates(found: Found) -> bool:
    """Something of the customer's situation is said back, if only the topic."""
    features = found.features
    return bool(
        features.get("int_marker")
        or features.get("int_restate")
        or features.get("int_total_overlap", 0) > 0
    )


def apply(
    criteria: tuple[str, ...],
    levels: list[int],
    found: dict[str, Found],
    grounding: Grounding,
) -> list[int]:
    """Cap each level; a capped criterion records why in its ``missing`` codes."""
    out = []
    for name, level in zip(criteria, levels, strict=True):
        limit, code = cap(name, found[name], grounding)
        if level > limit and code:
            found[name].missing.insert(0, code)
        out.append(min(level, limit))
    return out
