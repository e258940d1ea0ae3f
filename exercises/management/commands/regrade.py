"""``manage.py regrade``: grade chosen submissions again with the current engine."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from exercises.grading import GRADER_VERSION
from exercises.models import ExerciseKind, Submission, SubmissionStatus
from exercises.services.review import RegradeOutcome, submission_regrade


class Command(BaseCommand):
    help = (
        "Re-grade written answers with the current grader version. Every earlier grading is "
        "kept as history; trainers' decisions are kept unless --include-reviewed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--course", help="course slug")
        parser.add_argument("--exercise", action="append", default=[], help="exercise slug")
        parser.add_argument("--id", action="append", type=int, default=[], dest="ids")
        parser.add_argument(
            "--outdated", action="store_true", help=f"only gradings not made by {GRADER_VERSION}"
        )
        parser.add_argument("--include-reviewed", action="store_true")
        parser.add_argument("--dry-run", action="store_true", help="count, change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        selection = Submission.objects.filter(
            exercise__kind=ExerciseKind.FREE_TEXT,
            status__in=[SubmissionStatus.GRADED, SubmissionStatus.NEEDS_REVIEW],
        )
        if options["course"]:
            selection = selection.filter(exercise__course__slug=options["course"])
        if options["exercise"]:
            selection = selection.filter(exercise__slug__in=options["exercise"])
        if options["ids"]:
            selection = selection.filter(pk__in=options["ids"])
        if options["outdated"]:
            selection = selection.exclude(grader_version=GRADER_VERSION)
        ids = list(selection.order_by("pk").values_list("pk", flat=True))
        if options["dry_run"]:
            self.stdout.write(f"{len(ids)} submission(s) would be re-graded with {GRADER_VERSION}.")
            return
        outcomes = Counter(
            submission_regrade(submission_id=pk, include_reviewed=options["include_reviewed"])
            for pk in ids
        )
        done = outcomes[RegradeOutcome.REGRADED] + outcomes[RegradeOutcome.NOW_FAILS]
        self.stdout.write(
            self.style.SUCCESS(
                f"Re-graded {done} of {len(ids)} submission(s) with {GRADER_VERSION}; "
                f"{outcomes[RegradeOutcome.KEPT]} kept (trainer-reviewed)."
            )
        )
        if outcomes[RegradeOutcome.NOW_FAILS]:
            self.stdout.write(
                f"{outcomes[RegradeOutcome.NOW_FAILS]} answer(s) that had passed would now "
                "fail: their passes, stages and certificates stand, and they are in the "
                "trainers' review queue for a person to decide."
            )
