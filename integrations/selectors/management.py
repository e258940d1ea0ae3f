"""Reads for the /integrations/ pages, always scoped to the HR user's organisation."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from integrations.models import ApiClient, WebhookDelivery, WebhookSubscription

DELIVERY_LOG_LENGTH = 50


def clients_of(user: User) -> QuerySet[ApiClient]:
    return ApiClient.objects.filter(organisation_id=_organisation_id(user)).select_related(
        "created_by"
    )


def client_get(*, user: User, client_id: int) -> ApiClient:
    return get_object_or_404(clients_of(user), pk=client_id)


def subscriptions_of(user: User) -> QuerySet[WebhookSubscription]:
    return WebhookSubscription.objects.filter(organisation_id=_organisation_id(user))


def subscription_get(*, user: User, subscription_id: int) -> WebhookSubscription:
    return get_object_or_404(subscriptions_of(user), pk=subscription_id)


def deliveries_of(subscription: WebhookSubscription) -> QuerySet[WebhookDelivery]:
    return subscription.deliveries.select_related("event").order_by("-created_at")[
        :DELIVERY_LOG_LENGTH
    ]


def delivery_get(*, user: User, delivery_id: int) -> WebhookDelivery:
    return get_object_or_404(
        WebhookDelivery.objects.select_related("subscription"),
        pk=delivery_id,
        subscription__organisation_id=_organisation_id(user),
    )


def _organisation_id(user: User) -> int:
    # The views let only people with an organisation in (accounts.access.may_manage_organisation).
    return user.organisation_id or 0
