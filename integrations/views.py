"""/integrations/: HR creates and revokes credentials, subscribes webhooks, re-sends."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import may_manage_organisation, page_for
from accounts.http import AuthedRequest

from .errors import IntegrationError
from .forms import ApiClientForm, WebhookSubscriptionForm
from .models import Scope
from .selectors import management as select
from .services.clients import api_client_create, api_client_revoke
from .webhooks.deliveries import delivery_resend as resend
from .webhooks.subscriptions import (
    failed_while_disabled,
    webhook_subscription_create,
    webhook_subscription_delete,
    webhook_subscription_enable,
)

# The "try it" curl names an endpoint the new credential may call (courses: any).
TRY_IT = [
    (Scope.PROGRESS_READ, "api-progress"),
    (Scope.LEARNERS_READ, "api-learners"),
    (Scope.ENROLLMENTS_READ, "api-enrollments"),
    (Scope.STATEMENTS_READ, "api-statements"),
    (Scope.WEBHOOKS_MANAGE, "api-webhooks"),
    (Scope.SCIM_PROVISION, "scim:users"),
]


@page_for(may_manage_organisation)
def overview(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "integrations/overview.html",
        {
            "clients": select.clients_of(request.user),
            "subscriptions": select.subscriptions_of(request.user),
            "now": timezone.now(),
        },
    )


@page_for(may_manage_organisation)
def client_create(request: AuthedRequest) -> HttpResponse:
    form = ApiClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            issued = api_client_create(
                organisation=request.user.organisation,  # type: ignore[arg-type]
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                expires_at=timezone.now() + timedelta(days=form.cleaned_data["lifetime_days"]),
                rate_limit=form.cleaned_data["rate_limit"],
                created_by=request.user,
            )
        except IntegrationError as error:
            form.add_error(None, error.message)
        else:
            # Rendered, not redirected: this response is the only place the key appears.
            try_it = next(
                (name for scope, name in TRY_IT if scope in issued.client.scopes), "api-courses"
            )
            response = render(
                request, "integrations/secret.html", {"issued": issued, "try_it": reverse(try_it)}
            )
            response.headers["Cache-Control"] = "no-store"
            return response
    return render(request, "integrations/client_form.html", {"form": form})


@page_for(may_manage_organisation)
@require_POST
def client_revoke(request: AuthedRequest, client_id: int) -> HttpResponse:
    client = api_client_revoke(client=select.client_get(user=request.user, client_id=client_id))
    messages.success(request, f"“{client.name}” is revoked; requests with it now get 401.")
    return redirect("integrations:overview")


@page_for(may_manage_organisation)
def subscription_create(request: AuthedRequest) -> HttpResponse:
    form = WebhookSubscriptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = webhook_subscription_create(
                organisation=request.user.organisation,  # type: ignore[arg-type]
                created_by=request.user,
                **form.cleaned_data,
            )
        except IntegrationError as error:
            form.add_error(None, error.message)
        else:
            response = render(request, "integrations/secret.html", {"subscription": new})
            response.headers["Cache-Control"] = "no-store"
            return response
    return render(request, "integrations/subscription_form.html", {"form": form})


@page_for(may_manage_organisation)
def subscription_detail(request: AuthedRequest, subscription_id: int) -> HttpResponse:
    subscription = select.subscription_get(user=request.user, subscription_id=subscription_id)
    return render(
        request,
        "integrations/subscription.html",
        {
            "subscription": subscription,
            "deliveries": select.deliveries_of(subscription),
            "missed": failed_while_disabled(subscription).count(),
        },
    )


@page_for(may_manage_organisation)
@require_POST
def subscription_enable(request: AuthedRequest, subscription_id: int) -> HttpResponse:
    subscription = select.subscription_get(user=request.user, subscription_id=subscription_id)
    resent = webhook_subscription_enable(
        subscription=subscription, resend_failed=request.POST.get("resend_failed") == "on"
    )
    messages.success(
        request,
        f"The endpoint is enabled again; {resent} failed deliveries are being sent again."
        if resent
        else "The endpoint is enabled again; re-send what it missed below.",
    )
    return redirect("integrations:subscription", subscription_id=subscription.pk)


@page_for(may_manage_organisation)
@require_POST
def subscription_delete(request: AuthedRequest, subscription_id: int) -> HttpResponse:
    subscription = select.subscription_get(user=request.user, subscription_id=subscription_id)
    webhook_subscription_delete(subscription=subscription)
    messages.success(request, f"Webhooks to {subscription.url} are deleted.")
    return redirect("integrations:overview")


@page_for(may_manage_organisation)
@require_POST
def delivery_resend(request: AuthedRequest, delivery_id: int) -> HttpResponse:
    delivery = select.delivery_get(user=request.user, delivery_id=delivery_id)
    if not delivery.subscription.is_active:
        messages.error(request, "Enable the endpoint before re-sending to it.")
    else:
        resend(delivery=delivery)
        messages.success(request, "Queued to be sent again.")
    return redirect("integrations:subscription", subscription_id=delivery.subscription_id)
