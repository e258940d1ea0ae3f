"""The activity dispatcher of grade passback: after commit, the enrolments that new
events touched are handed to a task that records their changed scores."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)

# What can change a result a gradebook column shows.
RESULT_EVENTS = {"lesson.viewed", "submission.graded", "stage.completed", "course.completed"}


def scores_dispatch(event_ids: list[str]) -> None:
    """Registered in ``activity.services.DISPATCHERS``; runs after commit. A broker
    failure is only logged: the sweep records what was missed."""
    from ..models import GradeLink
    from ..tasks import lti_scores_record

    if not GradeLink.objects.exists():
        return  # no learner was launched with a gradebook column: nothing to post
    try:
        lti_scores_record.delay(event_ids)
    except Exception:
        logger.warning("Could not queue LTI scores for events %s; the sweep will", event_ids)
