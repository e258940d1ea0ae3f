"""What a gradebook column shows for one learner: a snapshot of their result."""

from __future__ import annotations

from dataclasses import dataclass

from courses.models import Lesson, StageCompletion
from exercises.models import PENDING_STATUSES, ExerciseProgress, Submission, SubmissionStatus
from learning.path import viewed_lesson_ids

from ..models import GradeLink, TargetKind


@dataclass(frozen=True)
class Result:
    """An AGS score: out of 100; ``activity`` and ``grading`` are AGS's progress words."""

    score: float
    activity: str  # Initialized, Started, InProgress, Completed
    grading: str = "FullyGraded"  # the score is the learner's result as it stands now


def _exercise_grading(*, enrollment_id: int, exercise_id: int, passed: bool) -> str:
    """AGS's gradingProgress for an exercise not yet passed: "PendingManual" while the
    latest attempt waits for a trainer (the grader was unsure), "Pending" while it waits
    for the grader; a passed exercise's result is final, whatever a later attempt does."""
    if passed:
        return "FullyGraded"
    latest = (
        Submission.objects.filter(enrollment_id=enrollment_id, exercise_id=exercise_id)
        .order_by("-attempt")
        .values_list("status", flat=True)
        .first()
    )
    if latest == SubmissionStatus.NEEDS_REVIEW:
        return "PendingManual"
    return "Pending" if latest in PENDING_STATUSES else "FullyGraded"


def _activity(done: bool, started: bool) -> str:
    return "Completed" if done else ("InProgress" if started else "Initialized")


def result_of(link: GradeLink) -> Result:
    """The learner's current result for what the link launched."""
    enrollment = link.enrollment
    if link.target == TargetKind.EXERCISE and link.exercise_id is not None:
        progress = ExerciseProgress.objects.filter(
            enrollment=enrollment, exercise_id=link.exercise_id
        ).first()
        done = progress is not None and progress.passed_at is not None
        grading = _exercise_grading(
            enrollment_id=enrollment.pk, exercise_id=link.exercise_id, passed=done
        )
        if progress is None:
            return Result(0.0, "Initialized", grading)
        return Result(
            round(progress.best_score or 0.0, 2),
            _activity(done, progress.attempts > 0),
            grading,
        )
    if link.target == TargetKind.STAGE and link.stage_id is not None:
        if StageCompletion.objects.filter(enrollment=enrollment, stage_id=link.stage_id).exists():
            return Result(100.0, "Completed")
        lessons = set(
            Lesson.objects.filter(stage_id=link.stage_id, is_active=True).values_list(
                "pk", flat=True
            )
        )
        read = lessons & viewed_lesson_ids(enrollment)
        share = 100.0 * len(read) / len(lessons) if lessons else 0.0
        return Result(round(share, 2), _activity(False, bool(read)))
    done = enrollment.completed_at is not None
    started = enrollment.started_at is not None
    return Result(float(enrollment.progress_percent), _activity(done, started))
