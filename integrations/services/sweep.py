"""The periodic safety net: nothing is lost if a process died after commit."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.utils import timezone

from integrations.models import DeliveryStatus, WebhookDelivery
from integrations.webhooks.deliveries import delivery_queue
from integrations.xapi.services import statements_push_queue, statements_unpushed_stale
from lms.queueing import outbox_rows_to_resend

from .events import events_process, undispatched_event_ids
from .idempotency import idempotency_records_prune

logger = logging.getLogger(__name__)
GRACE = timedelta(minutes=1)


def integrations_sweep() -> dict[str, int]:
    """Process events nobody dispatched, re-queue deliveries whose message was lost or
    whose worker died, push statements still waiting, and forget old idempotency keys."""
    events = events_process(event_ids=undispatched_event_ids(older_than=GRACE))
    now = timezone.now()
    stale = outbox_rows_to_resend(
        WebhookDelivery.objects.all(),
        pending=DeliveryStatus.PENDING,
        sending=DeliveryStatus.SENDING,
        now=now,
        grace=GRACE,
    ).values_list("pk", flat=True)[:1000]
    requeued = 0
    for delivery_id in stale:
        delivery_queue(delivery_id)
        requeued += 1
    if statements_unpushed_stale():
        statements_push_queue()
    pruned = idempotency_records_prune()
    if events or requeued:
        logger.warning("Integrations sweep: %s events, %s deliveries re-queued", events, requeued)
    return {"events": events, "deliveries": requeued, "idempotency_keys_pruned": pruned}
