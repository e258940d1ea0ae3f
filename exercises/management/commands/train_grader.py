"""``manage.py train_grader``: refit the grader's weights from the train split."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from exercises.grading.evaluation import format_table
from exercises.grading.resources import WEIGHTS_PATH
from exercises.grading.train import train


class Command(BaseCommand):
    help = (
        "Refit the grader from fixtures/calibration/*.jsonl (split=train only) and the course's "
        "reference replies, write the weights file, and print held-out agreement."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--fixtures",
            type=Path,
            default=Path(settings.BASE_DIR) / "fixtures",
            help="folder holding calibration/ and course/",
        )
        parser.add_argument("--output", type=Path, default=WEIGHTS_PATH, help="weights file")
        parser.add_argument(
            "--cv",
            action="store_true",
            help="also print 5-fold cross-validated agreement on the train split (slower)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        fixtures: Path = options["fixtures"]
        if not (fixtures / "calibration").is_dir():
            raise CommandError(f"{fixtures / 'calibration'} does not exist.")
        report = train(fixtures, options["output"], cross_validated=options["cv"])
        for reason in report.load.skipped:
            self.stderr.write(f"skipped {reason}")
        self.stdout.write(f"train examples per rubric: {report.train_counts}")
        self.stdout.write(f"fitted (after guards): {report.fitted_counts}")
        self.stdout.write(f"weights written to {report.weights_path}")
        if report.cross_validated is not None:
            self.stdout.write("train split, 5-fold cross-validation grouped by message:")
            self.stdout.write(format_table(report.cross_validated))
        if report.heldout is not None and report.heldout.per_criterion:
            self.stdout.write("held-out agreement:")
            self.stdout.write(format_table(report.heldout))
