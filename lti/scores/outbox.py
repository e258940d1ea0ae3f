"""Recording a change of result as an outbox row, once per change."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from activity.models import Event
from lms.queueing import publish_after_commit

from ..models import GradeLink, ScorePost
from .dispatch import RESULT_EVENTS
from .results import result_of

logger = logging.getLogger(__name__)


def score_queue(post_id: int, *, countdown: int = 0) -> None:
    """Queue a send after commit; if the broker is down the sweep sends it later."""
    from ..tasks import lti_score_send

    publish_after_commit(lti_score_send, post_id, countdown=countdown)


@transaction.atomic
def score_record(*, grade_link_id: int) -> ScorePost | None:
    """Write the next version of the link's score if the learner's result changed since
    the latest one, and queue its send. Idempotent: the link is locked, and an unchanged
    result writes nothing, so running it twice for one change posts one score."""
    link = (
        GradeLink.objects.select_for_update(of=("self",))
        .select_related("enrollment")
        .filter(pk=grade_link_id)
        .first()
    )
    if link is None:
        return None
    result = result_of(link)
    latest = link.posts.order_by("-version").first()
    if latest is not None and (
        latest.score_given,
        latest.activity_progress,
        latest.grading_progress,
    ) == (result.score, result.activity, result.grading):
        return None
    link.version += 1
    link.save(update_fields=["version"])
    post = ScorePost.objects.create(
        grade_link=link,
        version=link.version,
        score_given=result.score,
        activity_progress=result.activity,
        grading_progress=result.grading,
        timestamp=timezone.now(),
    )
    score_queue(post.pk)
    return post


def scores_record(*, event_ids: list[str]) -> int:
    """Record the changed results of every gradebook column bound to the enrolments
    these events touched."""
    enrollment_ids = [
        data["enrollment_id"]
        for data in Event.objects.filter(pk__in=event_ids, type__in=RESULT_EVENTS).values_list(
            "data", flat=True
        )
        if isinstance(data, dict) and isinstance(data.get("enrollment_id"), int)
    ]
    links = GradeLink.objects.filter(enrollment_id__in=enrollment_ids).values_list("pk", flat=True)
    return sum(score_record(grade_link_id=pk) is not None for pk in links)
