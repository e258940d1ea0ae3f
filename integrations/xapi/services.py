"""Recording xAPI statements for events, and pushing them to a Learning Record Store."""

from __future__ import annotations

import logging
from datetime import timedelta

import httpx
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from activity.models import Event
from courses.models import Course, Lesson, Stage
from exercises.models import Exercise
from integrations.conf import backoff_seconds, setting
from integrations.models import XapiStatement
from lms.queueing import publish

from .statements import Activity, Actor, EventFacts, statements_for

logger = logging.getLogger(__name__)
PUSH_BATCH = 100


def event_facts(event: Event) -> EventFacts | None:
    """Resolve the names a statement shows; None for events about nobody."""
    learner, data = event.learner, event.data
    course = Course.objects.filter(slug=data.get("course", "")).first()
    if learner is None or course is None:
        return None
    target: Activity | None = None
    if event.type == "lesson.viewed":
        lesson = Lesson.objects.filter(course=course, slug=data.get("lesson", "")).first()
        if lesson:
            target = Activity("lesson", f"{course.slug}/lessons/{lesson.slug}", lesson.title)
    elif event.type == "submission.graded":
        exercise = Exercise.objects.filter(course=course, slug=data.get("exercise", "")).first()
        if exercise:
            target = Activity(
                "exercise", f"{course.slug}/exercises/{exercise.slug}", exercise.title
            )
    elif event.type == "stage.completed":
        stage = Stage.objects.filter(course=course, slug=data.get("stage", "")).first()
        if stage:
            target = Activity("stage", f"{course.slug}/stages/{stage.slug}", stage.title)
    return EventFacts(
        event_id=str(event.pk),
        type=event.type,
        occurred_at=event.occurred_at,
        actor=Actor(learner.pk, learner.employee_id, learner.display_name),
        enrollment_id=data.get("enrollment_id"),
        course=Activity("course", course.slug, course.title),
        target=target,
        score=data.get("score"),
        passed=data.get("passed"),
    )


def statements_record(*, event: Event) -> int:
    """Store the event's statements once (ids are derived, so this is idempotent) and
    queue a push after commit when an LRS is configured."""
    facts = event_facts(event)
    if facts is None:
        return 0
    statements = statements_for(facts, base_url=setting("SITE_URL"))
    created = XapiStatement.objects.bulk_create(
        [
            XapiStatement(
                statement_id=s["id"],
                organisation_id=event.organisation_id,
                event=event,
                verb=s["verb"]["display"]["en-GB"],
                statement=s,
            )
            for s in statements
        ],
        ignore_conflicts=True,
    )
    if statements and setting("XAPI_LRS_URL"):
        transaction.on_commit(statements_push_queue)
    return len(created)


def statements_push_queue(countdown: int = 0) -> None:
    from integrations.tasks import xapi_push

    publish(xapi_push, countdown=countdown)


def statements_push() -> int:
    """Push a batch of unpushed statements to the LRS; return how many were stored.
    Failures are counted per statement and retried with backoff (by re-queueing)."""
    url = setting("XAPI_LRS_URL")
    if not url:
        return 0
    due = list(
        XapiStatement.objects.filter(
            pushed_at__isnull=True, push_attempts__lt=setting("XAPI_MAX_PUSH_ATTEMPTS")
        ).order_by("id")[:PUSH_BATCH]
    )
    if not due:
        return 0
    auth = (setting("XAPI_LRS_USERNAME"), setting("XAPI_LRS_PASSWORD"))
    error = ""
    try:
        response = httpx.post(
            url.rstrip("/") + "/statements",
            json=[s.statement for s in due],
            headers={"X-Experience-API-Version": "1.0.3"},
            auth=auth if auth[0] else None,
            timeout=setting("WEBHOOK_TIMEOUT_SECONDS"),
        )
        # 409: the LRS already has these ids, which is what we wanted.
        if response.status_code not in (200, 204, 409):
            error = f"HTTP {response.status_code}: {response.text[:300]}"
    except httpx.HTTPError as exc:
        error = f"{type(exc).__name__}: {exc}"[:500]
    ids = [s.pk for s in due]
    if error:
        XapiStatement.objects.filter(pk__in=ids).update(
            push_attempts=F("push_attempts") + 1, push_error=error
        )
        attempts = max(s.push_attempts for s in due) + 1
        statements_push_queue(countdown=backoff_seconds(attempts))
        return 0
    XapiStatement.objects.filter(pk__in=ids).update(
        pushed_at=timezone.now(), push_attempts=F("push_attempts") + 1, push_error=""
    )
    if len(due) == PUSH_BATCH:
        statements_push_queue()
    return len(due)


def statements_unpushed_stale() -> bool:
    """Whether the sweep should push: statements waiting longer than a minute."""
    cutoff = timezone.now() - timedelta(minutes=1)
    return (
        bool(setting("XAPI_LRS_URL"))
        and XapiStatement.objects.filter(
            pushed_at__isnull=True,
            stored_at__lt=cutoff,
            push_attempts__lt=setting("XAPI_MAX_PUSH_ATTEMPTS"),
        ).exists()
    )
