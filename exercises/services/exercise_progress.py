"""Keeping a learner's per-exercise standing current as attempts are graded."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from courses.services.freshness import enrollments_touch
from exercises.models import Conversation, ExerciseKind, ExerciseProgress, Submission
from exercises.signals import exercise_passed


def exercise_progress_record(*, submission: Submission) -> None:
    """Count the attempt, keep the best score, and when the exercise is passed for the
    first time announce it (``exercise_passed``): the course progress it changes, which
    may unlock a stage or finish the course, is refreshed in this transaction.

    A reply in a conversation is not an attempt at the exercise: the conversation is
    (see :func:`exercise_progress_record_conversation`), so turns change nothing here.
    """
    if submission.exercise.kind == ExerciseKind.CONVERSATION:
        return
    attempts = Submission.objects.filter(
        enrollment_id=submission.enrollment_id, exercise_id=submission.exercise_id
    ).count()
    _record(
        enrollment_id=submission.enrollment_id,
        exercise_id=submission.exercise_id,
        attempts=attempts,
        score=submission.score,
        passed=bool(submission.passed),
    )


def exercise_progress_record_conversation(*, conversation: Conversation) -> None:
    """The same for a conversation that has ended: an attempt is a whole conversation
    (never a single reply), and it passes when it reached a good ending."""
    attempts = Conversation.objects.filter(
        enrollment_id=conversation.enrollment_id, exercise_id=conversation.exercise_id
    ).count()
    _record(
        enrollment_id=conversation.enrollment_id,
        exercise_id=conversation.exercise_id,
        attempts=attempts,
        score=conversation.score,
        passed=bool(conversation.passed),
    )


@transaction.atomic
def _record(
    *, enrollment_id: int, exercise_id: int, attempts: int, score: float | None, passed: bool
) -> None:
    progress, _ = ExerciseProgress.objects.select_for_update().get_or_create(
        enrollment_id=enrollment_id, exercise_id=exercise_id
    )
    progress.attempts = attempts
    fields = ["attempts", "updated_at"]
    if score is not None and (progress.best_score is None or score > progress.best_score):
        progress.best_score = score
        fields.append("best_score")
    newly_passed = passed and progress.passed_at is None
    if newly_passed:
        progress.passed_at = timezone.now()
        fields.append("passed_at")
    progress.save(update_fields=fields)
    if newly_passed:
        exercise_passed.send(sender=ExerciseProgress, enrollment_id=enrollment_id)
        return
    # Attempts and scores are part of the enrolment's progress record: touch it, so
    # integrators syncing with ``updated_since`` see the new attempt. (A pass refreshes
    # the course progress, which saves the enrolment.)
    enrollments_touch(enrollment_ids=[enrollment_id])


def exercise_progress_reset(*, enrollment_id: int) -> None:
    """Recertification: nothing in this enrolment counts as passed any more. The
    attempt counts stay, as every attempt and grading does."""
    ExerciseProgress.objects.filter(enrollment_id=enrollment_id).update(
        passed_at=None, best_score=None, updated_at=timezone.now()
    )
