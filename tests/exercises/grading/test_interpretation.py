"""Interpretation by the guide's levels: understanding claimed (0), the topic named (1), the
customer's situation said back (2).

The learner sees the level and the sentence that earned it, so each case checks both.
"""

from __future__ import annotations

import pytest

from exercises.grading import GradingRequest, grade

DANA = (
    "I've been charged twice for the same order, £42 each time, and my rent is due in three "
    "days. I've been a customer for six years and I'm honestly so worried about this."
)
BAG = (
    "your airline lost my suitcase on the flight from Dublin yesterday and NOBODY can tell me "
    "where it is. my suit for my brother's wedding is in it. the wedding is SATURDAY. I want "
    "to know today whether I'm getting my bag."
)


@pytest.mark.parametrize(
    ("message", "answer", "expected", "evidence"),
    [
        # Understanding claimed, nothing of the situation shown.
        (DANA, "Sorry, I understand.", 0, None),
        (
            DANA,
            "I'm so sorry to hear about your situation. I completely understand how frustrating "
            "this must be.",
            0,
            None,
        ),
        (BAG, "I'm sorry to hear about your situation.", 0, None),
        # The topic named, in the customer's word or another for the same thing.
        (DANA, "I see you have an issue with your order.", 1, "issue with your order"),
        (BAG, "I'm sorry to hear about your luggage.", 1, "your luggage"),
        # Facts listed back under a claim are not a paraphrase.
        (
            DANA,
            "I understand that you were charged twice. I understand that it was £42. I "
            "understand that your rent is due in three days.",
            1,
            None,
        ),
        # The situation said back with their detail, or what it means for them.
        (
            DANA,
            "So you've been charged £42 twice for one order, with your rent due in three days.",
            2,
            "rent due in three days",
        ),
        (
            BAG,
            "Your suit for your brother's wedding on Saturday is in that case, so every day "
            "without it matters.",
            2,
            "brother's wedding on Saturday",
        ),
    ],
)
def test_interpretation_follows_the_guide(
    message: str, answer: str, expected: int, evidence: str | None
) -> None:
    result = grade(GradingRequest(rubric="customer_reply", answer=answer, context=message))
    found = next(c for c in result.criteria if c.name == "interpretation")
    assert found.level == expected
    if evidence is not None:
        assert any(evidence in answer[s.start : s.end] for s in found.evidence)
