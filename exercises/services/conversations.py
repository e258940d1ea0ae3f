"""Starting a conversation and sending a reply in it; the grading side is in
``conversation_turns.py``."""

from __future__ import annotations

import uuid
from functools import partial

from django.db import transaction
from django.utils import timezone

from courses.models import Enrollment
from exercises.errors import SubmissionRejected
from exercises.grading import conversation as talk
from exercises.models import (
    Conversation,
    ConversationStatus,
    ConversationTurn,
    Exercise,
    ExerciseKind,
    Submission,
    SubmissionStatus,
)
from exercises.validation import clean_answer

from .grading_queue import submission_enqueue


@transaction.atomic
def conversation_start(
    *, enrollment: Enrollment, exercise: Exercise, client_token: uuid.UUID
) -> Conversation:
    """Open a new attempt at a conversation, from the customer's opening message.

    An attempt still open is given back unless it cannot go on (a reply could not be
    graded) or it is finished; then it is closed and a fresh one starts. Resending the
    same ``client_token`` returns the conversation it started. Learner pages call
    ``learning.services.practice.learner_conversation_start``, which checks the
    exercise is open to the learner.
    """
    enrollment = Enrollment.objects.select_for_update().select_related("user").get(pk=enrollment.pk)
    learner = enrollment.user
    existing = Conversation.objects.filter(learner=learner, client_token=client_token).first()
    if existing is not None:
        return existing
    if exercise.kind != ExerciseKind.CONVERSATION:
        raise SubmissionRejected("This exercise is not a conversation.")
    current = Conversation.objects.filter(
        learner=learner, exercise=exercise, status=ConversationStatus.OPEN
    ).first()
    if current is not None:
        if not _stuck(current):
            return current
        current.status, current.ended_at = ConversationStatus.ENDED, timezone.now()
        current.save(update_fields=["status", "ended_at"])
    script = talk.Script.from_dict(exercise.conversation)
    return Conversation.objects.create(
        exercise=exercise,
        enrollment=enrollment,
        learner=learner,
        attempt=Conversation.objects.filter(learner=learner, exercise=exercise).count() + 1,
        client_token=client_token,
        message=script.start,
    )


def _stuck(conversation: Conversation) -> bool:
    """A reply the grader gave up on: the customer will never answer it."""
    return conversation.turns.filter(submission__status=SubmissionStatus.FAILED).exists()


@transaction.atomic
def conversation_reply(
    *,
    enrollment: Enrollment,
    conversation: Conversation,
    client_token: uuid.UUID,
    answer_text: str,
) -> Submission:
    """Store the learner's reply to the customer's current message and queue its grading
    after commit. A double submit (same form, or a second tab) stores one reply."""
    enrollment = Enrollment.objects.select_for_update().select_related("user").get(pk=enrollment.pk)
    learner = enrollment.user
    existing = Submission.objects.filter(learner=learner, client_token=client_token).first()
    if existing is not None:
        return existing
    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk, learner=learner)
    if conversation.status != ConversationStatus.OPEN:
        raise SubmissionRejected("This conversation has ended. Start it again to practise more.")
    last = conversation.turns.order_by("-position").first()
    if last is not None and not last.is_answered:
        raise SubmissionRejected("Wait for the customer's answer to your last reply.")
    exercise = conversation.exercise
    submission = Submission.objects.create(
        exercise=exercise,
        enrollment=enrollment,
        learner=learner,
        attempt=Submission.objects.filter(learner=learner, exercise=exercise).count() + 1,
        client_token=client_token,
        answer_text=clean_answer(answer_text),
    )
    script = talk.Script.from_dict(exercise.conversation)
    ConversationTurn.objects.create(
        conversation=conversation,
        position=(last.position if last else 0) + 1,
        submission=submission,
        replied_to=conversation.message,
        mood_before=script.message(conversation.message).mood_value,
    )
    transaction.on_commit(partial(submission_enqueue, submission_id=submission.pk), robust=True)
    return submission
