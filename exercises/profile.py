"""Scoring the communication-style self-assessment: pure, no database."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

RATING_MIN, RATING_MAX = 1, 5


def score_styles(
    items: Sequence[Mapping[str, str]], ratings: Mapping[int, int]
) -> dict[str, float]:
    """Average rating per style, as a percentage of the scale (0-100).

    ``ratings`` maps item index to a 1-5 rating; every item must be rated.
    """
    totals: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        rating = ratings[index]
        if not RATING_MIN <= rating <= RATING_MAX:
            raise ValueError(f"rating {rating} for item {index} is outside 1-5")
        totals[item["style"]].append(rating)
    span = RATING_MAX - RATING_MIN
    return {
        style: round(100 * (sum(values) / len(values) - RATING_MIN) / span, 1)
        for style, values in totals.items()
    }


def leading_style(scores: Mapping[str, float], order: Sequence[str]) -> str:
    """The highest-scoring style; ties go to the style listed first in the course."""
    return max(order, key=lambda style: (scores.get(style, -1.0), -order.index(style)))
