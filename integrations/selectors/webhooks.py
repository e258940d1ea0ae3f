"""Webhook subscriptions and deliveries as an integrator of one organisation sees them."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from integrations.models import WebhookAttempt, WebhookDelivery, WebhookSubscription


def subscriptions_of(organisation_id: int) -> QuerySet[WebhookSubscription]:
    return WebhookSubscription.objects.filter(organisation_id=organisation_id).order_by("pk")


def subscription_get(*, organisation_id: int, subscription_id: int) -> WebhookSubscription:
    if not 0 < subscription_id < 2**63:
        raise Http404("No such subscription.")
    return get_object_or_404(subscriptions_of(organisation_id), pk=subscription_id)


def deliveries_of(
    subscription: WebhookSubscription, *, status: str | None = None
) -> QuerySet[WebhookDelivery]:
    """A subscription's deliveries with their event and every attempt: three queries a
    page, however long the history."""
    rows = subscription.deliveries.all()
    if status:
        rows = rows.filter(status=status)
    return rows.select_related("event").prefetch_related(
        Prefetch("attempt_log", queryset=WebhookAttempt.objects.order_by("number"))
    )


def delivery_get(*, subscription: WebhookSubscription, delivery_id: int) -> WebhookDelivery:
    if not 0 < delivery_id < 2**63:
        raise Http404("No such delivery.")
    return get_object_or_404(deliveries_of(subscription), pk=delivery_id)
