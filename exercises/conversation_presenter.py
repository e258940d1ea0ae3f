"""What a conversation page shows: the transcript so far, whether the customer is
"typing", and once it has ended the review with its mood chart."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from exercises.grading import CRITERION_LABELS, RUBRICS
from exercises.grading import conversation as talk
from exercises.models import Conversation, ConversationTurn, Exercise, Submission, SubmissionStatus
from exercises.mood_chart import mood_chart
from exercises.presenters import poll_delay_ms


def _grading(submission: Submission) -> Any:
    gradings = getattr(submission, "current_gradings", None)
    return gradings[0] if gradings else None


def _record(turn: ConversationTurn) -> talk.TurnRecord:
    grading = _grading(turn.submission)
    levels = {c.criterion: c.level for c in grading.criteria.all()} if grading else {}
    flags = tuple(grading.flags) if grading else ()
    return talk.TurnRecord(turn.replied_to, levels, flags, turn.next_message, turn.reason)


def _customer(script: talk.Script, message_id: str, reason: str = "") -> dict[str, Any]:
    message = script.message(message_id)
    return {
        "who": "customer",
        "text": message.text,
        "mood": message.mood,
        "mood_value": message.mood_value,
        "reason": reason,
        "ending": message.ending,
    }


def transcript(script: talk.Script, turns: list[ConversationTurn]) -> list[dict[str, Any]]:
    """Customer messages and the learner's replies, in order."""
    entries = [_customer(script, script.start)]
    for turn in turns:
        grading = _grading(turn.submission)
        entries.append(
            {"who": "learner", "turn": turn, "submission": turn.submission, "grading": grading}
        )
        if turn.is_answered:
            entries.append(_customer(script, turn.next_message, turn.reason))
    return entries


def conversation_panel(exercise: Exercise, conversation: Conversation | None) -> dict[str, Any]:
    """Everything the conversation panel template needs, for the latest attempt."""
    script = talk.Script.from_dict(exercise.conversation)
    panel: dict[str, Any] = {"script": script, "conversation": conversation, "exercise": exercise}
    if conversation is None:
        return panel
    turns = list(conversation.turns.all())
    last = turns[-1] if turns else None
    waiting = last is not None and not last.is_answered
    # The turn and its submission are read by separate queries: one may already show the
    # grading and the other not yet the customer's answer. Until the answer is there (or
    # the grading failed for good) the customer is still "typing" and the page polls on.
    failed = waiting and last is not None and last.submission.status == SubmissionStatus.FAILED
    panel.update(
        entries=transcript(script, turns),
        typing=waiting and not failed,
        failed=failed,
        ended=not conversation.is_open and bool(conversation.outcome),
        poll_ms=poll_delay_ms(timezone.now() - last.submission.submitted_at) if last else None,
        turn_number=len(turns) + 1,
    )
    if panel["ended"]:
        panel["review"] = conversation_review(script, turns)
    return panel


def conversation_review(script: talk.Script, turns: list[ConversationTurn]) -> dict[str, Any]:
    result = talk.review(script, [_record(t) for t in turns])
    best_moods = [(f"Message {i + 1}", m.mood_value) for i, m in enumerate(result.best)]
    criteria = RUBRICS["customer_reply"]
    return {
        "result": result,
        "chart": mood_chart(result.moods, best_moods, customer=script.name),
        "criteria": [CRITERION_LABELS[c] for c in criteria],
        "levels": [
            {
                "position": t.position,
                "levels": [r.levels.get(c, 0) for c in criteria],
                "summary": getattr(_grading(t.submission), "summary", ""),
            }
            for t, r in zip(turns, [_record(t) for t in turns], strict=True)
        ],
    }
