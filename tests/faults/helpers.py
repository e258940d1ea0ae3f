"""Helpers of the fault tests: answers as a learner posts them, and broker probes."""

from __future__ import annotations

import json
import uuid

from django.conf import settings
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from .processes import RedisServer

STRONG_REPLY = (
    "Being charged twice right before your rent goes out on Friday must be really worrying, "
    "Dana. So the same order has left your card twice this week. I've refunded the second "
    "charge now and you will see it back by Thursday. Is the rent payment at risk, or is "
    "there anything else this has affected for you this week?"
)
ANSWERS = [
    STRONG_REPLY,
    "Sorry about that. I'll refund the extra charge. Anything else?",
    "You should check your statement before contacting us, refunds take 5-10 days.",
]
EXERCISE = "reply-double-charge"
GRADE = "exercises.tasks.grade_submission"  # the grading task's name in a message


def answer(client: Client, text: str = STRONG_REPLY, *, follow: bool = False) -> HttpResponse:
    """Post an answer the way the learner's form does (one fresh token per form)."""
    return client.post(
        reverse("learning:exercise_submit", args=["mini-empathy", EXERCISE]),
        {"answer": text, "client_token": str(uuid.uuid4())},
        follow=follow,
    )


def queued(server: RedisServer) -> int:
    """Messages waiting in the task queue."""
    return int(server.client.llen(settings.CELERY_TASK_DEFAULT_QUEUE))


def queued_tasks(server: RedisServer) -> list[str]:
    """The task name of every message waiting in the queue, oldest first."""
    raw = server.client.lrange(settings.CELERY_TASK_DEFAULT_QUEUE, 0, -1)
    return [json.loads(message)["headers"]["task"] for message in reversed(raw)]


def unacked(server: RedisServer) -> int:
    """Messages a worker has fetched and not yet acknowledged (kombu's Redis ledger)."""
    return int(server.client.hlen("unacked"))


def deliver_twice(server: RedisServer, task: str) -> None:
    """Put a second copy of each waiting ``task`` message right behind the first, as a
    broker redelivers one: same body, headers and task id, a new delivery tag."""
    client, queue = server.client, settings.CELERY_TASK_DEFAULT_QUEUE
    copies = []
    for raw in client.lrange(queue, 0, -1):  # newest first
        message = json.loads(raw)
        if message["headers"]["task"] == task:
            again = json.loads(raw)
            again["properties"]["delivery_tag"] = str(uuid.uuid4())
            copies.append(json.dumps(again))
        copies.append(raw)
    with client.pipeline() as pipe:
        pipe.delete(queue).rpush(queue, *copies).execute()
