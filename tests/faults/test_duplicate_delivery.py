"""The same message delivered twice: one grading, one event, one webhook."""

from __future__ import annotations

from collections import Counter

import pytest

from activity.models import Event, EventType
from exercises.models import FINAL_STATUSES, Grading, Submission
from integrations.models import DeliveryStatus, WebhookDelivery
from integrations.tasks import events_fan_out, webhook_send

from .helpers import ANSWERS, GRADE, answer, deliver_twice, queued, unacked

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def test_each_grading_message_delivered_twice_grades_once_and_notifies_once(
    cluster, receiver, learners, wait_for
):
    # Given answers waiting in the broker, each grading message there twice, side by side
    clients = learners(6)
    for round_ in range(3):
        for number, client in enumerate(clients):
            assert answer(client, ANSWERS[(number + round_) % 3]).status_code == 302
    submissions = set(Submission.objects.values_list("pk", flat=True))
    assert len(submissions) == 18
    deliver_twice(cluster.broker, GRADE)
    assert queued(cluster.broker) >= 2 * 18

    # When a worker with two processes takes them (each pair runs side by side)
    cluster.start_worker()

    # Then every answer is graded once and its webhook arrives once
    def settled() -> bool:  # all graded, and no message left waiting or running
        idle = queued(cluster.broker) == 0 and unacked(cluster.broker) == 0
        return idle and not Submission.objects.exclude(status__in=FINAL_STATUSES).exists()

    wait_for(settled, timeout=60, message="the answers were not all graded and delivered")
    # (both copies of a pair reached the grader at once: each counted an attempt)
    assert Submission.objects.filter(grading_attempts=2).exists()
    assert_once(submissions, receiver)

    # And delivering the fan-out and send messages again changes nothing either
    for event_id in Event.objects.values_list("pk", flat=True):
        events_fan_out.delay([str(event_id)])
        events_fan_out.delay([str(event_id)])
    for delivery_id in WebhookDelivery.objects.values_list("pk", flat=True):
        webhook_send.delay(delivery_id)
        webhook_send.delay(delivery_id)
    wait_for(lambda: queued(cluster.broker) == 0 and unacked(cluster.broker) == 0)
    assert_once(submissions, receiver)


def assert_once(submissions: set[int], receiver) -> None:
    gradings = Counter(Grading.objects.values_list("submission_id", flat=True))
    assert gradings == Counter(submissions)  # one grading each, no superseded extra
    events = Counter(
        e.data["submission_id"] for e in Event.objects.filter(type=EventType.SUBMISSION_GRADED)
    )
    assert events == Counter(submissions)
    assert WebhookDelivery.objects.count() == 18
    assert not WebhookDelivery.objects.exclude(status=DeliveryStatus.SUCCEEDED).exists()
    posts = Counter(post.data["submission_id"] for post in receiver.posts)
    assert posts == Counter(submissions)  # one POST each: nothing was resent
    assert receiver.rejected == 0
