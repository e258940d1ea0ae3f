"""The customer's mood over a conversation, as a server-rendered SVG line chart.

Like ``hr/charts.py``: ``role="img"`` with a title and description, a ``<title>`` on every
point with its exact mood, colours as attributes (no ``style=""``, so the CSP holds).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import count

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from exercises.grading.conversation import MOODS

_ids = count(1)
LEFT, TOP, STEP_X, STEP_Y, RIGHT = 92, 14, 110, 30, 30
TAKEN, BEST, GRID = "#2f5d8a", "#1f7a4d", "#d9dde5"
MOOD_NAMES = {value: name for name, value in MOODS.items()}


def _y(value: int) -> int:
    return TOP + (max(MOODS.values()) - value) * STEP_Y


def _line(points: Sequence[tuple[str, int]], colour: str, dashed: bool, who: str) -> SafeString:
    coords = " ".join(f"{LEFT + i * STEP_X},{_y(v)}" for i, (_, v) in enumerate(points))
    dash = ' stroke-dasharray="6 4"' if dashed else ""
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="5" fill="{}"><title>{}, {}: {}</title></circle>',
        (
            (LEFT + i * STEP_X, _y(v), colour, who, label, MOOD_NAMES.get(v, v))
            for i, (label, v) in enumerate(points)
        ),
    )
    line = format_html(
        '<polyline points="{}" fill="none" stroke="{}" stroke-width="3"{}/>',
        coords,
        colour,
        mark_safe(dash),
    )
    return format_html("{}{}", line, dots)


def mood_chart(
    taken: Sequence[tuple[str, int]], best: Sequence[tuple[str, int]], *, customer: str
) -> SafeString:
    """Mood after each reply on the path taken (solid) and the best path (dashed)."""
    uid = next(_ids)
    columns = max(len(taken), len(best), 2)
    width = LEFT + (columns - 1) * STEP_X + RIGHT
    height = TOP * 2 + (len(MOODS) - 1) * STEP_Y + 24
    moods = ", ".join(f"{label}: {MOOD_NAMES.get(v, v)}" for label, v in taken)
    grid = format_html_join(
        "",
        '<line x1="{0}" x2="{1}" y1="{2}" y2="{2}" stroke="{3}"/>'
        '<text x="{4}" y="{5}" text-anchor="end" class="chart-label">{6}</text>',
        (
            (LEFT, width - RIGHT, _y(v), GRID, LEFT - 10, _y(v) + 5, name)
            for name, v in MOODS.items()
        ),
    )
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" class="chart-label">{}</text>',
        (
            (LEFT + i * STEP_X, height - 4, "Start" if i == 0 else f"Reply {i}")
            for i in range(columns)
        ),
    )
    return format_html(
        '<svg class="chart mood-chart" role="img" aria-labelledby="mood{0}t mood{0}d" '
        'viewBox="0 0 {1} {2}" width="100%" preserveAspectRatio="xMinYMin meet">'
        '<title id="mood{0}t">{3}\'s mood over the conversation</title>'
        '<desc id="mood{0}d">Your conversation: {4}. The dashed line is the best path.</desc>'
        "{5}{6}{7}{8}</svg>",
        uid,
        width,
        height,
        customer,
        moods,
        grid,
        labels,
        _line(best, BEST, True, "Best path"),
        _line(taken, TAKEN, False, "Your conversation"),
    )
