"""Reads for exercise pages, always scoped to the learner asking."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from courses.models import Enrollment

from .models import (
    PENDING_STATUSES,
    Conversation,
    ConversationTurn,
    CriterionScore,
    Exercise,
    ExerciseProgress,
    Grading,
    Submission,
    SubmissionStatus,
)


def exercise_get(*, enrollment: Enrollment, slug: str) -> Exercise:
    return get_object_or_404(
        Exercise.objects.select_related("lesson__stage", "diagnostic", "revises").prefetch_related(
            "choices"
        ),
        course=enrollment.course,
        slug=slug,
        is_active=True,
    )


def _with_current_grading(queryset: QuerySet[Submission]) -> QuerySet[Submission]:
    return queryset.select_related("choice", "enrollment", "exercise__lesson").prefetch_related(
        Prefetch(
            "gradings",
            queryset=Grading.objects.filter(is_current=True).prefetch_related(
                Prefetch("criteria", queryset=CriterionScore.objects.order_by("position"))
            ),
            to_attr="current_gradings",
        )
    )


def submissions_for(*, learner: User, exercise: Exercise) -> QuerySet[Submission]:
    """The learner's attempts at ``exercise``, newest first, with their feedback."""
    return _with_current_grading(
        Submission.objects.filter(learner=learner, exercise=exercise).order_by("-attempt")
    )


def submission_get(*, learner: User, submission_id: int) -> Submission:
    """One of the learner's own submissions; anyone else's is a 404."""
    return get_object_or_404(
        _with_current_grading(Submission.objects.select_related("exercise__course")),
        pk=submission_id,
        learner=learner,
    )


def latest_submission(*, learner: User, exercise: Exercise) -> Submission | None:
    return submissions_for(learner=learner, exercise=exercise).first()


def exercise_progress_by_exercise(enrollment: Enrollment) -> dict[int, ExerciseProgress]:
    return {p.exercise_id: p for p in ExerciseProgress.objects.filter(enrollment=enrollment)}


def review_queue() -> QuerySet[Submission]:
    """Submissions waiting for a trainer, oldest first."""
    return (
        Submission.objects.filter(status=SubmissionStatus.NEEDS_REVIEW)
        .select_related("learner", "exercise__course")
        .prefetch_related(
            Prefetch(
                "gradings",
                queryset=Grading.objects.filter(is_current=True),
                to_attr="current_gradings",
            )
        )
        .order_by("graded_at")
    )


def grading_failures() -> QuerySet[Submission]:
    """Written answers the grader could not grade (crashed or timed out every attempt),
    oldest first: trainers grade them again once the cause is fixed."""
    return (
        Submission.objects.filter(status=SubmissionStatus.FAILED, exercise__kind="free_text")
        .select_related("learner", "exercise__course")
        .order_by("failed_at", "pk")
    )


def submission_for_review(submission_id: int) -> Submission:
    return get_object_or_404(
        _with_current_grading(Submission.objects.select_related("learner", "exercise__course")),
        pk=submission_id,
        exercise__kind="free_text",
        status__in=[SubmissionStatus.NEEDS_REVIEW, SubmissionStatus.GRADED],
    )


# Enough to catch a paragraph pasted across the course without reading a long history.
EARLIER_REPLIES_SCANNED = 200


def earlier_replies(*, submission: Submission) -> tuple[str, tuple[str, ...]]:
    """The learner's own earlier words a reply to a customer must not simply repeat:
    ``(the reply being revised, their latest reply to each other customer)``.

    Replies to the same customer message (an exercise and its revision) are not "other
    customers". One query, bounded, whatever the learner's history.
    """
    exercise = submission.exercise
    message = exercise.scenario.get("message", "")
    rows = (
        Submission.objects.filter(
            learner_id=submission.learner_id,
            exercise__rubric=exercise.rubric,
            submitted_at__lte=submission.submitted_at,
        )
        .exclude(pk=submission.pk)
        .order_by("-submitted_at", "-pk")
        .values_list("exercise_id", "answer_text", "exercise__scenario")[:EARLIER_REPLIES_SCANNED]
    )
    previous, others, seen = "", [], {exercise.pk}
    for exercise_id, text, scenario in rows:
        if exercise_id == exercise.revises_id and not previous:
            previous = text
        if exercise_id in seen:
            continue
        seen.add(exercise_id)
        if (scenario or {}).get("message", "") != message:
            others.append(text)
    return previous, tuple(others)


def submissions_waiting_by_status() -> dict[str, int]:
    """How many answers wait for a grade, per waiting state (every state present)."""
    counts = dict(
        Submission.objects.filter(status__in=PENDING_STATUSES)
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {str(status): counts.get(status, 0) for status in PENDING_STATUSES}


def grading_latency_seconds(submission_id: int) -> float | None:
    """Seconds from an answer stored to its grade stored; None if not graded."""
    row = Submission.objects.filter(pk=submission_id, graded_at__isnull=False).values_list(
        "submitted_at", "graded_at"
    )
    for submitted_at, graded_at in row:
        if graded_at is not None:
            return (graded_at - submitted_at).total_seconds()
    return None


def submission_has_failed(submission_id: int) -> bool:
    """Whether grading gave up on this answer (the learner was told)."""
    return Submission.objects.filter(pk=submission_id, status=SubmissionStatus.FAILED).exists()


def _with_turns(queryset: QuerySet[Conversation]) -> QuerySet[Conversation]:
    turns = _with_current_grading(
        Submission.objects.all()
    )  # each reply with its feedback, for the transcript and the review
    return queryset.select_related("exercise__course").prefetch_related(
        Prefetch(
            "turns",
            queryset=ConversationTurn.objects.order_by("position").prefetch_related(
                Prefetch("submission", queryset=turns)
            ),
        )
    )


def conversations_for(*, learner: User, exercise: Exercise) -> QuerySet[Conversation]:
    """The learner's attempts at a conversation, newest first, with every turn."""
    return _with_turns(
        Conversation.objects.filter(learner=learner, exercise=exercise).order_by("-attempt")
    )


def conversation_get(*, learner: User, conversation_id: int) -> Conversation:
    """One of the learner's own conversations; anyone else's is a 404."""
    return get_object_or_404(
        _with_turns(Conversation.objects.filter(exercise__is_active=True)),
        pk=conversation_id,
        learner=learner,
    )
