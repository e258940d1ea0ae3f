"""The learned part: two logistic regressions per criterion over its features.

``P(level >= 1)`` and ``P(level >= 2)`` are modelled separately (the Frank & Hall
ordinal scheme) so a feature may push towards "present" but away from "specific",
as a stock phrase does. A criterion without trained weights uses its rule level.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from .resources import load

# Probability given to the rule level when a criterion has no trained model: confident
# enough to decide, not so confident that the review queue never sees it.
_RULE_PROBABILITY = 0.8


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def linear(weights: Mapping[str, Any], features: Mapping[str, float]) -> float:
    """Bias plus the weighted sum of the features the weights know about."""
    w: Mapping[str, float] = weights["w"]
    return float(weights["bias"]) + sum(w.get(name, 0.0) * v for name, v in features.items() if v)


def probabilities(criterion: str, features: Mapping[str, float], rule: int) -> tuple[float, ...]:
    """``(P(0), P(1), P(2))`` for the criterion."""
    model = load().models.get(criterion)
    if not model:
        rest = (1 - _RULE_PROBABILITY) / 2
        return tuple(_RULE_PROBABILITY if level == rule else rest for level in range(3))
    ge1 = sigmoid(linear(model["ge1"], features))
    ge2 = min(sigmoid(linear(model["ge2"], features)), ge1)
    return (1 - ge1, ge1 - ge2, ge2)


def level_of(probs: tuple[float, ...], rule: int | None = None) -> int:
    """The expected level, rounded: 2 from 1.5, 1 from 0.5.

    Not the mode, because the rubric is ordinal; and not the median either: the two
    cumulative models are fitted apart, so ``P(>=2)`` can reach ``P(>=1)`` and leave
    ``P(1)`` at zero, where the median jumps straight from 0 to 2 on a coin toss. The
    rounded expectation lands on 1 there, which quadratic-weighted agreement rewards.
    """
    if rule is not None and max(range(3), key=lambda lv: probs[lv]) == rule:
        return rule
    expected = probs[1] + 2 * probs[2]
    if expected >= 1.5:
        return 2
    if expected >= 0.5:
        return 1
    return 0
