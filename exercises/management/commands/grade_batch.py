"""``manage.py grade_batch INPUT.jsonl --output OUTPUT.jsonl``: grade replies offline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from exercises.grading.batch import grade_lines


class Command(BaseCommand):
    help = (
        "Grade a JSONL file of replies ({id, context, response[, rubric]} per line) line by "
        "line; malformed lines are reported on stderr with their line number and skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", type=Path, help="JSONL file, one reply per line")
        parser.add_argument("--output", type=Path, required=True, help="JSONL file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["input"]
        if not source.is_file():
            raise CommandError(f"{source} is not a file.")
        with (
            source.open(encoding="utf-8", errors="replace") as lines,
            options["output"].open("w", encoding="utf-8") as out,
        ):
            stats = grade_lines(lines, out, self.stderr)
        self.stdout.write(stats.summary())
