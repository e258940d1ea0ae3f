"""Write a validated course into the database, updating in place by slug.

Authoring sits above ``courses`` and ``exercises``: a course's files describe both."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from authoring.content import CourseSpec, ExerciseSpec, LessonSpec
from authoring.content.spec import DiagnosticSpec
from courses.markdown import render_markdown
from courses.models import Course, Diagnostic, Lesson, Stage
from courses.services.freshness import enrollments_touch
from exercises.models import Choice, Exercise, ReferenceReply


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)


@transaction.atomic
def course_import(*, spec: CourseSpec) -> ImportReport:
    """Create or update the course described by ``spec``.

    Items are matched by slug, so learners' progress on an item survives edits to its
    text. Items no longer in the files are retired (hidden), never deleted: their
    submissions and certificates stay. Runs in one transaction: all or nothing.
    """
    report = ImportReport()
    existing = Course.objects.filter(slug=spec.slug).first()
    outline_before = course_outline(existing) if existing else None
    course, created = Course.objects.update_or_create(
        slug=spec.slug,
        defaults={
            "title": spec.title,
            "summary": spec.summary,
            "styles": list(spec.styles),
            "content_hash": spec.content_hash,
            "imported_at": timezone.now(),
        },
    )
    (report.created if created else report.updated).append(f"course {course.slug}")
    stage_ids, lesson_ids, exercise_ids = [], [], []
    exercises_by_slug: dict[str, Exercise] = {}
    for stage_position, stage_spec in enumerate(spec.stages, start=1):
        stage, created = Stage.objects.update_or_create(
            course=course,
            slug=stage_spec.slug,
            defaults={
                "position": stage_position,
                "title": stage_spec.title,
                "summary": stage_spec.summary,
                "job_aid": list(stage_spec.job_aid),
                "manager_guide": list(stage_spec.manager_guide),
                "is_active": True,
            },
        )
        _note(report, created, f"stage {stage.slug}")
        stage_ids.append(stage.pk)
        for lesson_position, lesson_spec in enumerate(stage_spec.lessons, start=1):
            lesson = _lesson(course, stage, lesson_position, lesson_spec, report)
            lesson_ids.append(lesson.pk)
            for position, exercise_spec in enumerate(lesson_spec.exercises, start=1):
                exercise = _exercise(course, lesson, position, exercise_spec, report)
                exercise_ids.append(exercise.pk)
                exercises_by_slug[exercise.slug] = exercise
    diagnostic_ids = []
    for diagnostic_position, diagnostic_spec in enumerate(spec.diagnostics, start=1):
        diagnostic = _diagnostic(course, diagnostic_position, diagnostic_spec, report)
        diagnostic_ids.append(diagnostic.pk)
        for position, exercise_spec in enumerate(diagnostic_spec.exercises, start=1):
            exercise = _exercise(course, diagnostic, position, exercise_spec, report)
            exercise_ids.append(exercise.pk)
            exercises_by_slug[exercise.slug] = exercise
    _link_revisions(spec.exercises, exercises_by_slug)
    _retire(Stage.objects.filter(course=course).exclude(pk__in=stage_ids), report, "stage")
    _retire(Lesson.objects.filter(course=course).exclude(pk__in=lesson_ids), report, "lesson")
    _retire(
        Diagnostic.objects.filter(course=course).exclude(pk__in=diagnostic_ids), report, "check"
    )
    _retire(Exercise.objects.filter(course=course).exclude(pk__in=exercise_ids), report, "exercise")
    if outline_before is not None and course_outline(course) != outline_before:
        enrollments_touch(course_id=course.pk)  # every progress record shows the outline
    return report


def _note(report: ImportReport, created: bool, label: str) -> None:
    (report.created if created else report.updated).append(label)


def _lesson(
    course: Course, stage: Stage, position: int, spec: LessonSpec, report: ImportReport
) -> Lesson:
    lesson, created = Lesson.objects.update_or_create(
        course=course,
        slug=spec.slug,
        defaults={
            "stage": stage,
            "position": position,
            "title": spec.title,
            "summary": spec.summary,
            "body_markdown": spec.body,
            "body_html": render_markdown(spec.body),
            "word_count": spec.word_count,
            "is_active": True,
        },
    )
    _note(report, created, f"lesson {lesson.slug}")
    return lesson


def _diagnostic(
    course: Course, position: int, spec: DiagnosticSpec, report: ImportReport
) -> Diagnostic:
    diagnostic, created = Diagnostic.objects.update_or_create(
        course=course,
        slug=spec.slug,
        defaults={
            "kind": spec.kind,
            "position": position,
            "title": spec.title,
            "summary": spec.summary,
            "body_html": render_markdown(spec.body),
            "after_days": spec.after_days,
            "is_active": True,
        },
    )
    _note(report, created, f"check {diagnostic.slug}")
    return diagnostic


def _exercise(
    course: Course,
    home: Lesson | Diagnostic,
    position: int,
    spec: ExerciseSpec,
    report: ImportReport,
) -> Exercise:
    """An exercise of a lesson or of a skills check (``home``), matched by slug."""
    exercise, created = Exercise.objects.update_or_create(
        course=course,
        slug=spec.slug,
        defaults={
            "lesson": home if isinstance(home, Lesson) else None,
            "diagnostic": home if isinstance(home, Diagnostic) else None,
            "position": position,
            "kind": spec.kind,
            "title": spec.title,
            "prompt_markdown": spec.prompt,
            "prompt_html": render_markdown(spec.prompt),
            "rubric": spec.rubric,
            "pass_mark": spec.pass_mark,
            "scenario": spec.scenario,
            "expected": spec.expected,
            "items": list(spec.items),
            "conversation": spec.conversation,
            "is_active": True,
        },
    )
    _note(report, created, f"exercise {exercise.slug}")
    _replace_rows(
        exercise.choices.all(),
        Choice,
        [
            {"text": o.text, "is_correct": o.correct, "explanation": o.explanation}
            for o in spec.options
        ],
        exercise,
    )
    _replace_rows(
        exercise.reference_replies.all(),
        ReferenceReply,
        [
            {"quality": r.quality, "text": r.text, "labels": r.labels, "note": r.note}
            for r in spec.reference_replies
        ],
        exercise,
    )
    return exercise


def _replace_rows(
    existing: Iterable[Choice | ReferenceReply],
    model: type[Choice] | type[ReferenceReply],
    rows: list[dict[str, object]],
    exercise: Exercise,
) -> None:
    """Update rows in place by position (so a learner's chosen option keeps its id),
    add new ones, delete the surplus."""
    current = {row.position: row for row in existing}
    for position, values in enumerate(rows, start=1):
        row = current.pop(position, None)
        if row is None:
            model.objects.create(exercise=exercise, position=position, **values)
            continue
        for name, value in values.items():
            setattr(row, name, value)
        row.save(update_fields=list(values))
    for row in current.values():
        row.delete()


def _link_revisions(specs: list[ExerciseSpec], by_slug: dict[str, Exercise]) -> None:
    for spec in specs:
        exercise = by_slug[spec.slug]
        target = by_slug.get(spec.revises) if spec.revises else None
        if exercise.revises_id != (target.pk if target else None):
            exercise.revises = target
            exercise.save(update_fields=["revises"])


def _retire(queryset: object, report: ImportReport, label: str) -> None:
    for item in queryset.filter(is_active=True):  # type: ignore[attr-defined]
        item.is_active = False
        item.save(update_fields=["is_active"])
        report.retired.append(f"{label} {item.slug}")


def course_outline(course: Course) -> tuple[object, ...]:
    """The part of a course every progress record shows: active stages and exercises
    with their slugs, titles, positions and kinds. Two queries."""
    stages = Stage.objects.filter(course=course, is_active=True).values_list(
        "slug", "title", "position"
    )
    exercises = Exercise.objects.filter(
        course=course, is_active=True, lesson__is_active=True
    ).values_list("slug", "title", "kind", "lesson__stage__slug", "lesson__position", "position")
    return (course.slug, *sorted(stages), *sorted(exercises))
