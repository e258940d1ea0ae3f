"""Admin for integrations. Secrets are never displayed: a new credential's key is shown
once, in the confirmation message."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from .models import (
    ApiClient,
    IdempotencyRecord,
    WebhookDelivery,
    WebhookSubscription,
    XapiStatement,
)
from .services.clients import api_client_create, api_client_revoke
from .webhooks.deliveries import delivery_resend
from .webhooks.subscriptions import webhook_subscription_enable


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "organisation",
        "key_prefix",
        "expires_at",
        "revoked_at",
        "last_used_at",
    )
    list_filter = ("organisation",)
    fields = ("organisation", "name", "scopes", "rate_limit", "expires_at", "key_prefix",
              "created_by", "revoked_at", "last_used_at")  # fmt: skip
    readonly_fields = ("key_prefix", "created_by", "revoked_at", "last_used_at")
    actions = ["revoke"]

    def save_model(self, request: HttpRequest, obj: ApiClient, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        issued = api_client_create(
            organisation=obj.organisation,
            name=obj.name,
            scopes=obj.scopes,
            expires_at=obj.expires_at,
            rate_limit=obj.rate_limit,
            created_by=request.user,  # type: ignore[arg-type]
        )
        obj.pk = issued.client.pk
        messages.warning(request, f"Copy this key now, it is not shown again: {issued.token}")

    @admin.action(description="Revoke the selected credentials")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiClient]) -> None:
        for client in queryset:
            api_client_revoke(client=client)


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    list_display = ("url", "organisation", "is_active", "consecutive_failures", "disabled_at")
    list_filter = ("is_active", "organisation")
    exclude = ("secret",)
    readonly_fields = ("consecutive_failures", "disabled_at", "disabled_reason", "created_by")
    actions = ["enable"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # created under /integrations/, where the secret is shown once

    @admin.action(description="Enable again")
    def enable(self, request: HttpRequest, queryset: QuerySet[WebhookSubscription]) -> None:
        for subscription in queryset:
            webhook_subscription_enable(subscription=subscription)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ("event", "subscription", "status", "attempts", "response_code", "latency_ms",
                    "created_at")  # fmt: skip
    list_filter = ("status",)
    actions = ["resend"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description="Re-send")
    def resend(self, request: HttpRequest, queryset: QuerySet[WebhookDelivery]) -> None:
        for delivery in queryset:
            delivery_resend(delivery=delivery)


@admin.register(XapiStatement)
class XapiStatementAdmin(admin.ModelAdmin):
    list_display = ("statement_id", "verb", "organisation", "stored_at", "pushed_at")
    list_filter = ("verb", "organisation")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(IdempotencyRecord)
class IdempotencyRecordAdmin(admin.ModelAdmin):
    list_display = ("key", "client", "status_code", "created_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
