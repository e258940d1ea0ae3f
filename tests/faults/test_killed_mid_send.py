"""Workers SIGKILLed in the middle of a send.

Reminders are *at most once*: a message whose send was cut off stays "sending" and is
never sent again, while the rest still go out. Webhooks are *at least once*: the
delivery is retried once its lease runs out, with the same ``webhook-id``, and after
it succeeds nothing is sent again.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from courses.services.assignments import enrollment_assign
from exercises.models import Submission
from hr.models import MessageStatus, ReminderMessage
from hr.tasks import send_due_reminders
from integrations.models import DeliveryStatus, WebhookDelivery
from integrations.webhooks.deliveries import LEASE
from tests.factories import UserFactory

from .helpers import answer, queued, unacked
from .processes import SWEEP_INTERVAL
from .receivers import SmtpServer

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

LEARNERS = 5
SOFT_LIMIT = 2  # seconds: the reminder run's time limit, when Celery interrupts it


@pytest.mark.parametrize("cut_off_by", ["SIGKILL to the pool", "SIGKILL", "soft time limit"])
def test_a_reminder_cut_off_mid_send_is_never_sent_twice(cut_off_by, cluster, course, wait_for):
    # Given five learners due in three days, and a worker sending email over SMTP
    people = [UserFactory(username=f"due-{n}") for n in range(LEARNERS)]
    for person in people:
        enrollment_assign(
            learner=person, course=course, due_at=timezone.now() + timedelta(days=3),
            assigned_by=None,
        )  # fmt: skip
    with SmtpServer() as smtp:
        cluster.env |= {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp.port),
        }
        worker = cluster.start_worker()
        hold = smtp.hold_next(skip=1)
        stranded = 0

        # When beat's reminder run is cut off while the second email is being sent
        send_due_reminders.apply_async(soft_time_limit=SOFT_LIMIT if "soft" in cut_off_by else None)
        assert hold.arrived.wait(20), "the reminder run never reached the SMTP server"
        held = smtp.recipients()[-1]
        if cut_off_by == "SIGKILL to the pool":  # the task is requeued, runs again at once
            assert worker.kill_pool() == 2
        elif cut_off_by == "SIGKILL":  # the task is stranded; a new worker takes over
            worker.kill()
            stranded = unacked(cluster.broker)
            cluster.start_worker()
        else:  # Celery interrupts the task (SoftTimeLimitExceeded) in the middle of it
            wait_for(
                lambda: "Soft time limit" in worker.log.read_text(errors="replace"),
                timeout=SOFT_LIMIT + 30,
                message="the soft time limit never interrupted the reminder run",
            )
        hold.release.set()

        # Then the others go out (at the latest with beat's next run), and the one cut
        # off stays "sending": it may have been delivered, so it is never sent again
        send_due_reminders.delay()
        wait_for(lambda: sent() >= LEARNERS - 1, message="the other reminders never went out")
        wait_for(lambda: queued(cluster.broker) == 0 and unacked(cluster.broker) == stranded)
        everyone = Counter(person.email for person in people)
        wait_for(lambda: Counter(smtp.recipients()) == everyone, message="emails missing")
        recipients = smtp.recipients()

    assert Counter(recipients) == everyone
    cut_off = ReminderMessage.objects.get(status=MessageStatus.SENDING)
    assert cut_off.to_email == held
    assert sent() == LEARNERS - 1
    assert set(ReminderMessage.objects.values_list("attempts", flat=True)) == {1}


def sent() -> int:
    return ReminderMessage.objects.filter(status=MessageStatus.SENT).count()


def test_a_webhook_cut_off_mid_send_is_retried_with_the_same_id(
    cluster, receiver, learners, wait_for
):
    # Given a worker, beat's sweeps, and a receiver that takes the first POST and hangs
    client = learners(1)[0]
    worker = cluster.start_worker()
    cluster.start_beat()
    hold = receiver.hold_next()

    # When an answer is graded and the worker is killed while its webhook is being sent
    assert answer(client).status_code == 302
    assert hold.arrived.wait(30), "the webhook never reached the receiver"
    worker.kill()
    cluster.start_worker()
    hold.release.set()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.SENDING

    # Then once the send's lease has run out, a sweep retries it and it succeeds
    wait_for(
        lambda: WebhookDelivery.objects.filter(status=DeliveryStatus.SUCCEEDED).exists(),
        timeout=LEASE.total_seconds() + SWEEP_INTERVAL + 120,  # a minute's lease, and load
        message="the cut-off webhook was never retried",
    )
    # and two later sweeps (so one started after the success) send nothing more
    sweeps = cluster.runs("integrations.tasks.sweep_integrations")
    wait_for(
        lambda: cluster.runs("integrations.tasks.sweep_integrations") >= sweeps + 2,
        timeout=3 * SWEEP_INTERVAL + 30,
        message="beat's sweeps stopped",
    )

    # And the receiver saw the same delivery twice (same webhook-id), not two deliveries
    delivery.refresh_from_db()
    webhook_id = f"msg_{delivery.message_id.hex}"
    assert [post.webhook_id for post in receiver.posts] == [webhook_id, webhook_id]
    assert {post.data["submission_id"] for post in receiver.posts} == {Submission.objects.get().pk}
    assert (delivery.attempts, delivery.response_code) == (2, 204)
    assert receiver.rejected == 0
