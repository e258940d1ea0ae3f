"""Charts as server-rendered SVG: no script, no external host, readable by screen readers.

Each chart is an ``<svg role="img">`` with a ``<title>`` and ``<desc>``, and every bar or
cell carries its own ``<title>`` with the exact figure (shown on hover, read aloud).
Colours are SVG attributes, never ``style=""``, so the strict CSP holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import count

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

_ids = count(1)

BAR_HEIGHT, GAP, LABEL_WIDTH, BAR_WIDTH, VALUE_WIDTH = 22, 8, 210, 300, 60
OK, WARN, BAD, TRACK = "#1f7a4d", "#9a5b00", "#b3261e", "#e8edf5"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # 0..100
    detail: str = ""  # e.g. "12 of 20 completed"


def _colour(share: float) -> str:
    """Green from 2/3 of the top, amber from 1/3, red below."""
    if share >= 2 / 3:
        return OK
    return WARN if share >= 1 / 3 else BAD


def _truncate(text: str, limit: int = 25) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(bars: Sequence[Bar], *, title: str, description: str) -> SafeString:
    """Horizontal percentage bars, one per row."""
    uid = next(_ids)
    height = max(1, len(bars)) * (BAR_HEIGHT + GAP)
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    parts = [
        format_html(
            '<svg class="chart" role="img" aria-labelledby="chart{0}t chart{0}d" '
            'viewBox="0 0 {1} {2}" width="100%" preserveAspectRatio="xMinYMin meet">'
            '<title id="chart{0}t">{3}</title><desc id="chart{0}d">{4}</desc>',
            uid, width, height, title, description,
        )
    ]  # fmt: skip
    for i, bar in enumerate(bars):
        y = i * (BAR_HEIGHT + GAP)
        length = round(BAR_WIDTH * max(0.0, min(bar.value, 100.0)) / 100, 1)
        parts.append(
            format_html(
                '<g><title>{0}: {1}%{2}</title>'
                '<text x="{3}" y="{4}" text-anchor="end" class="chart-label">{5}</text>'
                '<rect x="{6}" y="{7}" width="{8}" height="{9}" rx="3" fill="{10}"/>'
                '<rect x="{6}" y="{7}" width="{11}" height="{9}" rx="3" fill="{12}"/>'
                '<text x="{13}" y="{4}" class="chart-value">{1}%</text></g>',
                bar.label, round(bar.value), f" ({bar.detail})" if bar.detail else "",
                LABEL_WIDTH - 8, y + BAR_HEIGHT * 0.72, _truncate(bar.label), LABEL_WIDTH, y,
                BAR_WIDTH, BAR_HEIGHT, TRACK, length, _colour(bar.value / 100),
                LABEL_WIDTH + BAR_WIDTH + 8,
            )
        )  # fmt: skip
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


@dataclass(frozen=True)
class HeatCell:
    share: float | None  # 0..1 of the top level, None when there is no data
    text: str  # the figure printed in the cell
    detail: str  # the cell's accessible title


def heatmap(
    *,
    rows: Sequence[str],
    columns: Sequence[str],
    cells: dict[tuple[str, str], HeatCell],
    title: str,
    description: str,
) -> SafeString:
    """A grid of coloured cells (rows × columns) with the figure in each cell."""
    uid = next(_ids)
    cell_w, cell_h, head_h, label_w = 92, 34, 70, 210
    width = label_w + cell_w * max(1, len(columns))
    height = head_h + cell_h * max(1, len(rows))
    parts = [
        format_html(
            '<svg class="chart heatmap" role="img" aria-labelledby="chart{0}t chart{0}d" '
            'viewBox="0 0 {1} {2}" width="100%" preserveAspectRatio="xMinYMin meet">'
            '<title id="chart{0}t">{3}</title><desc id="chart{0}d">{4}</desc>',
            uid, width, height, title, description,
        )
    ]  # fmt: skip
    for j, column in enumerate(columns):
        x = label_w + j * cell_w + cell_w / 2
        words = column.split()
        half = (len(words) + 1) // 2
        lines = [" ".join(words[:half]), " ".join(words[half:])]
        parts.append(
            format_html(
                '<text x="{0}" y="{1}" text-anchor="middle" class="chart-head">'
                '<tspan x="{0}" dy="0">{2}</tspan><tspan x="{0}" dy="16">{3}</tspan></text>',
                x, head_h - 30, _truncate(lines[0], 16), _truncate(lines[1], 16),
            )
        )  # fmt: skip
    for i, row in enumerate(rows):
        y = head_h + i * cell_h
        parts.append(
            format_html(
                '<text x="{0}" y="{1}" text-anchor="end" class="chart-label">{2}</text>',
                label_w - 8, y + cell_h * 0.62, _truncate(row),
            )
        )  # fmt: skip
        for j, column in enumerate(columns):
            cell = cells.get((row, column))
            x = label_w + j * cell_w
            fill = TRACK if cell is None or cell.share is None else _colour(cell.share)
            parts.append(
                format_html(
                    '<g><title>{0}</title><rect x="{1}" y="{2}" width="{3}" height="{4}" '
                    'fill="{5}" stroke="#fff" stroke-width="2"/>'
                    '<text x="{6}" y="{7}" text-anchor="middle" class="{8}">{9}</text></g>',
                    cell.detail if cell else f"{row} · {column}: no graded answers yet",
                    x, y, cell_w, cell_h, fill, x + cell_w / 2, y + cell_h * 0.62,
                    "chart-cell" if cell and cell.share is not None else "chart-cell-empty",
                    cell.text if cell else "–",
                )
            )  # fmt: skip
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))
