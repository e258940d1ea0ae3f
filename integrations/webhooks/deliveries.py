"""Sending webhook deliveries: claim, sign, post, record, retry with backoff, disable.

A delivery is claimed with a short lease before the HTTP call, so two workers never
send it at once, a delivered one is never sent again, and a worker killed mid-send
only delays it until the sweep finds the lease expired.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

import httpx
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from integrations.conf import backoff_seconds, setting
from integrations.errors import IntegrationError
from integrations.models import DeliveryStatus, WebhookAttempt, WebhookDelivery, WebhookSubscription
from lms.queueing import publish_after_commit

from .notices import subscription_disabled_notify
from .payloads import payload_body
from .signing import signed_headers
from .targets import webhook_target_pin

logger = logging.getLogger(__name__)

LEASE = timedelta(seconds=60)  # longer than the HTTP timeout, shorter than the sweep period


def delivery_queue(delivery_id: int, *, countdown: int = 0) -> None:
    """Queue a send after commit; if the broker is down the sweep sends it later."""
    from integrations.tasks import webhook_send

    publish_after_commit(webhook_send, delivery_id, countdown=countdown)


def delivery_attempt(*, delivery_id: int) -> bool:
    """Send one delivery if it is due; return True when it was sent successfully."""
    now = timezone.now()
    claimed = (
        WebhookDelivery.objects.filter(
            pk=delivery_id, status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING]
        )
        .filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now + timedelta(seconds=1))
        )
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(status=DeliveryStatus.SENDING, lease_until=now + LEASE, attempts=F("attempts") + 1)
    )
    if not claimed:
        return False  # delivered, failed for good, not due yet, or another worker has it
    delivery = WebhookDelivery.objects.select_related("subscription", "event__learner").get(
        pk=delivery_id
    )
    subscription = delivery.subscription
    if not subscription.is_active:
        return delivery_record(
            delivery_id=delivery_id, code=None, latency_ms=0, error="Subscription is disabled."
        )
    body = payload_body(delivery.event)
    headers = signed_headers(
        secret=subscription.secret,
        message_id=f"msg_{delivery.message_id.hex}",
        timestamp=int(time.time()),
        body=body,
    )
    started = time.perf_counter()
    code, error = None, ""
    try:
        # Checked again (DNS may have changed since it was saved), and sent to the very
        # address checked: no second lookup between the check and the connection.
        target = webhook_target_pin(subscription.url)
        extensions = {"sni_hostname": target.tls_name} if target.tls_name else {}
        with httpx.Client(
            timeout=setting("WEBHOOK_TIMEOUT_SECONDS"), follow_redirects=False
        ) as client:
            response = client.post(
                target.url,
                content=body,
                headers={**headers, "Host": target.host},
                extensions=extensions,
            )
        code = response.status_code
        if not 200 <= code < 300:
            error = f"HTTP {code}: {response.text[:300]}"
    except httpx.HTTPError as exc:
        error = f"{type(exc).__name__}: {exc}"[:500] or type(exc).__name__
    except IntegrationError as exc:
        error = exc.message
    latency = int((time.perf_counter() - started) * 1000)
    return delivery_record(delivery_id=delivery_id, code=code, latency_ms=latency, error=error)


@transaction.atomic
def delivery_record(*, delivery_id: int, code: int | None, latency_ms: int, error: str) -> bool:
    """Store an attempt's outcome; schedule the retry or give up; count failures on the
    subscription and disable it once they persist."""
    delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery_id)
    subscription = WebhookSubscription.objects.select_for_update().get(pk=delivery.subscription_id)
    now = timezone.now()
    WebhookAttempt.objects.create(
        delivery=delivery, number=delivery.attempts, attempted_at=now,
        response_code=code, latency_ms=latency_ms, error=error,
    )  # fmt: skip
    delivery.response_code, delivery.latency_ms, delivery.lease_until = code, latency_ms, None
    fields = ["response_code", "latency_ms", "lease_until", "status", "next_attempt_at",
              "last_error", "delivered_at", "updated_at"]  # fmt: skip
    if not error:
        delivery.status, delivery.delivered_at = DeliveryStatus.SUCCEEDED, now
        delivery.next_attempt_at, delivery.last_error = None, ""
        delivery.save(update_fields=fields)
        if subscription.consecutive_failures:
            subscription.consecutive_failures = 0
            subscription.save(update_fields=["consecutive_failures"])
        return True
    delivery.last_error = error
    if subscription.is_active:
        subscription.consecutive_failures += 1
        subscription.save(update_fields=["consecutive_failures"])
        if subscription.consecutive_failures >= setting("WEBHOOK_DISABLE_AFTER_FAILURES"):
            subscription_disable(subscription=subscription, error=error)
    tries = delivery.attempts - delivery.resent_at_attempt  # since it was last (re-)sent
    if subscription.is_active and tries < setting("WEBHOOK_MAX_ATTEMPTS"):
        wait = backoff_seconds(tries)
        delivery.status, delivery.next_attempt_at = (
            DeliveryStatus.PENDING,
            now + timedelta(seconds=wait),
        )
        delivery_queue(delivery.pk, countdown=wait)
    else:
        delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
    delivery.save(update_fields=fields)
    return False


def subscription_disable(*, subscription: WebhookSubscription, error: str) -> None:
    """Stop sending to an endpoint that keeps failing, say why, and tell HR."""
    subscription.is_active = False
    subscription.disabled_at = timezone.now()
    subscription.disabled_reason = (
        f"Disabled after {subscription.consecutive_failures} failed deliveries in a row. "
        f"Last error: {error[:300]}"
    )
    subscription.save(update_fields=["is_active", "disabled_at", "disabled_reason"])
    logger.warning("Webhook subscription %s disabled: %s", subscription.pk, error)
    transaction.on_commit(lambda: subscription_disabled_notify(subscription_id=subscription.pk))


@transaction.atomic
def delivery_resend(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a delivery again, with the same webhook-id and a fresh retry budget; its
    attempts so far stay in its history. A disabled subscription must be enabled first."""
    delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
    delivery.status, delivery.resent_at_attempt = DeliveryStatus.PENDING, delivery.attempts
    delivery.next_attempt_at, delivery.lease_until = None, None
    delivery.save(
        update_fields=[
            "status", "resent_at_attempt", "next_attempt_at", "lease_until", "updated_at"
        ]
    )  # fmt: skip
    delivery_queue(delivery.pk)
    return delivery
