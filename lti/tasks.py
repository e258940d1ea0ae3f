"""Celery tasks of the LTI app: thin, take ids, call one service each."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from .scores.outbox import scores_record
from .scores.sending import score_send_attempt
from .scores.sweep import lti_sweep
from .services.roster import roster_sync

# Only errors a later try can fix are retried here; a platform's refusal is an outcome,
# retried with its own backoff by the sending service.
ROBUST = shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=5,
)


@ROBUST
def lti_scores_record(event_ids: list[str]) -> int:
    """Record the changed scores of the enrolments these events touched (idempotent)."""
    return scores_record(event_ids=event_ids)


@ROBUST
def lti_score_send(post_id: int) -> bool:
    """Post one score to the platform if it is due (a sent one is skipped)."""
    return score_send_attempt(post_id=post_id)


@ROBUST
def lti_roster_sync(context_id: int) -> int:
    """Read a platform course's membership and pre-create its learners."""
    return roster_sync(context_id=context_id)


@shared_task
def sweep_lti() -> dict[str, int]:
    """Periodic recovery of scores left behind."""
    return lti_sweep()
