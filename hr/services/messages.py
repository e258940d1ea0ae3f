"""The reminder ledger: every email is planned as a row with a unique key, claimed,
then sent — at most once, even if beat runs twice or a worker dies mid-send.

1. ``message_plan`` inserts the row; a second plan of the same key finds it and does
   nothing, so two beats (or a re-run) never make two messages.
2. ``messages_deliver`` claims a queued row with one conditional UPDATE (queued ->
   sending), committed *before* the email goes out, then sends and marks it sent.
   A sender that dies after the claim leaves the row in ``sending``: its outcome is
   unknown, and it is never sent again. A send the email backend *reports* as failed
   was not delivered, so it goes back to the queue (up to ``MAX_SEND_ATTEMPTS``).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from celery.exceptions import SoftTimeLimitExceeded
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from courses.models import Enrollment

from ..models import MessageStatus, ReminderMessage

logger = logging.getLogger(__name__)

MAX_SEND_ATTEMPTS = 3
# Below the task's 30 s soft time limit: what is left stays queued for the next run.
DELIVERY_BUDGET_SECONDS = 20.0


def message_plan(
    *,
    key: str,
    kind: str,
    recipient: User,
    subject: str,
    body: str,
    enrollment: Enrollment | None = None,
) -> tuple[ReminderMessage, bool]:
    """Record a message to send; returns ``(message, created)``. Planning a key that
    exists returns that row untouched."""
    try:
        with transaction.atomic():
            message = ReminderMessage.objects.create(
                key=key,
                kind=kind,
                enrollment=enrollment,
                recipient=recipient,
                organisation_id=recipient.organisation_id,
                to_email=recipient.email,
                subject=subject[:200],
                body=body,
                status=MessageStatus.QUEUED if recipient.email else MessageStatus.SKIPPED,
            )
            return message, True
    except IntegrityError:  # planned before, by this run or another one
        return ReminderMessage.objects.get(key=key), False


def planned_keys(keys: list[str]) -> set[str]:
    """Which of ``keys`` are already planned, so callers skip building their emails."""
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        found.update(ReminderMessage.objects.filter(key__in=chunk).values_list("key", flat=True))
    return found


def _claim(message_id: int) -> ReminderMessage | None:
    """Move one queued message to ``sending``; None if another sender got it first."""
    with transaction.atomic():
        claimed = ReminderMessage.objects.filter(pk=message_id, status=MessageStatus.QUEUED).update(
            status=MessageStatus.SENDING,
            claimed_at=timezone.now(),
            attempts=F("attempts") + 1,
        )
    if not claimed:
        return None
    return ReminderMessage.objects.get(pk=message_id)


def _send(message: ReminderMessage) -> None:
    EmailMessage(subject=message.subject, body=message.body, to=[message.to_email]).send()


@dataclass
class Delivery:
    sent: int = 0
    failed: int = 0
    left: int = 0  # still queued when the time budget ran out


def messages_deliver(
    *, limit: int = 1000, budget_seconds: float = DELIVERY_BUDGET_SECONDS
) -> Delivery:
    """Send queued messages, oldest first, each at most once."""
    report = Delivery()
    started = time.monotonic()
    queued = list(
        ReminderMessage.objects.filter(status=MessageStatus.QUEUED)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    for position, message_id in enumerate(queued):
        if time.monotonic() - started > budget_seconds:
            report.left = len(queued) - position
            break
        message = _claim(message_id)
        if message is None:
            continue
        try:
            _send(message)
        except SoftTimeLimitExceeded:
            # Celery is stopping this run in the middle of a send: its outcome is
            # unknown, so the row stays "sending" (never resent), like a worker that died.
            raise
        except Exception as error:  # the backend said no: nothing was delivered
            retry = message.attempts < MAX_SEND_ATTEMPTS
            ReminderMessage.objects.filter(pk=message.pk, status=MessageStatus.SENDING).update(
                status=MessageStatus.QUEUED if retry else MessageStatus.FAILED,
                error=f"{type(error).__name__}: {error}"[:2000],
            )
            logger.warning(
                "Could not send %s (attempt %s): %s", message.key, message.attempts, error
            )
            report.failed += 1
            continue
        ReminderMessage.objects.filter(pk=message.pk).update(
            status=MessageStatus.SENT, sent_at=timezone.now(), error=""
        )
        report.sent += 1
    return report
