"""The events the exercises app records: ids and scores, never answer text."""

from __future__ import annotations

from activity.models import EventType
from activity.services import event_record
from exercises.models import Conversation, ExerciseKind, Grading, Submission


def submission_graded_event(*, submission: Submission, grading: Grading) -> None:
    exercise = submission.exercise
    if exercise.kind == ExerciseKind.CONVERSATION:
        return  # one reply is not a result: the conversation's end is (see below)
    event_record(
        type=EventType.SUBMISSION_GRADED,
        learner=submission.learner,
        data={
            "submission_id": submission.pk,
            "enrollment_id": submission.enrollment_id,
            "course": exercise.course.slug,
            "exercise": exercise.slug,
            "exercise_kind": exercise.kind,
            "attempt": submission.attempt,
            "status": submission.status,
            "score": submission.score,
            "passed": submission.passed,
            "grader_version": grading.grader_version,
            "source": grading.source,
            "criteria": {c.criterion: c.level for c in grading.criteria.all()},
        },
    )


def conversation_ended_event(*, conversation: Conversation, last_reply: Submission) -> None:
    """A finished conversation, published like a graded attempt: its score is the mean of
    the replies', it passes on a good ending, and its criteria are the last reply's levels."""
    exercise = conversation.exercise
    grading = last_reply.gradings.filter(is_current=True).first()
    event_record(
        type=EventType.SUBMISSION_GRADED,
        learner=conversation.learner,
        data={
            "submission_id": last_reply.pk,
            "conversation_id": conversation.pk,
            "enrollment_id": conversation.enrollment_id,
            "course": exercise.course.slug,
            "exercise": exercise.slug,
            "exercise_kind": exercise.kind,
            "attempt": conversation.attempt,
            "status": last_reply.status,
            "score": conversation.score,
            "passed": conversation.passed,
            "outcome": conversation.outcome,
            "grader_version": last_reply.grader_version,
            "source": grading.source if grading else "grader",
            "criteria": {c.criterion: c.level for c in grading.criteria.all()} if grading else {},
        },
    )
