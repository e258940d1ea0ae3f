"""How sure the grader is, so that doubtful results reach a trainer's review queue.

Four signals, each in 0..1: how far each criterion sits from its decision boundary,
how sure the pass/fail decision is (the probability of passing under the per-criterion
distributions), how far the score is from the pass mark in level steps, and whether the
learned model and the transparent rules agree. Odd answers lower the result.
"""

from __future__ import annotations

from collections.abc import Sequence

MAX_LEVEL = 2


def pass_probability(dists: Sequence[tuple[float, ...]], pass_mark: float) -> float:
    """P(score >= pass_mark) when each criterion's level follows its distribution."""
    total = [1.0]  # total[points] = probability of that many points so far
    for dist in dists:
        step = [0.0] * (len(total) + len(dist) - 1)
        for points, p in enumerate(total):
            for level, q in enumerate(dist):
                step[points + level] += p * q
        total = step
    maximum = MAX_LEVEL * len(dists)
    return sum(p for points, p in enumerate(total) if 100 * points / maximum >= pass_mark)


def boundary_margin(probs: tuple[float, ...]) -> float:
    """0 on a decision boundary, 1 when one side is certain (for the two cumulative splits)."""
    ge1 = probs[1] + probs[2]
    return min(abs(2 * ge1 - 1), abs(2 * probs[2] - 1))


def combine(
    dists: Sequence[tuple[float, ...]],
    levels: Sequence[int],
    rule_levels: Sequence[int],
    pass_mark: float,
    penalty: float,
) -> float:
    """One number in 0..1 from the three signals minus ``penalty`` for odd answers."""
    if not dists:
        return 0.0
    per_criterion = sum(boundary_margin(d) for d in dists) / len(dists)
    passing = abs(2 * pass_probability(dists, pass_mark) - 1)
    agree = sum(1 for a, b in zip(levels, rule_levels, strict=True) if a == b) / len(levels)
    # One level up or down on one criterion moves the score by 100 / (2 * criteria) points;
    # a score within two such steps of the pass mark could flip with one labeller's judgement.
    step = 100 / (MAX_LEVEL * len(levels))
    score = 100 * sum(levels) / (MAX_LEVEL * len(levels))
    margin = min(1.0, abs(score - pass_mark) / (2 * step))
    value = 0.3 * per_criterion + 0.25 * passing + 0.15 * agree + 0.3 * margin - penalty
    # The power spreads the doubtful end: on the held-out labels, results below 0.35 are
    # about one in six and flip pass/fail about a third of the time; above 0.8, almost never.
    spread: float = max(value, 0.0) ** 1.5
    return round(max(0.05, min(0.99, spread)), 3)
