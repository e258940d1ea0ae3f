"""Nothing lost, nothing doubled: 500 answers graded while workers are SIGKILLed.

Killing the pool children makes the main process requeue their tasks at once
(``reject_on_worker_lost``). Killing the whole worker leaves what it had fetched
unacknowledged in Redis, where it would wait out the hour-long visibility timeout:
the beat sweeps must recover it well before that.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable

import pytest

from activity.models import Event, EventType
from exercises.models import PENDING_STATUSES, Grading, Submission, SubmissionStatus
from integrations.models import DeliveryStatus, WebhookDelivery
from tests.waiting import wait_until

from .helpers import ANSWERS, answer, unacked
from .processes import SWEEP_INTERVAL, CeleryProcess, Cluster

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

ANSWER_COUNT = 500
LEARNERS = 20
# After this many answers, kill: the whole worker, its pool, the worker, its pool, the worker.
KILL_AFTER = [60, 140, 220, 300, 380]
# What a killed worker stranded stays unacknowledged in Redis for the hour-long visibility
# timeout: only the sweeps can bring it back sooner. The integrations sweep leaves a
# minute's grace (and a send lease lasts a minute) before it takes over, and the worker
# must also work through the backlog of 500 answers, whose pace depends on the machine's
# load: the deadline is far above a minute and far below the hour.
RECOVERY = 300


class Killer(threading.Thread):
    """SIGKILLs the worker while it holds work, after each threshold of answers; used
    as a context manager around the answering, which it outlives."""

    def __init__(self, cluster: Cluster, submitted: Callable[[], int]) -> None:
        super().__init__(daemon=True)
        self.cluster, self.submitted = cluster, submitted
        self.worker: CeleryProcess = cluster.start_worker()
        self.stranded = 0  # messages left unacknowledged by killed workers
        self.pool_kills: list[int] = []  # children killed, per pool kill
        self.error: BaseException | None = None
        self.stopping = threading.Event()  # the test failed: start no more workers

    def run(self) -> None:
        try:
            for number, threshold in enumerate(KILL_AFTER):
                while self.submitted() < threshold:
                    if self.stopping.wait(0.01):
                        return
                self.worker.wait_ready()
                self._wait_until_busy()
                if number % 2 == 0:
                    self.worker.kill()
                    self.stranded = unacked(self.cluster.broker)
                    self.worker = self.cluster.start_worker(wait=False)
                else:
                    self.pool_kills.append(self.worker.kill_pool())
            self.worker.wait_ready()
        except BaseException as error:  # re-raised by the test
            self.error = error

    def _wait_until_busy(self) -> None:
        wait_until(
            lambda: unacked(self.cluster.broker) > self.stranded,
            timeout=10,
            what="the worker to hold a message",
            interval=0.002,
        )

    def __enter__(self) -> Killer:
        self.start()
        return self

    def __exit__(self, failed: object, *_: object) -> None:
        if failed:
            self.stopping.set()
        self.join(timeout=60)
        assert not self.is_alive(), "the killer thread is stuck"
        if self.error and not failed:
            raise self.error


@pytest.mark.timeout(RECOVERY + 300)  # the answering and the recovery's deadline
def test_every_answer_is_graded_and_notified_exactly_once_despite_sigkills(
    cluster, receiver, learners, wait_for
):
    # Given learners, a webhook receiver subscribed to their gradings, and beat
    clients = learners(LEARNERS)
    cluster.start_beat()
    count = 0

    # When they submit 500 answers through the site while the worker is killed 5 times
    with Killer(cluster, lambda: count) as killer:
        for count in range(1, ANSWER_COUNT + 1):
            response = answer(clients[count % LEARNERS], ANSWERS[count % len(ANSWERS)])
            assert response.status_code == 302
    # (the kills hit work in flight: messages stranded by a dead worker, pools lost)
    assert killer.stranded > 0 and len(killer.pool_kills) == 2 and all(killer.pool_kills)

    # Then the sweeps recover everything: graded and delivered long before the hour
    submissions = set(Submission.objects.values_list("pk", flat=True))
    assert len(submissions) == ANSWER_COUNT
    try:
        wait_for(settled, timeout=RECOVERY)
    except AssertionError:
        pytest.fail(f"{RECOVERY}s after the faults: {progress()}")
    # and two more sweeps (so one whole sweep and its checkpoint ran after) change nothing
    checkpoints = cluster.runs("exercises.tasks.requeue_lost_submissions")
    wait_for(
        lambda: cluster.runs("exercises.tasks.requeue_lost_submissions") >= checkpoints + 2,
        timeout=3 * SWEEP_INTERVAL + 30,
        message="beat's sweeps stopped",
    )

    # And each answer has exactly one grading, one event, one delivery, one webhook-id
    assert not Submission.objects.exclude(
        status__in=[SubmissionStatus.GRADED, SubmissionStatus.NEEDS_REVIEW]
    ).exists()
    assert Counter(Grading.objects.values_list("submission_id", flat=True)) == Counter(submissions)
    graded_events = Event.objects.filter(type=EventType.SUBMISSION_GRADED)
    assert Counter(e.data["submission_id"] for e in graded_events) == Counter(submissions)
    deliveries = {
        d.event.data["submission_id"]: f"msg_{d.message_id.hex}"
        for d in WebhookDelivery.objects.select_related("event")
    }
    assert len(deliveries) == WebhookDelivery.objects.count() == ANSWER_COUNT
    assert not WebhookDelivery.objects.exclude(status=DeliveryStatus.SUCCEEDED).exists()
    # A send cut off by a kill may be repeated, always with its delivery's webhook-id.
    assert receiver.ids_by("submission_id") == {pk: {deliveries[pk]} for pk in submissions}
    assert receiver.rejected == 0


def settled() -> bool:
    """No answer waits for grading, no event for dispatch, no webhook for delivery."""
    return not (
        Submission.objects.filter(status__in=PENDING_STATUSES).exists()
        or Event.objects.filter(dispatched_at__isnull=True).exists()
        or WebhookDelivery.objects.exclude(status=DeliveryStatus.SUCCEEDED).exists()
    )


def progress() -> str:
    pending = Submission.objects.filter(status__in=PENDING_STATUSES).count()
    undispatched = Event.objects.filter(dispatched_at__isnull=True).count()
    undelivered = WebhookDelivery.objects.exclude(status=DeliveryStatus.SUCCEEDED).count()
    return f"{pending} answers pending, {undispatched} events, {undelivered} webhooks"
