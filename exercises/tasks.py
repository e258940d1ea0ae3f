"""Celery tasks: thin wrappers that take ids and call one service each."""

from __future__ import annotations

from datetime import datetime

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError

from .services.grading_queue import (
    submission_fail,
    submission_grade,
    submission_grading_crashed,
    submissions_requeue_lost,
    submissions_sweep,
)

# Only errors that a later try can fix are retried: the database or broker blinked.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=60,
    max_retries=5,
)
def grade_submission(self, submission_id: int) -> bool:  # type: ignore[no-untyped-def]
    """Grade one submission; idempotent, so redelivery and the sweep are safe."""
    try:
        return submission_grade(submission_id=submission_id)
    except TRANSIENT_ERRORS:
        raise
    except SoftTimeLimitExceeded:
        submission_fail(submission_id=submission_id, error="Grading took too long.")
        return False
    except Exception as error:
        # A crash in the grader itself: retry a bounded number of times (counted on the
        # submission, so sweeps and redeliveries count too), then fail visibly.
        message = f"{type(error).__name__}: {error}"
        if submission_grading_crashed(submission_id=submission_id, error=message):
            raise self.retry(exc=error, countdown=2**self.request.retries) from error
        return False


@shared_task
def sweep_stuck_submissions() -> dict[str, int]:
    """Periodic recovery: re-queue submissions stuck before grading finished."""
    return submissions_sweep()


@shared_task
def requeue_lost_submissions(checkpoint: str) -> int:
    """The sweep's checkpoint: re-queue what was lost before it (``checkpoint``, ISO 8601)."""
    return submissions_requeue_lost(checkpoint=datetime.fromisoformat(checkpoint))
