"""The worker's side of a conversation: grade a reply with the conversation so far as
context, then move the customer on along the branch the grading picks."""

from __future__ import annotations

from django.db.models import Avg
from django.utils import timezone

from exercises import grading as engine
from exercises.grading import conversation as talk
from exercises.models import Conversation, ConversationStatus, ConversationTurn, Submission

from .events import conversation_ended_event
from .exercise_progress import exercise_progress_record_conversation


def turn_of(submission: Submission) -> ConversationTurn | None:
    """The conversation turn ``submission`` is the reply of, if any."""
    if submission.exercise.kind != "conversation":
        return None
    turns = ConversationTurn.objects.select_related("conversation")
    return turns.filter(submission=submission).first()


def turn_grade(*, submission: Submission, turn: ConversationTurn) -> engine.GradingResult:
    """Grade one reply: the context is every customer message so far, and the learner's
    previous reply in this conversation may not come back unchanged."""
    exercise = submission.exercise
    script = talk.Script.from_dict(exercise.conversation)
    earlier_turns = list(
        ConversationTurn.objects.filter(
            conversation_id=turn.conversation_id, position__lt=turn.position
        ).select_related("submission")
    )
    said = [script.message(t.replied_to).text for t in earlier_turns]
    latest = script.message(turn.replied_to).text
    request = engine.GradingRequest(
        rubric="customer_reply",
        answer=submission.answer_text,
        context=talk.turns.conversation_context([*said, latest]),
        prompt=exercise.prompt_markdown,
        pass_mark=exercise.pass_mark,
        learner_style=submission.learner.communication_style or None,
        expected=exercise.expected,
        previous_answer=earlier_turns[-1].submission.answer_text if earlier_turns else "",
        # What the company knows and what the learner can offer: the facts a step may add.
        situation=" ".join((script.situation, *script.can_offer)).strip(),
    )
    return talk.grade_turn(request, latest=latest, earlier=said)


def turn_advance(*, turn: ConversationTurn, result: engine.GradingResult) -> None:
    """Choose the customer's next message from ``result`` and, at an ending, finish the
    conversation and record it as an attempt. Runs in the grading transaction, with the
    reply's submission locked; a turn already answered is left as it is."""
    if turn.is_answered:
        return
    conversation = Conversation.objects.select_for_update().get(pk=turn.conversation_id)
    script = talk.Script.from_dict(conversation.exercise.conversation)
    before = script.message(turn.replied_to)
    branch = talk.choose(before, talk.Outcome.from_result(result))
    after = script.message(branch.to)
    turn.next_message, turn.mood_after = after.id, after.mood_value
    turn.reason = talk.reason(script, before, branch, after)
    turn.save(update_fields=["next_message", "mood_after", "reason"])
    if conversation.status != ConversationStatus.OPEN or conversation.message != before.id:
        return  # started over meanwhile: the turn keeps its answer, nothing else moves
    conversation.message = after.id
    fields = ["message"]
    if after.is_ending:
        scores = Submission.objects.filter(conversation_turn__conversation=conversation)
        average = scores.aggregate(average=Avg("score"))["average"]
        conversation.status = ConversationStatus.ENDED
        conversation.outcome = after.ending
        conversation.passed = after.ending == "good"
        conversation.score = round(average or 0.0, 1)
        conversation.ended_at = timezone.now()
        fields += ["status", "outcome", "passed", "score", "ended_at"]
    conversation.save(update_fields=fields)
    if after.is_ending:
        exercise_progress_record_conversation(conversation=conversation)
        conversation_ended_event(conversation=conversation, last_reply=turn.submission)
