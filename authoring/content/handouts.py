"""The job aid and the manager's coaching guide of a stage, read from its stage.yaml.

Each is a list of sections, ``{heading, points: [...]}``, short enough for one page.
"""

from __future__ import annotations

from typing import Any

from .checks import Checker

HANDOUTS = ("job_aid", "manager_guide")
# A handout is one page: more than this and the PDF runs over.
MAX_POINTS = 18


def read_handout(
    check: Checker, data: dict[str, Any], key: str, file: str
) -> tuple[dict[str, Any], ...]:
    """The sections of one handout, each problem recorded against ``file``."""
    sections = []
    for i, raw in enumerate(check.sequence(data.get(key), file, key)):
        where = f"{key}[{i}]"
        section = check.mapping(raw, file, where)
        heading = check.text(section, "heading", file, f"{where}.")
        points = [
            str(p).strip()
            for p in check.sequence(section.get("points"), file, f"{where}.points", required=True)
            if isinstance(p, str | int | float) and str(p).strip()
        ]
        if not points:
            check.fail(file, f"{where}.points", "needs at least one point")
        sections.append({"heading": heading, "points": points})
    if sum(len(s["points"]) for s in sections) > MAX_POINTS:
        check.fail(file, key, f"has more than {MAX_POINTS} points: it must fit on one page")
    return tuple(sections)
