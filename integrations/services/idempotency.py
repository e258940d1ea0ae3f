"""``Idempotency-Key``: a retried write returns the first response and changes nothing."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from integrations.errors import IdempotencyConflict, IntegrationError
from integrations.models import ApiClient, IdempotencyRecord

# How long a key is remembered: long enough for any sensible retry policy.
KEY_LIFETIME = timedelta(hours=24)


@dataclass(frozen=True)
class Outcome:
    status_code: int
    body: dict[str, Any]
    replayed: bool = False


def request_fingerprint(*, method: str, path: str, body: Any) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{method} {path}\n{canonical}".encode()).hexdigest()


def idempotent_call(
    *,
    client: ApiClient,
    key: str | None,
    fingerprint: str,
    action: Callable[[], tuple[int, dict[str, Any]]],
) -> Outcome:
    """Run ``action`` once per (client, key).

    The record is inserted first, in the same transaction as the change: a concurrent
    duplicate waits on the unique index, then finds the committed record and replays it.
    An action that raises rolls everything back, so a failed request can be retried.
    """
    if key is None:
        return Outcome(*action())
    if not 1 <= len(key) <= 200:
        raise IntegrationError("Idempotency-Key must be 1 to 200 characters.")
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = IdempotencyRecord.objects.create(
                    client=client, key=key, fingerprint=fingerprint
                )
        except IntegrityError:
            record = None
        if record is not None:
            status_code, body = action()
            record.status_code, record.body = status_code, body
            record.save(update_fields=["status_code", "body"])
            return Outcome(status_code, body)
    previous = IdempotencyRecord.objects.get(client=client, key=key)
    if previous.fingerprint != fingerprint:
        raise IdempotencyConflict(
            "This Idempotency-Key was used with a different request; use a new key."
        )
    return Outcome(previous.status_code or 200, previous.body or {}, replayed=True)


def idempotency_records_prune() -> int:
    """Forget keys older than their lifetime (run by the sweep)."""
    cutoff = timezone.now() - KEY_LIFETIME
    deleted, _ = IdempotencyRecord.objects.filter(created_at__lt=cutoff).delete()
    return deleted
