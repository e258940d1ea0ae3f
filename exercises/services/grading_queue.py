"""Grading written answers in the worker: queue, grade once, recover what got stuck."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import asdict
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from exercises import grading as engine
from exercises.models import (
    FINAL_STATUSES,
    PENDING_STATUSES,
    ConversationTurn,
    CriterionScore,
    Grading,
    GradingSource,
    Submission,
    SubmissionStatus,
)
from exercises.selectors import earlier_replies

from .conversation_turns import turn_advance, turn_grade, turn_of
from .events import submission_graded_event
from .exercise_progress import exercise_progress_record

logger = logging.getLogger(__name__)


def submission_enqueue(*, submission_id: int) -> bool:
    """Hand a committed submission to the broker and mark it queued.

    Called after commit. If the broker is unreachable the submission simply stays
    ``submitted``: the learner still sees "grading…", and the sweep queues it later.
    """
    from exercises.tasks import grade_submission

    try:
        grade_submission.delay(submission_id)
    except Exception:  # any broker failure: the sweep is the safety net
        logger.warning("Could not queue submission %s; the sweep will retry", submission_id)
        return False
    now = timezone.now()
    # ``queued_at`` is when the latest message for it was published: the sweep's clock.
    Submission.objects.filter(pk=submission_id, status__in=PENDING_STATUSES).update(queued_at=now)
    Submission.objects.filter(pk=submission_id, status=SubmissionStatus.SUBMITTED).update(
        status=SubmissionStatus.QUEUED, status_changed_at=now
    )
    return True


def grading_request_for(submission: Submission) -> engine.GradingRequest:
    """Adapt a stored submission to the pure grading engine's input.

    For a reply to a customer it also passes the learner's own earlier words that the
    grader must not accept again: the reply being revised (a "revise" exercise), and
    their latest replies to other customers (the same paragraph pasted everywhere).
    """
    exercise = submission.exercise
    context = exercise.scenario.get("message") or exercise.prompt_markdown
    previous: str = ""
    others: tuple[str, ...] = ()
    if exercise.rubric == "customer_reply":
        previous, others = earlier_replies(submission=submission)
    return engine.GradingRequest(
        rubric=exercise.rubric,
        answer=submission.answer_text,
        context=context,
        prompt=exercise.prompt_markdown,
        pass_mark=exercise.pass_mark,
        learner_style=submission.learner.communication_style or None,
        expected=exercise.expected,
        previous_answer=previous,
        other_answers=others,
        situation=exercise.scenario.get("situation") or "",
    )


def grading_result_for(
    submission: Submission,
) -> tuple[engine.GradingResult, ConversationTurn | None]:
    """Run the engine on ``submission``: a reply in a conversation is graded with the
    conversation so far (and its turn is returned), anything else on its own."""
    turn = turn_of(submission)
    if turn is not None:
        return turn_grade(submission=submission, turn=turn), turn
    return engine.grade(grading_request_for(submission)), None


def submission_grade(*, submission_id: int) -> bool:
    """Grade one submission exactly once; return False when there was nothing to do.

    Safe to run twice for the same id (redelivery, sweep, duplicate message): the row is
    locked, and a submission already in a final state is left as it is.
    """
    with transaction.atomic():
        submission = _lock(submission_id)
        if submission is None or submission.status in FINAL_STATUSES:
            return False
        now = timezone.now()
        submission.status = SubmissionStatus.GRADING
        submission.grading_started_at = submission.status_changed_at = now
        submission.grading_attempts += 1
        submission.save(
            update_fields=["status", "grading_started_at", "status_changed_at", "grading_attempts"]
        )
    result, turn = grading_result_for(submission)  # pure and fast
    with transaction.atomic():
        submission = _lock(submission_id)
        if submission is None or submission.status in FINAL_STATUSES:
            return False
        grading_store(submission=submission, result=result)
        if turn is not None:
            turn_advance(turn=turn, result=result)
        else:
            exercise_progress_record(submission=submission)
    return True


def grading_store(
    *,
    submission: Submission,
    result: engine.GradingResult,
    source: str = GradingSource.GRADER,
) -> Grading:
    """Save ``result`` as the submission's current grading, keeping earlier ones."""
    Grading.objects.filter(submission=submission, is_current=True).update(is_current=False)
    grading = Grading.objects.create(
        submission=submission,
        source=source,
        grader_version=result.grader_version,
        score=result.score,
        passed=result.passed,
        confidence=result.confidence,
        summary=result.summary,
        flags=list(result.flags),
        listening=asdict(result.listening) if result.listening else {},
    )
    CriterionScore.objects.bulk_create(
        CriterionScore(
            grading=grading,
            position=position,
            criterion=criterion.name,
            level=criterion.level,
            max_level=criterion.max_level,
            evidence=[[span.start, span.end] for span in criterion.evidence],
            feedback=criterion.feedback,
        )
        for position, criterion in enumerate(result.criteria)
    )
    low_confidence = result.confidence < settings.ATTUNE["REVIEW_CONFIDENCE_BELOW"]
    now = timezone.now()
    submission.status = SubmissionStatus.NEEDS_REVIEW if low_confidence else SubmissionStatus.GRADED
    submission.graded_at = submission.status_changed_at = now
    submission.score, submission.passed = result.score, result.passed
    submission.grader_version = result.grader_version
    submission.error = ""
    submission.save(
        update_fields=[
            "status", "graded_at", "status_changed_at",
            "score", "passed", "grader_version", "error",
        ]
    )  # fmt: skip
    submission_graded_event(submission=submission, grading=grading)
    return grading


def submission_fail(*, submission_id: int, error: str) -> None:
    """Give up on a submission after repeated grader crashes; the learner and staff see it."""
    with transaction.atomic():
        submission = _lock(submission_id)
        if submission is None or submission.status in FINAL_STATUSES:
            return
        now = timezone.now()
        submission.status = SubmissionStatus.FAILED
        submission.failed_at = submission.status_changed_at = now
        submission.error = error[:2000]
        submission.save(update_fields=["status", "failed_at", "status_changed_at", "error"])
    logger.error("Submission %s failed grading: %s", submission_id, error)


def submission_grading_crashed(*, submission_id: int, error: str) -> bool:
    """Record a grader crash. Return True if the submission should be retried, False
    once it has used up its attempts and is now ``failed``."""
    with transaction.atomic():
        submission = _lock(submission_id)
        if submission is None or submission.status in FINAL_STATUSES:
            return False
        if submission.grading_attempts < settings.ATTUNE["MAX_GRADING_ATTEMPTS"]:
            submission.status = SubmissionStatus.QUEUED
            # The task's retry is a new message, published now.
            submission.queued_at = submission.status_changed_at = timezone.now()
            submission.save(update_fields=["status", "queued_at", "status_changed_at"])
            return True
    submission_fail(submission_id=submission_id, error=error)
    return False


def submissions_sweep() -> dict[str, int]:
    """Recover what is stuck before a final state; beat runs this every minute.

    Fails the submissions that used up their grading attempts, queues those that never
    reached the broker (it was down when the learner submitted), and sends a checkpoint
    through the queue for the rest (``submissions_requeue_lost``). A submission that is
    queued but merely waiting behind a long backlog still has its message: re-queueing it
    on age alone would add a duplicate per sweep and make the backlog longer each minute.
    """
    from exercises.tasks import requeue_lost_submissions

    now = timezone.now()
    cutoff = now - timedelta(seconds=settings.ATTUNE["STUCK_AFTER_SECONDS"])
    limit = settings.ATTUNE["MAX_GRADING_ATTEMPTS"]
    stuck = Submission.objects.filter(status__in=PENDING_STATUSES, status_changed_at__lt=cutoff)
    exhausted = list(stuck.filter(grading_attempts__gte=limit).values_list("pk", flat=True))
    for submission_id in exhausted:
        submission_fail(
            submission_id=submission_id,
            error=f"Grading did not finish after {limit} attempts.",
        )
    never_queued = stuck.filter(status=SubmissionStatus.SUBMITTED).exclude(pk__in=exhausted)
    requeued = _requeue(never_queued.values_list("pk", flat=True))
    try:
        requeue_lost_submissions.delay(checkpoint=now.isoformat())
    except Exception:  # the broker is down: the next sweep sends the checkpoint
        logger.warning("Could not queue the sweep's checkpoint; the next sweep will")
    if requeued or exhausted:
        logger.warning("Sweep re-queued %s and failed %s submissions", requeued, len(exhausted))
    return {"requeued": requeued, "failed": len(exhausted)}


# A message published this long before the checkpoint was taken by a worker before the
# checkpoint was: the queue is first in, first out, and a worker holds at most one message
# per pool process, each started at once (prefetch 1). The margin covers the moment
# between a worker taking a message and marking the submission ``grading``.
CHECKPOINT_MARGIN = timedelta(seconds=5)


def submissions_requeue_lost(*, checkpoint: datetime) -> int:
    """Re-queue the submissions whose message is really lost; return how many.

    Runs when the sweep's checkpoint, published at ``checkpoint``, comes out of the
    queue: every message published before it has been taken by then. A submission still
    ``queued`` (or ``grading``, started longer ago than the hard time limit allows) whose
    latest message went out before the checkpoint was taken by a worker that died, or was
    dropped by a broker that restarted. It must also be older than STUCK_AFTER_SECONDS,
    so a retry waiting for its countdown is left alone. A duplicate that slips through
    anyway is harmless: ``submission_grade`` leaves a graded submission as it is.
    """
    stuck_after = timedelta(seconds=settings.ATTUNE["STUCK_AFTER_SECONDS"])
    before = min(checkpoint - CHECKPOINT_MARGIN, timezone.now() - stuck_after)
    sent_before = Q(queued_at__lt=before) | Q(queued_at__isnull=True, status_changed_at__lt=before)
    lost = Submission.objects.filter(
        sent_before,
        Q(status=SubmissionStatus.QUEUED)
        | Q(status=SubmissionStatus.GRADING, grading_started_at__lt=before),
        grading_attempts__lt=settings.ATTUNE["MAX_GRADING_ATTEMPTS"],
    )
    requeued = _requeue(lost.values_list("pk", flat=True))
    if requeued:
        logger.warning("Sweep re-queued %s submissions whose message was lost", requeued)
    return requeued


def _requeue(submission_ids: Iterable[int]) -> int:
    requeued = 0
    for submission_id in list(submission_ids):
        # Touch first, so the next sweep waits a full interval before trying again.
        Submission.objects.filter(pk=submission_id).update(status_changed_at=timezone.now())
        requeued += int(submission_enqueue(submission_id=submission_id))
    return requeued


def _lock(submission_id: int) -> Submission | None:
    return (
        Submission.objects.select_for_update(of=("self",))
        .select_related("exercise", "learner")
        .filter(pk=submission_id)
        .first()
    )
