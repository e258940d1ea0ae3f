"""Fan-out of activity events: webhook deliveries and xAPI statements, exactly once."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from activity.models import Event
from integrations.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from integrations.webhooks.deliveries import delivery_queue
from integrations.xapi.services import statements_record

logger = logging.getLogger(__name__)


HELD = "Not sent: the endpoint was disabled."


def events_process(*, event_ids: list[str]) -> int:
    """Process each event once; return how many were new."""
    return sum(event_process(event_id=event_id) for event_id in event_ids)


@transaction.atomic
def event_process(*, event_id: str) -> bool:
    """Create the event's deliveries (one per matching subscription) and statements,
    mark it dispatched, and queue the sends after commit. Idempotent: the event row is
    locked and a dispatched event is skipped."""
    event = (
        Event.objects.select_for_update(of=("self",))
        .select_related("learner")
        .filter(pk=event_id)
        .first()
    )
    if event is None or event.dispatched_at is not None:
        return False
    subscriptions = WebhookSubscription.objects.filter(
        organisation__isnull=False, organisation=event.organisation_id
    )
    # A disabled endpoint's deliveries are kept as failed, not sent: enabling it again
    # can re-send what it missed.
    WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(subscription=s, event=event)
            if s.is_active
            else WebhookDelivery(
                subscription=s, event=event, status=DeliveryStatus.FAILED, last_error=HELD
            )
            for s in subscriptions
            if event.type in s.event_types
        ],
        ignore_conflicts=True,
    )
    for delivery_id in WebhookDelivery.objects.filter(
        event=event, status=DeliveryStatus.PENDING
    ).values_list("pk", flat=True):
        delivery_queue(delivery_id)
    statements_record(event=event)
    event.dispatched_at = timezone.now()
    event.save(update_fields=["dispatched_at"])
    return True


def undispatched_event_ids(*, older_than: timedelta = timedelta(minutes=1)) -> list[str]:
    cutoff = timezone.now() - older_than
    return [
        str(pk)
        for pk in Event.objects.filter(dispatched_at__isnull=True, occurred_at__lt=cutoff)
        .order_by("occurred_at")
        .values_list("pk", flat=True)[:1000]
    ]
