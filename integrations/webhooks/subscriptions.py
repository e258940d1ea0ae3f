"""Webhook subscriptions: create (the signing secret is shown once), enable, delete."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet

from accounts.models import Organisation, User
from integrations.errors import IntegrationError
from integrations.models import (
    WEBHOOK_EVENT_TYPES,
    DeliveryStatus,
    WebhookDelivery,
    WebhookSubscription,
)

from .deliveries import delivery_resend
from .signing import secret_generate
from .targets import webhook_target_check


@dataclass(frozen=True)
class NewSubscription:
    subscription: WebhookSubscription
    secret: str


def event_types_checked(event_types: Iterable[str]) -> list[str]:
    """The event types, sorted, once each; none or an unknown one is refused."""
    types = sorted(set(event_types))
    if not types:
        raise IntegrationError("Choose at least one event type.")
    unknown = set(types) - {str(t) for t in WEBHOOK_EVENT_TYPES}
    if unknown:
        raise IntegrationError(f"Unknown event types: {', '.join(sorted(unknown))}.")
    return types


@transaction.atomic
def webhook_subscription_create(
    *,
    organisation: Organisation,
    url: str,
    event_types: Iterable[str],
    description: str = "",
    created_by: User | None = None,
) -> NewSubscription:
    types = event_types_checked(event_types)
    webhook_target_check(url)
    secret = secret_generate()
    subscription = WebhookSubscription.objects.create(
        organisation=organisation,
        url=url,
        description=description.strip(),
        event_types=types,
        secret=secret,
        created_by=created_by,
    )
    return NewSubscription(subscription, secret)


def failed_while_disabled(subscription: WebhookSubscription) -> QuerySet[WebhookDelivery]:
    """The deliveries that failed for good from the moment the endpoint was disabled
    (the one that disabled it, and every event it was not sent since)."""
    if subscription.disabled_at is None:
        return WebhookDelivery.objects.none()
    return subscription.deliveries.filter(
        status=DeliveryStatus.FAILED, updated_at__gte=subscription.disabled_at
    )


@transaction.atomic
def webhook_subscription_enable(
    *, subscription: WebhookSubscription, resend_failed: bool = False
) -> int:
    """Turn a subscription back on after it was disabled; failures start from zero. With
    ``resend_failed``, what failed while it was disabled is sent again (each keeps its
    webhook-id and attempt history). Returns how many deliveries were re-sent."""
    resent = 0
    if resend_failed:
        for delivery in failed_while_disabled(subscription).order_by("created_at"):
            delivery_resend(delivery=delivery)
            resent += 1
    subscription.is_active = True
    subscription.consecutive_failures = 0
    subscription.disabled_at = None
    subscription.disabled_reason = ""
    subscription.save(
        update_fields=["is_active", "consecutive_failures", "disabled_at", "disabled_reason"]
    )
    return resent


def webhook_subscription_delete(*, subscription: WebhookSubscription) -> None:
    subscription.delete()
