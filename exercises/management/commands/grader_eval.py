"""``manage.py grader_eval LABELS.csv``: agreement of the grader with human labels."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from exercises.grading.dataset import LoadReport, read_labelled
from exercises.grading.evaluation import evaluate, format_table


class Command(BaseCommand):
    help = (
        "Grade a labelled CSV (id, context, response, one column per criterion[, rubric, split]) "
        "or GUIDE-format JSONL and print accuracy, macro-F1, quadratic weighted kappa and the "
        "confusion matrix per criterion."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("labels", type=Path, help="labelled .csv or .jsonl file")
        parser.add_argument("--split", help="only rows of this split (train or heldout)")
        parser.add_argument("--json", action="store_true", help="machine-readable output")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["labels"]
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        report = LoadReport()
        examples = [
            ex
            for ex in read_labelled(path, report)
            if not options["split"] or ex.split == options["split"]
        ]
        for reason in report.skipped:
            self.stderr.write(f"skipped {reason}")
        if not examples:
            raise CommandError("No labelled rows to evaluate.")
        evaluation = evaluate(examples)
        if options["json"]:
            self.stdout.write(json.dumps(evaluation.as_dict(), indent=2))
        else:
            self.stdout.write(format_table(evaluation))
