"""Webhook subscriptions by API: list, create, read, change, pause or enable, delete,
and rotate the signing secret. Deliveries are in ``webhook_deliveries``."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from integrations.models import WEBHOOK_EVENT_TYPES, Scope, WebhookSubscription
from integrations.selectors.webhooks import subscription_get, subscriptions_of
from integrations.webhooks.management import (
    webhook_secret_rotate,
    webhook_subscription_pause,
    webhook_subscription_update,
)
from integrations.webhooks.subscriptions import (
    webhook_subscription_create,
    webhook_subscription_delete,
    webhook_subscription_enable,
)

from .base import IntegratorApi
from .docs import errors

EVENT_TYPES = [str(t) for t in WEBHOOK_EVENT_TYPES]


class WebhookSubscriptionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.URLField()
    description = serializers.CharField(allow_blank=True)
    event_types = serializers.ListField(child=serializers.ChoiceField(choices=EVENT_TYPES))
    is_active = serializers.BooleanField(
        help_text="false: disabled (after persistent failures, or paused); events meanwhile "
        "are kept as failed deliveries."
    )
    disabled_at = serializers.DateTimeField(allow_null=True)
    disabled_reason = serializers.CharField(allow_blank=True)
    consecutive_failures = serializers.IntegerField()
    created_at = serializers.DateTimeField()


class NewWebhookSubscriptionSerializer(WebhookSubscriptionSerializer):
    secret = serializers.CharField(
        help_text="`whsec_…`: verify signatures with it. Shown now and never again."
    )


class WebhookSecretSerializer(serializers.Serializer):
    secret = serializers.CharField(help_text="The new `whsec_…` secret, shown once.")


class UpdatedWebhookSubscriptionSerializer(WebhookSubscriptionSerializer):
    resent = serializers.IntegerField(
        help_text="Deliveries queued again by enabling with `resend_failed`."
    )


def _represent(subscription: WebhookSubscription, **extra: Any) -> dict[str, Any]:
    return {**WebhookSubscriptionSerializer(subscription).data, **extra}


class WebhookListApi(IntegratorApi):
    required_scopes = {"*": Scope.WEBHOOKS_MANAGE}

    class WebhookCreateInput(serializers.Serializer):
        url = serializers.URLField(max_length=500, help_text="http(s); a public address.")
        description = serializers.CharField(max_length=200, required=False, default="")
        event_types = serializers.ListField(
            child=serializers.ChoiceField(choices=EVENT_TYPES), min_length=1
        )

    @extend_schema(
        operation_id="webhooks_list",
        summary="List webhook subscriptions",
        responses={200: WebhookSubscriptionSerializer(many=True), **errors(403)},
    )
    def get(self, request: Request) -> Response:
        subscriptions = subscriptions_of(self.organisation_id)
        return Response(WebhookSubscriptionSerializer(subscriptions, many=True).data)

    @extend_schema(
        operation_id="webhooks_create",
        summary="Subscribe an endpoint",
        description="The response holds the signing secret: the only time it is shown.",
        request=WebhookCreateInput,
        responses={201: NewWebhookSubscriptionSerializer, **errors(400, 403, 415)},
    )
    def post(self, request: Request) -> Response:
        data = self.WebhookCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        made = webhook_subscription_create(
            organisation=self.client.organisation, **data.validated_data
        )
        return Response(_represent(made.subscription, secret=made.secret), status=201)


class WebhookDetailApi(IntegratorApi):
    required_scopes = {"*": Scope.WEBHOOKS_MANAGE}

    class WebhookUpdateInput(serializers.Serializer):
        url = serializers.URLField(max_length=500, required=False)
        description = serializers.CharField(max_length=200, required=False, allow_blank=True)
        event_types = serializers.ListField(
            child=serializers.ChoiceField(choices=EVENT_TYPES), min_length=1, required=False
        )
        is_active = serializers.BooleanField(
            required=False, help_text="false pauses the endpoint; true enables it again."
        )
        resend_failed = serializers.BooleanField(
            required=False,
            default=False,
            help_text="With `is_active: true` on a disabled endpoint: also re-send what "
            "failed while it was disabled.",
        )

    def subscription(self, subscription_id: int) -> WebhookSubscription:
        return subscription_get(
            organisation_id=self.organisation_id, subscription_id=subscription_id
        )

    @extend_schema(
        operation_id="webhooks_retrieve",
        summary="Read a subscription",
        responses={200: WebhookSubscriptionSerializer, **errors(403, 404)},
    )
    def get(self, request: Request, subscription_id: int) -> Response:
        return Response(_represent(self.subscription(subscription_id)))

    @extend_schema(
        operation_id="webhooks_update",
        summary="Change, pause or enable a subscription",
        request=WebhookUpdateInput,
        responses={200: UpdatedWebhookSubscriptionSerializer, **errors(400, 403, 404, 415)},
    )
    def patch(self, request: Request, subscription_id: int) -> Response:
        data = self.WebhookUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        subscription = self.subscription(subscription_id)
        active, resend = values.pop("is_active", None), values.pop("resend_failed")
        webhook_subscription_update(subscription=subscription, **values)
        resent = 0
        if active is True and not subscription.is_active:
            resent = webhook_subscription_enable(subscription=subscription, resend_failed=resend)
        elif active is False:
            webhook_subscription_pause(
                subscription=subscription, reason=f"Paused by {self.actor_label}."
            )
        subscription.refresh_from_db()
        return Response(_represent(subscription, resent=resent))

    @extend_schema(
        operation_id="webhooks_destroy",
        summary="Delete a subscription",
        description="Its deliveries and their history go with it.",
        responses={204: None, **errors(403, 404)},
    )
    def delete(self, request: Request, subscription_id: int) -> Response:
        webhook_subscription_delete(subscription=self.subscription(subscription_id))
        return Response(status=204)


class WebhookSecretApi(IntegratorApi):
    required_scopes = {"*": Scope.WEBHOOKS_MANAGE}

    @extend_schema(
        operation_id="webhooks_rotate_secret",
        summary="Rotate the signing secret",
        description="Deliveries are signed with the new secret from their next attempt on.",
        request=None,
        responses={200: WebhookSecretSerializer, **errors(403, 404)},
    )
    def post(self, request: Request, subscription_id: int) -> Response:
        subscription = subscription_get(
            organisation_id=self.organisation_id, subscription_id=subscription_id
        )
        return Response({"secret": webhook_secret_rotate(subscription=subscription)})
