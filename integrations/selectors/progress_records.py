"""Progress records for a page of enrolments in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from courses.gating import compute_progress
from courses.models import Certificate, Enrollment, LessonView, StageCompletion
from exercises.grading import CRITERION_LABELS
from exercises.models import CriterionScore, ExerciseProgress
from integrations.models import Tombstone
from learning.path import CourseMap, course_map

from .records import (
    CertificateRecord,
    CriterionRecord,
    ExerciseRecord,
    LearnerRef,
    ProgressRecord,
    StageRecord,
)

CertificateUrl = Callable[[str], str]


def enrollments_of(organisation_id: int, *, course: str | None = None) -> QuerySet[Enrollment]:
    """Every enrolment of the organisation's people (of one course, by slug, if given);
    others' are simply not there."""
    rows = Enrollment.objects.filter(user__organisation_id=organisation_id)
    if course is not None:
        rows = rows.filter(course__slug=course)
    return rows.select_related("user", "course")


def tombstones_of(organisation_id: int, *, course: str | None = None) -> QuerySet[Tombstone]:
    """Deletion tombstones, under the same filters as the rows they stand for."""
    rows = Tombstone.objects.filter(organisation_id=organisation_id)
    return rows if course is None else rows.filter(course_slug=course)


def enrollment_changed_since(since: datetime) -> Q:
    """An enrolment changed after ``since``: written since then, or overdue since then
    (``overdue`` turns true as its due date passes, with no write)."""
    return Q(updated_at__gt=since) | Q(
        due_at__gt=since,
        due_at__lte=timezone.now(),
        completed_at__isnull=True,
        cancelled_at__isnull=True,
    )


def learner_ref(enrollment: Enrollment) -> LearnerRef:
    user = enrollment.user
    return LearnerRef(user.pk, user.employee_id or None, user.display_name)


def progress_records(
    enrollments: Sequence[Enrollment], *, certificate_url: CertificateUrl, detail: bool = True
) -> list[ProgressRecord]:
    """Records for ``enrollments`` (already loaded with user and course). With
    ``detail`` they carry stage states and per-exercise scores: 5 queries plus 3 per
    distinct course, however many enrolments."""
    ids = [e.pk for e in enrollments]
    certificates = _certificates(ids, certificate_url)
    if not detail:
        return [_record(e, certificates.get(e.pk)) for e in enrollments]
    maps: dict[int, CourseMap] = {}
    for e in enrollments:
        if e.course_id not in maps:
            maps[e.course_id] = course_map(e.course)
    viewed = _grouped(LessonView.objects.filter(enrollment_id__in=ids), "lesson_id")
    done = {
        (row["enrollment_id"], row["stage_id"]): row["completed_at"]
        for row in StageCompletion.objects.filter(enrollment_id__in=ids).values(
            "enrollment_id", "stage_id", "completed_at"
        )
    }
    standing: dict[int, dict[int, Any]] = defaultdict(dict)
    for standing_row in ExerciseProgress.objects.filter(enrollment_id__in=ids).values(
        "enrollment_id", "exercise_id", "attempts", "best_score", "passed_at"
    ):
        standing[standing_row["enrollment_id"]][standing_row["exercise_id"]] = standing_row
    criteria = _latest_criteria(ids)
    records = []
    for e in enrollments:
        course = maps[e.course_id]
        mine = standing.get(e.pk, {})
        passed = {ex for ex, row in mine.items() if row["passed_at"]}
        progress = compute_progress(
            course.outline, viewed_lessons=viewed.get(e.pk, set()), passed_exercises=passed
        )
        stages = [
            StageRecord(
                s.slug, s.title, s.position, progress.state_of(s.pk).value, done.get((e.pk, s.pk))
            )
            for s in course.stages
        ]
        exercises = []
        for stage in course.stages:
            for lesson in stage.active_lessons:  # type: ignore[attr-defined]
                for ex in lesson.active_exercises:
                    row: dict[str, Any] = mine.get(ex.pk, {})
                    exercises.append(
                        ExerciseRecord(
                            ex.slug,
                            ex.title,
                            stage.slug,
                            ex.kind,
                            row.get("attempts", 0),
                            row.get("best_score"),
                            bool(row.get("passed_at")),
                            row.get("passed_at"),
                            criteria.get((e.pk, ex.pk), []),
                        )
                    )
        records.append(_record(e, certificates.get(e.pk), stages=stages, exercises=exercises))
    return records


def tombstone_records(tombstones: Sequence[Tombstone]) -> list[ProgressRecord]:
    return [
        ProgressRecord(
            id=t.enrollment_id,
            learner=LearnerRef(None, t.employee_id or None, ""),
            course=t.course_slug,
            status="deleted",
            deleted=True,
            updated_at=t.deleted_at,
            completed_at=t.completed_at,
        )
        for t in tombstones
    ]


def _record(e: Enrollment, certificate: CertificateRecord | None, **details: Any) -> ProgressRecord:
    cancelled = e.cancelled_at is not None
    overdue = bool(e.due_at and not e.completed_at and not cancelled and e.due_at < timezone.now())
    return ProgressRecord(
        id=e.pk,
        learner=learner_ref(e),
        course=e.course.slug,
        status="cancelled" if cancelled else e.status,
        deleted=cancelled,
        # Becoming overdue is a change: it happened when the due date passed.
        updated_at=max(e.updated_at, e.due_at) if overdue and e.due_at else e.updated_at,
        percent=e.progress_percent,
        enrolled_at=e.enrolled_at,
        started_at=e.started_at,
        due_at=e.due_at,
        completed_at=e.completed_at,
        cancelled_at=e.cancelled_at,
        overdue=overdue,
        certificate=certificate,
        **details,
    )


def _certificates(ids: list[int], url: CertificateUrl) -> dict[int, CertificateRecord]:
    newest: dict[int, CertificateRecord] = {}
    rows = Certificate.objects.filter(enrollment_id__in=ids).order_by("issued_at")
    for row in rows.values("enrollment_id", "code", "issued_at"):
        newest[row["enrollment_id"]] = CertificateRecord(
            row["code"], row["issued_at"], url(row["code"])
        )
    return newest


def _grouped(queryset: QuerySet[Any], column: str) -> dict[int, set[int]]:
    groups: dict[int, set[int]] = defaultdict(set)
    for enrollment_id, value in queryset.values_list("enrollment_id", column):
        groups[enrollment_id].add(value)
    return groups


def _latest_criteria(ids: list[int]) -> dict[tuple[int, int], list[CriterionRecord]]:
    """Criterion levels of each exercise's latest graded attempt. Reads the score
    columns only (never the answer, its evidence spans or the feedback about it)."""
    rows = (
        CriterionScore.objects.filter(
            grading__is_current=True, grading__submission__enrollment_id__in=ids
        )
        .order_by("grading__submission__attempt", "position")
        .values(
            "grading__submission__enrollment_id",
            "grading__submission__exercise_id",
            "grading__submission__attempt",
            "criterion",
            "level",
            "max_level",
        )
    )
    latest: dict[tuple[int, int], tuple[int, list[CriterionRecord]]] = {}
    for row in rows:
        key = (row["grading__submission__enrollment_id"], row["grading__submission__exercise_id"])
        attempt = row["grading__submission__attempt"]
        if key not in latest or latest[key][0] < attempt:
            latest[key] = (attempt, [])
        label = CRITERION_LABELS.get(row["criterion"], row["criterion"].replace("_", " "))
        latest[key][1].append(
            CriterionRecord(row["criterion"], label, row["level"], row["max_level"])
        )
    return {key: criteria for key, (_, criteria) in latest.items()}
