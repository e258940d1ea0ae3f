"""``manage.py import_course PATH``: load or update the course from its files."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from authoring.content import ContentError, load_course
from authoring.services import course_import


class Command(BaseCommand):
    help = "Import (or update in place) a course from a folder of YAML and Markdown files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the course folder, e.g. fixtures/course")
        parser.add_argument(
            "--check", action="store_true", help="validate the files only; write nothing"
        )

    def handle(self, *args: Any, path: str, check: bool, **options: Any) -> None:
        try:
            spec = load_course(path)
        except ContentError as error:
            for problem in error.problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(
                f"{len(error.problems)} problem(s) in {path}; nothing was imported."
            ) from error
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        summary = (
            f"{spec.title}: {len(spec.stages)} stages, {len(spec.lessons)} lessons, "
            f"{len(spec.exercises)} exercises, {len(spec.diagnostics)} skills checks"
        )
        if check:
            self.stdout.write(self.style.SUCCESS(f"OK {summary} (checked, nothing written)"))
            return
        report = course_import(spec=spec)
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {summary}: {len(report.created)} created, "
                f"{len(report.updated)} updated, {len(report.retired)} retired."
            )
        )
        for label in report.retired:
            self.stdout.write(f"  retired {label}")
