"""Conversations survive a killed worker and duplicate messages: every reply is graded
once, and every customer moves on once, to the same ending."""

from __future__ import annotations

import uuid
from collections import Counter

import pytest
from django.test import Client
from django.urls import reverse

from activity.models import Event, EventType
from exercises.models import Conversation, ConversationTurn, Grading, Submission
from tests.exercises.conversations import SLUG, best_replies, start_enrollment
from tests.factories import UserFactory

from .helpers import GRADE, deliver_twice, queued, queued_tasks, unacked

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

LEARNERS = 8
PATH = ("opening", "worry", "offer")  # Rosa's best path: three replies, a good ending


def talkers(count: int) -> list[tuple[Client, Conversation]]:
    pairs = []
    for _ in range(count):
        user = UserFactory(username=f"t-{uuid.uuid4().hex[:10]}")
        start_enrollment(user)
        client = Client()
        client.force_login(user)
        start = reverse("learning:conversation_start", args=["conversation-practice", SLUG])
        assert client.post(start, {"client_token": str(uuid.uuid4())}).status_code == 302
        pairs.append((client, Conversation.objects.get(learner=user)))
    return pairs


def reply_all(pairs: list[tuple[Client, Conversation]], text: str) -> None:
    for client, conversation in pairs:
        response = client.post(
            reverse("learning:conversation_reply", args=[conversation.pk]),
            {"answer": text, "client_token": str(uuid.uuid4())},
        )
        assert response.status_code == 302


def answered(turn: int) -> bool:
    done = ConversationTurn.objects.filter(position=turn).exclude(next_message="").count()
    return done == LEARNERS


def test_replies_are_graded_once_and_rosa_answers_once_despite_kills_and_duplicates(
    cluster, wait_for
):
    # Given learners in Rosa's conversation, beat sweeping, and a worker
    pairs = talkers(LEARNERS)
    replies = best_replies()
    cluster.start_beat()
    worker = cluster.start_worker()

    # When the worker is SIGKILLed holding first replies (a new one takes over)
    reply_all(pairs, replies[PATH[0]])
    wait_for(lambda: unacked(cluster.broker) > 0, message="the worker never held a reply")
    worker.kill()
    worker = cluster.start_worker()
    wait_for(lambda: answered(1), timeout=90, message="first replies lost with the worker")

    # And its pool is SIGKILLed holding second replies
    reply_all(pairs, replies[PATH[1]])
    wait_for(lambda: unacked(cluster.broker) > 0, message="the worker never held a reply")
    worker.kill_pool()
    wait_for(lambda: answered(2), timeout=90, message="second replies lost with the pool")

    # And every third reply's grading message arrives twice, side by side
    worker.kill()
    stranded = unacked(cluster.broker)  # left by the killed workers until their timeout
    reply_all(pairs, replies[PATH[2]])
    deliver_twice(cluster.broker, GRADE)
    waiting = queued_tasks(cluster.broker)
    assert waiting.count(GRADE) >= 2 * LEARNERS, (  # what was where, should this ever fail
        waiting,
        unacked(cluster.broker),
        list(Submission.objects.order_by("pk").values_list("pk", "status", "queued_at")),
    )
    cluster.start_worker()
    wait_for(lambda: answered(3), timeout=90, message="third replies were not all graded")
    wait_for(
        lambda: queued(cluster.broker) == 0 and unacked(cluster.broker) <= stranded,
        message="the duplicate messages were not all handled",
    )

    # Then each reply is one turn with one grading, and every conversation ended well once
    turns = Counter(ConversationTurn.objects.values_list("conversation_id", "position"))
    assert set(turns.values()) == {1} and len(turns) == 3 * LEARNERS
    replies_stored = set(Submission.objects.values_list("pk", flat=True))
    assert Counter(Grading.objects.values_list("submission_id", flat=True)) == Counter(
        replies_stored
    )
    paths = {
        tuple(c.turns.order_by("position").values_list("next_message", flat=True))
        for c in Conversation.objects.all()
    }
    assert paths == {("worry", "offer", "thanks")}
    assert set(Conversation.objects.values_list("status", "outcome", "passed")) == {
        ("ended", "good", True)
    }
    ended = Event.objects.filter(type=EventType.SUBMISSION_GRADED)
    assert Counter(e.data["conversation_id"] for e in ended) == Counter(
        Conversation.objects.values_list("pk", flat=True)
    )
