"""Keeping a learner's per-exercise standing current as attempts are graded."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from courses.models import Enrollment
from courses.services.progress import ProgressChange, enrollment_refresh_progress
from exercises.models import ExerciseProgress, Submission


@transaction.atomic
def exercise_progress_record(*, submission: Submission) -> ProgressChange:
    """Count the attempt, keep the best score, and when the exercise is passed for the
    first time refresh the course progress (which may unlock a stage or finish it)."""
    progress, _ = ExerciseProgress.objects.select_for_update().get_or_create(
        enrollment_id=submission.enrollment_id, exercise_id=submission.exercise_id
    )
    progress.attempts = Submission.objects.filter(
        enrollment_id=submission.enrollment_id, exercise_id=submission.exercise_id
    ).count()
    fields = ["attempts", "updated_at"]
    if submission.score is not None and (
        progress.best_score is None or submission.score > progress.best_score
    ):
        progress.best_score = submission.score
        fields.append("best_score")
    newly_passed = bool(submission.passed) and progress.passed_at is None
    if newly_passed:
        progress.passed_at = timezone.now()
        fields.append("passed_at")
    progress.save(update_fields=fields)
    if newly_passed:
        return enrollment_refresh_progress(enrollment_id=submission.enrollment_id)
    # Attempts and scores are part of the enrolment's progress record: touch it, so
    # integrators syncing with ``updated_since`` see the new attempt.
    Enrollment.objects.filter(pk=submission.enrollment_id).update(updated_at=timezone.now())
    return ProgressChange()
