"""Handing work to the broker where a broker that is down must not fail the caller:
every queued piece of work has a sweep (or a button) that sends it later, so a failure to
publish is logged, not raised."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

logger = logging.getLogger(__name__)


def publish(task: Any, *args: Any, countdown: int = 0) -> bool:
    """Send ``task(*args)`` now; False (and a warning) when the broker refused it."""
    try:
        task.apply_async(args, countdown=countdown)
    except Exception:  # any broker failure: the caller's sweep is the safety net
        logger.warning("Could not queue %s%r; its sweep will", task.name, args)
        return False
    return True


def publish_after_commit(task: Any, *args: Any, countdown: int = 0) -> None:
    """Send ``task(*args)`` once the current transaction commits (never for a rolled-back
    one), as :func:`publish` does."""
    transaction.on_commit(lambda: publish(task, *args, countdown=countdown))


def outbox_rows_to_resend(
    rows: QuerySet[Any], *, pending: str, sending: str, now: datetime, grace: timedelta
) -> QuerySet[Any]:
    """Outbox rows (webhook deliveries, LTI scores) whose message was lost: pending and
    never retried, or due for a retry, ``grace`` ago; or taken by a worker whose lease ran
    out (it died)."""
    return rows.filter(
        Q(status=pending, next_attempt_at__isnull=True, created_at__lt=now - grace)
        | Q(status=pending, next_attempt_at__lt=now - grace)
        | Q(status=sending, lease_until__lt=now)
    )
