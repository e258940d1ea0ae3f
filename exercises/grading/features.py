"""One entry point from a criterion name to its feature extractor."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from . import (
    emotion_need,
    expert_analysis,
    reflection,
    reply_action,
    reply_interpretation,
    reply_next_step,
    reply_understanding,
)
from .analysis import Answer, Found

_Plain = Callable[[Answer], Found]
_WithExpected = Callable[[Answer, list[str]], Found]

_PLAIN: dict[str, _Plain] = {
    "emotional_reaction": reply_understanding.emotional_reaction,
    "interpretation": reply_interpretation.interpretation,
    "exploration": reply_action.exploration,
    "non_judgment": reply_action.non_judgment,
    "next_step": reply_next_step.next_step,
    "names_feeling": reflection.names_feeling,
    "names_reaction": reflection.names_reaction,
    "commits_to_change": reflection.commits_to_change,
    "cites_evidence": expert_analysis.cites_evidence,
    "explains_effect": expert_analysis.explains_effect,
}
# Criteria compared with the exercise's ``expected`` hints, and the key they read.
_EXPECTED: dict[str, tuple[_WithExpected, str]] = {
    "names_emotion": (emotion_need.names_emotion, "emotions"),
    "names_need": (emotion_need.names_need, "needs"),
    "identifies_technique": (expert_analysis.identifies_technique, "techniques"),
}


def extract(criterion: str, answer: Answer, expected: Mapping[str, list[str]]) -> Found:
    """Run the criterion's features; the rule level is recorded as two indicator features."""
    if criterion in _EXPECTED:
        function, key = _EXPECTED[criterion]
        found = function(answer, list(expected.get(key, [])))
    else:
        found = _PLAIN[criterion](answer)
    found.features["rule_ge1"] = float(found.rule_level >= 1)
    found.features["rule_ge2"] = float(found.rule_level >= 2)
    return found
