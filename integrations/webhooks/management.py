"""Changing a subscription after it is made: its endpoint and events, its secret, a pause,
and re-sending what failed. Used by the API (the /integrations/ pages create, enable
and delete through ``subscriptions``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from integrations.errors import IntegrationError
from integrations.models import DeliveryStatus, WebhookSubscription

from .deliveries import delivery_resend
from .signing import secret_generate
from .subscriptions import event_types_checked
from .targets import webhook_target_check


@transaction.atomic
def webhook_subscription_update(
    *,
    subscription: WebhookSubscription,
    url: str | None = None,
    description: str | None = None,
    event_types: Iterable[str] | None = None,
) -> WebhookSubscription:
    """Change what is given (None: keep). A new URL is checked like a new subscription's."""
    fields = []
    if url is not None and url != subscription.url:
        webhook_target_check(url)
        subscription.url = url
        fields.append("url")
    if description is not None:
        subscription.description = description.strip()
        fields.append("description")
    if event_types is not None:
        subscription.event_types = event_types_checked(event_types)
        fields.append("event_types")
    if fields:
        subscription.save(update_fields=fields)
    return subscription


@transaction.atomic
def webhook_subscription_pause(*, subscription: WebhookSubscription, reason: str) -> None:
    """Stop sending until enabled again; events meanwhile are kept as failed deliveries,
    which enabling can re-send."""
    if not subscription.is_active:
        return
    subscription.is_active = False
    subscription.disabled_at = timezone.now()
    subscription.disabled_reason = reason
    subscription.save(update_fields=["is_active", "disabled_at", "disabled_reason"])


@transaction.atomic
def webhook_secret_rotate(*, subscription: WebhookSubscription) -> str:
    """A new signing secret, effective for the next attempt; returned once, never again."""
    subscription.secret = secret_generate()
    subscription.save(update_fields=["secret"])
    return subscription.secret


@transaction.atomic
def deliveries_resend_failed(*, subscription: WebhookSubscription, since: datetime) -> int:
    """Re-send every delivery of ``subscription`` created since ``since`` that failed for
    good, oldest first; each keeps its webhook-id and attempt history."""
    if not subscription.is_active:
        raise IntegrationError(
            "The endpoint is disabled; enable it (it can re-send what it missed).",
            code="subscription_disabled",
            status_code=409,
        )
    failed = subscription.deliveries.filter(status=DeliveryStatus.FAILED, created_at__gte=since)
    resent = 0
    for delivery in failed.order_by("created_at"):
        delivery_resend(delivery=delivery)
        resent += 1
    return resent
