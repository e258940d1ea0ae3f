"""``manage.py course_outline [PATH] [--json]``: the course structure at a glance."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from authoring.content import ContentError, CourseSpec, load_course
from exercises.grading import RUBRICS


def outline(spec: CourseSpec) -> dict[str, Any]:
    """Stages, lessons (title, word count) and exercises (kind, criteria, pass mark)."""
    return {
        "course": spec.slug,
        "title": spec.title,
        "stages": [
            {
                "slug": stage.slug,
                "title": stage.title,
                "lessons": [
                    {
                        "slug": lesson.slug,
                        "title": lesson.title,
                        "word_count": lesson.word_count,
                        "exercises": [
                            {
                                "slug": e.slug,
                                "kind": e.kind,
                                "title": e.title,
                                "rubric": e.rubric or None,
                                "criteria": list(RUBRICS.get(e.rubric, ())),
                                "pass_mark": e.pass_mark if e.kind == "free_text" else None,
                                "reference_replies": len(e.reference_replies),
                            }
                            for e in lesson.exercises
                        ],
                    }
                    for lesson in stage.lessons
                ],
            }
            for stage in spec.stages
        ],
        "totals": {
            "stages": len(spec.stages),
            "lessons": len(spec.lessons),
            "words": sum(lesson.word_count for lesson in spec.lessons),
            "exercises": len(spec.exercises),
        },
    }


class Command(BaseCommand):
    help = "Print the course structure (stages, lessons, exercises) from its files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", default="fixtures/course")
        parser.add_argument("--json", action="store_true", help="machine-readable output")

    def handle(self, *args: Any, path: str, **options: Any) -> None:
        try:
            spec = load_course(path)
        except ContentError as error:
            raise CommandError(str(error)) from error
        data = outline(spec)
        if options["json"]:
            self.stdout.write(json.dumps(data, indent=2))
            return
        self.stdout.write(f"{data['title']}  ({data['totals']})")
        for stage in data["stages"]:
            self.stdout.write(f"\n{stage['title']}")
            for lesson in stage["lessons"]:
                self.stdout.write(f"  {lesson['title']}  [{lesson['word_count']} words]")
                for e in lesson["exercises"]:
                    extra = f" {e['rubric']} pass {e['pass_mark']}%" if e["rubric"] else ""
                    self.stdout.write(f"    - {e['title']} ({e['kind']}{extra})")
