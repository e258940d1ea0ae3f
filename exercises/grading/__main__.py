"""``python -m exercises.grading INPUT.jsonl --output OUTPUT.jsonl``: batch grading without Django.

The same streaming code as ``manage.py grade_batch``, for machines without the project settings.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .batch import grade_lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m exercises.grading", description=__doc__)
    parser.add_argument("input", type=Path)
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args(argv)
    with (
        args.input.open(encoding="utf-8", errors="replace") as lines,
        args.output.open("w", encoding="utf-8") as out,
    ):
        stats = grade_lines(lines, out, sys.stderr)
    print(stats.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
