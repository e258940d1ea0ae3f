"""What a gradebook column shows for one learner: a snapshot of their result."""

from __future__ import annotations

from dataclasses import dataclass

from courses.models import Lesson, StageCompletion
from exercises.models import ExerciseProgress
from learning.path import viewed_lesson_ids

from ..models import GradeLink, TargetKind


@dataclass(frozen=True)
class Result:
    """An AGS score: out of 100; ``activity`` and ``grading`` are AGS's progress words."""

    score: float
    activity: str  # Initialized, Started, InProgress, Completed
    grading: str = "FullyGraded"  # the score is the learner's result as it stands now


def _activity(done: bool, started: bool) -> str:
    return "Completed" if done else ("InProgress" if started else "Initialized")


def result_of(link: GradeLink) -> Result:
    """The learner's current result for what the link launched."""
    enrollment = link.enrollment
    if link.target == TargetKind.EXERCISE and link.exercise_id is not None:
        progress = ExerciseProgress.objects.filter(
            enrollment=enrollment, exercise_id=link.exercise_id
        ).first()
        if progress is None:
            return Result(0.0, "Initialized")
        done = progress.passed_at is not None
        return Result(round(progress.best_score or 0.0, 2), _activity(done, progress.attempts > 0))
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
