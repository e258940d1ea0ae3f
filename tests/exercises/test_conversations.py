"""Conversations through the services and pages, grading run in-process (the worker's
code): the customer's next message follows the grading, the review, retries, HR."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from courses.models import Enrollment
from exercises.errors import SubmissionRejected
from exercises.models import (
    Conversation,
    ConversationTurn,
    Exercise,
    ExerciseProgress,
    Submission,
)
from exercises.services.conversations import conversation_reply, conversation_start
from exercises.services.grading_queue import submission_grade, submissions_sweep
from hr.selectors.skills import skill_matrix
from tests.exercises.conversations import BLAMING, SLUG, best_replies

pytestmark = pytest.mark.django_db


def exercise() -> Exercise:
    return Exercise.objects.get(slug=SLUG)


def say(enrollment: Enrollment, conversation: Conversation, text: str) -> Submission:
    submission = conversation_reply(
        enrollment=enrollment,
        conversation=conversation,
        client_token=uuid.uuid4(),
        answer_text=text,
    )
    submission_grade(submission_id=submission.pk)
    conversation.refresh_from_db()
    return submission


def page(client: Client) -> str:
    url = reverse("learning:exercise", args=["conversation-practice", SLUG])
    return client.get(url).content.decode()


@pytest.fixture
def client_for(learner: User) -> Client:
    client = Client()
    client.force_login(learner)
    return client


def test_the_best_replies_reach_the_good_ending_and_pass_the_exercise(talker: Enrollment) -> None:
    conversation = conversation_start(
        enrollment=talker, exercise=exercise(), client_token=uuid.uuid4()
    )
    replies = best_replies()
    for message in ("opening", "worry", "offer"):
        assert conversation.message == message
        say(talker, conversation, replies[message])

    assert conversation.status == "ended"
    assert (conversation.message, conversation.outcome, conversation.passed) == (
        "thanks", "good", True,
    )  # fmt: skip
    turns = list(conversation.turns.all())
    assert [t.next_message for t in turns] == ["worry", "offer", "thanks"]
    assert turns[0].reason == (
        "Rosa calmed down because you named the three days of chasing and said what you would do."
    )
    progress = ExerciseProgress.objects.get(enrollment=talker, exercise=exercise())
    assert progress.passed_at is not None and progress.attempts == 1


def test_a_blaming_reply_sends_rosa_cold_and_the_path_ends_poorly(
    talker: Enrollment, client_for: Client
) -> None:
    conversation = conversation_start(
        enrollment=talker, exercise=exercise(), client_token=uuid.uuid4()
    )
    say(talker, conversation, BLAMING)
    assert conversation.message == "cold"
    say(talker, conversation, "Rosa, I hear you. I know it is frustrating.")
    assert conversation.message == "last"
    say(talker, conversation, "Please wait, Rosa. These things happen and it will turn up.")

    assert (conversation.status, conversation.outcome, conversation.passed) == (
        "ended", "poor", False,
    )  # fmt: skip
    html = page(client_for)
    assert "Forget it. I&#x27;ll buy the stock somewhere else." in html
    assert "Rosa went quiet because your reply put the blame on her." in html
    assert "The best path" in html and 'class="chart mood-chart"' in html
    # The biggest change of mood: from guarded to angry after the second reply.
    assert "The turning point, reply 2:</span> Rosa became angry" in html
    assert "One thing to try next time:" in html
    assert "Leave out anything that could sound like blame" in html
    progress = ExerciseProgress.objects.get(enrollment=talker, exercise=exercise())
    assert progress.passed_at is None


def test_each_reply_is_graded_with_the_conversation_so_far(talker: Enrollment) -> None:
    conversation = conversation_start(
        enrollment=talker, exercise=exercise(), client_token=uuid.uuid4()
    )
    say(talker, conversation, best_replies()["opening"])
    # Rosa has just said the parcel is stock for Saturday's market: a reply about the
    # tracking alone, however kind, did not listen to her.
    ignoring = say(
        talker,
        conversation,
        "I'm sorry the tracking hasn't moved since Monday and you've had to chase it. I've "
        "asked the courier to deliver it to you on Friday morning and I'll message you by "
        "3pm today to confirm the time.",
    )
    grading = ignoring.gradings.get(is_current=True)
    assert "missed_last" in grading.flags
    assert "market" in grading.summary or "candle" in grading.summary
    levels = {c.criterion: c.level for c in grading.criteria.all()}
    assert levels["emotional_reaction"] <= 1 and levels["interpretation"] <= 1


def test_a_double_submit_stores_one_turn(talker: Enrollment) -> None:
    conversation = conversation_start(
        enrollment=talker, exercise=exercise(), client_token=uuid.uuid4()
    )
    token = uuid.uuid4()
    first = conversation_reply(
        enrollment=talker, conversation=conversation, client_token=token, answer_text="Hi Rosa."
    )
    again = conversation_reply(
        enrollment=talker, conversation=conversation, client_token=token, answer_text="Hi Rosa."
    )
    assert first.pk == again.pk
    with pytest.raises(SubmissionRejected, match="Wait for the customer"):
        conversation_reply(  # a second tab, with its own form, before Rosa has answered
            enrollment=talker,
            conversation=conversation,
            client_token=uuid.uuid4(),
            answer_text="Hello again.",
        )
    assert ConversationTurn.objects.count() == 1


def test_grading_a_turn_twice_moves_the_customer_once(talker: Enrollment) -> None:
    conversation = conversation_start(
        enrollment=talker, exercise=exercise(), client_token=uuid.uuid4()
    )
    submission = say(talker, conversation, best_replies()["opening"])
    assert submission_grade(submission_id=submission.pk) is False
    conversation.refresh_from_db()
    assert conversation.message == "worry"
    assert submission.gradings.count() == 1


def test_the_sweep_covers_a_stuck_turn(talker: Enrollment, monkeypatch, settings) -> None:
    queued: list[int] = []
    monkeypatch.setattr("exercises.tasks.grade_submission.delay", queued.append)
    settings.ATTUNE = {**settings.ATTUNE, "STUCK_AFTER_SECONDS": -1}
    conversation = conversation_start(
        enrollment=talker, exercise=exercise(), client_token=uuid.uuid4()
    )
    submission = conversation_reply(
        enrollment=talker, conversation=conversation, client_token=uuid.uuid4(), answer_text="Hi"
    )
    queued.clear()  # as if the first message was lost on the way

    assert submissions_sweep()["requeued"] == 1
    assert queued == [submission.pk]


def test_start_over_keeps_the_attempt_and_opens_a_new_one(
    talker: Enrollment, client_for: Client
) -> None:
    first = conversation_start(enrollment=talker, exercise=exercise(), client_token=uuid.uuid4())
    for _ in range(3):
        say(talker, first, BLAMING if first.message == "opening" else "Please wait.")
    assert first.status == "ended"
    url = reverse("learning:conversation_start", args=["conversation-practice", SLUG])
    token = str(uuid.uuid4())
    client_for.post(url, {"client_token": token})
    client_for.post(url, {"client_token": token})  # a double click starts one

    assert list(Conversation.objects.order_by("attempt").values_list("attempt", "status")) == [
        (1, "ended"),
        (2, "open"),
    ]
    html = page(client_for)
    assert "Conversation 2" in html and "Earlier conversations (1)" in html
    assert "My parcel was due on Monday" in html


def test_hr_sees_conversation_levels_in_the_skill_view_not_text(
    talker: Enrollment, learner: User
) -> None:
    conversation = conversation_start(
        enrollment=talker, exercise=exercise(), client_token=uuid.uuid4()
    )
    say(talker, conversation, best_replies()["opening"])

    matrix = skill_matrix(Enrollment.objects.filter(pk=talker.pk))
    assert "emotional_reaction" in matrix.criteria
    cell = matrix.overall("emotional_reaction")
    assert cell is not None and cell.samples == 1 and cell.average == 2


def test_a_conversation_cannot_be_answered_as_a_written_exercise(talker: Enrollment) -> None:
    from exercises.services.submissions import submission_create

    with pytest.raises(SubmissionRejected):
        submission_create(
            enrollment=talker, exercise=exercise(), client_token=uuid.uuid4(), answer_text="Hi"
        )


def test_a_grading_seen_before_the_customers_answer_still_shows_typing(
    talker: Enrollment, client_for: Client
) -> None:
    """The panel reads the turn and its grading in separate queries; between the two the
    worker may commit. The page must keep polling, not offer the next reply box."""
    conversation = conversation_start(
        enrollment=talker, exercise=exercise(), client_token=uuid.uuid4()
    )
    submission = conversation_reply(
        enrollment=talker, conversation=conversation, client_token=uuid.uuid4(), answer_text="Hi"
    )
    Submission.objects.filter(pk=submission.pk).update(status="graded", score=50)

    html = client_for.get(
        reverse("learning:conversation_status", args=[conversation.pk])
    ).content.decode()
    assert "Rosa is typing…" in html and "hx-trigger" in html
    assert "Send reply" not in html


def test_integrators_hear_of_the_ended_conversation_not_of_each_reply(
    talker: Enrollment,
) -> None:
    from activity.models import Event

    conversation = conversation_start(
        enrollment=talker, exercise=exercise(), client_token=uuid.uuid4()
    )
    replies = best_replies()
    say(talker, conversation, replies["opening"])
    say(talker, conversation, replies["worry"])
    assert not Event.objects.filter(type="submission.graded").exists()
    say(talker, conversation, replies["offer"])

    event = Event.objects.get(type="submission.graded")
    assert event.data["exercise_kind"] == "conversation"
    assert (event.data["passed"], event.data["outcome"]) == (True, "good")
    assert event.data["score"] == conversation.score
    assert replies["offer"][:40] not in str(event.data)  # levels and scores, never text
