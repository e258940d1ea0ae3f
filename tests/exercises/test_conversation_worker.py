"""A conversation played through a real Celery worker, Redis and PostgreSQL."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from exercises.models import Conversation, ConversationTurn, Grading
from exercises.services.grading_queue import submission_grade
from tests.exercises.conversations import BLAMING, SLUG, best_replies

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def reply(client: Client, conversation: Conversation, text: str) -> None:
    response = client.post(
        reverse("learning:conversation_reply", args=[conversation.pk]),
        {"answer": text, "client_token": str(uuid.uuid4())},
    )
    assert response.status_code == 302


def answered(conversation: Conversation, turns: int) -> str | None:
    """The panel, once the customer has answered the ``turns``-th reply."""
    done = ConversationTurn.objects.filter(
        conversation=conversation, position=turns, next_message__gt=""
    ).exists()
    return "yes" if done else None


def panel(client: Client, conversation: Conversation) -> str:
    url = reverse("learning:conversation_status", args=[conversation.pk])
    return client.get(url).content.decode()


def test_the_worker_grades_each_turn_and_rosa_answers_until_the_good_ending(
    celery_worker, talker, learner, wait_for
):
    client = Client()
    client.force_login(learner)
    start = reverse("learning:conversation_start", args=["conversation-practice", SLUG])
    client.post(start, {"client_token": str(uuid.uuid4())})
    conversation = Conversation.objects.get()
    replies = best_replies()

    reply(client, conversation, replies["opening"])
    first = panel(client, conversation)
    if 'data-state="typing"' in first:  # the worker has not answered yet: Rosa "types"
        assert "Rosa is typing…" in first and "hx-trigger" in first
    wait_for(lambda: answered(conversation, 1), message="the worker never graded turn 1")
    html = panel(client, conversation)
    assert "hx-trigger" not in html  # polling stops once Rosa has answered
    assert "stock for my candle stall." in html
    assert 'data-mood="calmer"' in html
    assert "Rosa calmed down because you named the three days of chasing" in html

    reply(client, conversation, replies["worry"])
    wait_for(lambda: answered(conversation, 2), message="the worker never graded turn 2")
    reply(client, conversation, replies["offer"])
    wait_for(lambda: answered(conversation, 3), message="the worker never graded turn 3")

    conversation.refresh_from_db()
    assert (conversation.status, conversation.outcome, conversation.passed) == (
        "ended", "good", True,
    )  # fmt: skip
    html = panel(client, conversation)
    assert "Passed: a good ending." in html and "You took it." in html


def test_a_redelivered_turn_changes_nothing(celery_worker, talker, learner, wait_for):
    client = Client()
    client.force_login(learner)
    start = reverse("learning:conversation_start", args=["conversation-practice", SLUG])
    client.post(start, {"client_token": str(uuid.uuid4())})
    conversation = Conversation.objects.get()
    reply(client, conversation, BLAMING)
    wait_for(lambda: answered(conversation, 1), message="the worker never graded the turn")
    turn = ConversationTurn.objects.get()

    assert submission_grade(submission_id=turn.submission_id) is False  # a second delivery
    conversation.refresh_from_db()
    assert conversation.message == "cold"
    assert Grading.objects.filter(submission_id=turn.submission_id).count() == 1
