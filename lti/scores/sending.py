"""Posting one score: claim with a lease, post, record; retry with backoff, then give up.

A worker killed mid-send leaves the row "sending" with its lease; the sweep re-queues it
once the lease has expired. The platform may then receive the same score twice: it
carries the same timestamp and values, and AGS platforms keep one score per timestamp,
so the gradebook changes once."""

from __future__ import annotations

import logging
from datetime import timedelta

import requests
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.exception import LtiException, LtiServiceException
from pylti1p3.grade import Grade

from integrations.conf import backoff_seconds

from ..connector import PlatformConnector
from ..models import ScorePost, ScoreStatus
from .outbox import score_queue

logger = logging.getLogger(__name__)

LEASE = timedelta(seconds=60)  # longer than the HTTP timeouts, shorter than the sweep period
MAX_ATTEMPTS = 12  # with backoff 2, 4, 8 … s (capped): about an hour and a half


def _grade(post: ScorePost) -> Grade:
    return (
        Grade()
        .set_score_given(post.score_given)
        .set_score_maximum(post.score_maximum)
        .set_activity_progress(post.activity_progress)
        .set_grading_progress(post.grading_progress)
        .set_timestamp(post.timestamp.isoformat(timespec="milliseconds"))
        .set_user_id(post.grade_link.subject)
    )


def score_send_attempt(*, post_id: int) -> bool:
    """Send one score if it is due; True when the platform accepted it."""
    now = timezone.now()
    due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now + timedelta(seconds=1))
    claimed = (
        ScorePost.objects.filter(pk=post_id, status__in=[ScoreStatus.PENDING, ScoreStatus.SENDING])
        .filter(due)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(status=ScoreStatus.SENDING, lease_until=now + LEASE, attempts=F("attempts") + 1)
    )
    if not claimed:
        return False  # sent, given up, not due yet, or another worker has it
    post = ScorePost.objects.select_related("grade_link__platform").get(pk=post_id)
    link = post.grade_link
    connector = PlatformConnector(link.platform)
    endpoint = {"lineitem": link.lineitem_url, "scope": link.scopes}
    service = AssignmentsGradesService(connector, endpoint)  # type: ignore[arg-type]
    error = ""
    try:
        service.put_grade(_grade(post))
    except LtiServiceException as exc:
        if exc.response.status_code == 401:
            connector.forget_token(link.scopes)
        error = str(exc)[:500]
    except (LtiException, requests.RequestException, ValueError, KeyError) as exc:
        error = f"{type(exc).__name__}: {exc}"[:500]
    return score_send_record(post_id=post_id, error=error)


@transaction.atomic
def score_send_record(*, post_id: int, error: str) -> bool:
    """Store the outcome; schedule the retry or give up."""
    post = ScorePost.objects.select_for_update().get(pk=post_id)
    now = timezone.now()
    post.lease_until = None
    if not error:
        post.status, post.sent_at, post.last_error, post.next_attempt_at = (
            ScoreStatus.SENT, now, "", None
        )  # fmt: skip
    elif post.attempts < MAX_ATTEMPTS:
        wait = backoff_seconds(post.attempts)
        post.status, post.last_error = ScoreStatus.PENDING, error
        post.next_attempt_at = now + timedelta(seconds=wait)
        score_queue(post.pk, countdown=wait)
    else:
        post.status, post.last_error, post.next_attempt_at = ScoreStatus.FAILED, error, None
        logger.warning("LTI score %s given up: %s", post.pk, error)
    post.save(update_fields=["status", "sent_at", "last_error", "next_attempt_at", "lease_until"])
    return not error
