"""Recording domain events. Consumers (webhooks, xAPI) register as dispatchers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User

from .models import AuditEntry, Event

# Called after commit with the new event ids; the integrations app registers one that
# queues its fan-out task. Kept as a plain list so this app depends on no consumer.
DISPATCHERS: list[Callable[[list[str]], None]] = []


def event_record(*, type: str, learner: User | None, data: dict[str, Any]) -> Event:
    """Write an event in the caller's transaction and hand it to the dispatchers once
    that transaction commits."""
    event = Event.objects.create(
        type=type,
        occurred_at=timezone.now(),
        learner=learner,
        organisation_id=learner.organisation_id if learner else None,
        data=data,
    )
    event_id = str(event.pk)
    for dispatch in DISPATCHERS:
        transaction.on_commit(lambda d=dispatch: d([event_id]), robust=True)  # type: ignore[misc]
    return event


def audit_record(
    *,
    actor: User | None,
    actor_label: str = "",
    action: str,
    target: Any,
    reason: str,
    changes: dict[str, list[Any]] | None = None,
    organisation_id: int | None = None,
) -> AuditEntry:
    """Append an audit entry; the reason is required for every manual change."""
    if not reason.strip():
        raise ValueError("An audited change needs a reason.")
    return AuditEntry.objects.create(
        actor=actor,
        actor_label=actor_label or (actor.display_name if actor else "system"),
        organisation_id=organisation_id,
        action=action,
        target_type=type(target).__name__,
        target_id=str(target.pk),
        reason=reason.strip(),
        changes=changes or {},
    )
