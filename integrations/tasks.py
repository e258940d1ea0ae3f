"""Celery tasks of the integrations app: thin, take ids, call one service each."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from .services.events import events_process
from .services.sweep import integrations_sweep
from .webhooks.deliveries import delivery_attempt
from .xapi.services import statements_push

# Only errors a later try can fix are retried here; a receiver's failure is not an
# exception but an outcome, retried with its own backoff by the delivery service.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)
ROBUST = shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=5,
)


@ROBUST
def events_fan_out(event_ids: list[str]) -> int:
    """Create the deliveries and xAPI statements of new events (idempotent)."""
    return events_process(event_ids=event_ids)


@ROBUST
def webhook_send(delivery_id: int) -> bool:
    """Send one webhook delivery if it is due (idempotent: a delivered one is skipped)."""
    return delivery_attempt(delivery_id=delivery_id)


@ROBUST
def xapi_push() -> int:
    """Push waiting xAPI statements to the configured LRS."""
    return statements_push()


@shared_task
def sweep_integrations() -> dict[str, int]:
    """Periodic recovery of events, deliveries and statements left behind."""
    return integrations_sweep()
