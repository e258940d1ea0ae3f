"""A subscription's deliveries by API: the log with every attempt, and re-sending one or
every delivery that failed since a time. A re-send keeps the webhook-id (receivers
deduplicate on it) and adds to the attempt history."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from integrations.errors import IntegrationError
from integrations.models import DeliveryStatus, Scope, WebhookDelivery, WebhookSubscription
from integrations.selectors.sync import sync_page
from integrations.selectors.webhooks import deliveries_of, delivery_get, subscription_get
from integrations.webhooks.deliveries import delivery_resend
from integrations.webhooks.management import deliveries_resend_failed

from .base import IntegratorApi
from .docs import errors
from .sync import SyncParams, envelope, page_body, sync_query


class WebhookAttemptSerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text="1 for the first try; re-sends continue it.")
    attempted_at = serializers.DateTimeField()
    response_code = serializers.IntegerField(allow_null=True)
    latency_ms = serializers.IntegerField()
    error = serializers.CharField(allow_blank=True, help_text="Empty when it was delivered.")


class WebhookDeliverySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    webhook_id = serializers.SerializerMethodField(help_text="The `webhook-id` header.")
    event_id = serializers.UUIDField(source="event.pk")
    event_type = serializers.CharField(source="event.type")
    status = serializers.ChoiceField(choices=DeliveryStatus.values)
    attempts = serializers.IntegerField()
    response_code = serializers.IntegerField(allow_null=True)
    last_error = serializers.CharField(allow_blank=True)
    next_attempt_at = serializers.DateTimeField(allow_null=True)
    delivered_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    history = WebhookAttemptSerializer(many=True, source="attempt_log.all")

    def get_webhook_id(self, delivery: WebhookDelivery) -> str:
        return f"msg_{delivery.message_id.hex}"


class WebhookResentSerializer(serializers.Serializer):
    resent = serializers.IntegerField(help_text="How many deliveries were queued again.")


class DeliveriesApi(IntegratorApi):
    required_scopes = {"*": Scope.WEBHOOKS_MANAGE}

    class Params(SyncParams):
        status = serializers.ChoiceField(choices=DeliveryStatus.values, required=False)

    Page = envelope(WebhookDeliverySerializer, "WebhookDeliveryPage")
    query_serializer = Params

    @extend_schema(
        operation_id="webhook_deliveries_list",
        summary="List a subscription's deliveries",
        description="Oldest first, in pages like every list (see *Incremental sync*), each "
        "with its attempt history. `status=failed` lists what gave up.",
        parameters=[Params],
        responses={200: Page, **errors(400, 403, 404)},
    )
    def get(self, request: Request, subscription_id: int) -> Response:
        params = self.Params(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        values = params.validated_data
        subscription = _subscription(self, subscription_id)
        query = sync_query(
            values,
            resource=f"webhook-deliveries-{subscription.pk}",
            filters={"status": values["status"]} if "status" in values else {},
        )
        page = sync_page(
            query=query,
            rows=deliveries_of(subscription, status=query.filters.get("status")),
            page_size=values["page_size"],
            load=list,
        )
        body = page_body(request, page, values["page_size"])
        body["results"] = WebhookDeliverySerializer(page.items, many=True).data
        return Response(body)


class DeliveryResendApi(IntegratorApi):
    required_scopes = {"*": Scope.WEBHOOKS_MANAGE}

    @extend_schema(
        operation_id="webhook_deliveries_resend",
        summary="Re-send one delivery",
        request=None,
        responses={202: WebhookDeliverySerializer, **errors(403, 404, 409)},
    )
    def post(self, request: Request, subscription_id: int, delivery_id: int) -> Response:
        subscription = _subscription(self, subscription_id, active=True)
        delivery = delivery_get(subscription=subscription, delivery_id=delivery_id)
        delivery_resend(delivery=delivery)
        delivery = delivery_get(subscription=subscription, delivery_id=delivery_id)
        return Response(WebhookDeliverySerializer(delivery).data, status=202)


class ResendFailedApi(IntegratorApi):
    required_scopes = {"*": Scope.WEBHOOKS_MANAGE}

    class ResendFailedInput(serializers.Serializer):
        since = serializers.DateTimeField(
            help_text="Re-send the deliveries made since then that failed for good."
        )

    @extend_schema(
        operation_id="webhook_deliveries_resend_failed",
        summary="Re-send everything that failed since a time",
        request=ResendFailedInput,
        responses={202: WebhookResentSerializer, **errors(400, 403, 404, 409, 415)},
    )
    def post(self, request: Request, subscription_id: int) -> Response:
        data = self.ResendFailedInput(data=request.data)
        data.is_valid(raise_exception=True)
        subscription = _subscription(self, subscription_id, active=True)
        resent = deliveries_resend_failed(
            subscription=subscription, since=data.validated_data["since"]
        )
        return Response({"resent": resent}, status=202)


def _subscription(
    api: IntegratorApi, subscription_id: int, *, active: bool = False
) -> WebhookSubscription:
    subscription = subscription_get(
        organisation_id=api.organisation_id, subscription_id=subscription_id
    )
    if active and not subscription.is_active:
        raise IntegrationError(
            "The endpoint is disabled; enable it first (PATCH is_active, resend_failed).",
            code="subscription_disabled",
            status_code=409,
        )
    return subscription
