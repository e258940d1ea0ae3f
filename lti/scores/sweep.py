"""The safety net of grade passback: nothing is lost if a process died after commit."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db.models import F, Max, Q
from django.utils import timezone

from lms.queueing import outbox_rows_to_resend

from ..models import GradeLink, ScorePost, ScoreStatus, UsedNonce
from .outbox import score_queue, score_record

logger = logging.getLogger(__name__)
GRACE = timedelta(minutes=1)
LOOK_BACK = timedelta(days=1)  # results changed this recently are compared again
NONCES_KEPT = timedelta(days=2)  # an id_token lives minutes; its nonce is kept far longer


def lti_sweep() -> dict[str, int]:
    """Record results whose change no task recorded (lost event message), re-queue
    scores whose message was lost or whose worker died, and forget old nonces."""
    now = timezone.now()
    # A result can only have changed where the enrolment moved after the latest score.
    links = (
        GradeLink.objects.filter(
            enrollment__updated_at__gte=now - LOOK_BACK, enrollment__updated_at__lt=now - GRACE
        )
        .annotate(latest=Max("posts__created_at"))
        .filter(Q(latest__isnull=True) | Q(enrollment__updated_at__gt=F("latest")))
        .values_list("pk", flat=True)
    )
    recorded = sum(score_record(grade_link_id=pk) is not None for pk in links[:1000])
    stale = outbox_rows_to_resend(
        ScorePost.objects.all(),
        pending=ScoreStatus.PENDING,
        sending=ScoreStatus.SENDING,
        now=now,
        grace=GRACE,
    ).values_list("pk", flat=True)[:1000]
    requeued = 0
    for post_id in stale:
        score_queue(post_id)
        requeued += 1
    pruned, _ = UsedNonce.objects.filter(used_at__lt=now - NONCES_KEPT).delete()
    if recorded or requeued:
        logger.warning("LTI sweep: %s scores recorded, %s re-queued", recorded, requeued)
    return {"recorded": recorded, "requeued": requeued, "nonces_pruned": pruned}
