"""Trainer review of low-confidence gradings, and re-grading with a newer engine."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from functools import partial

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from exercises import grading as engine
from exercises.errors import SubmissionRejected
from exercises.grading import pass_rule
from exercises.models import (
    GradingSource,
    Submission,
    SubmissionStatus,
)

from .exercise_progress import exercise_progress_record
from .grading_queue import grading_result_for, grading_store, submission_enqueue


def _current_result(submission: Submission) -> engine.GradingResult:
    grading = submission.gradings.get(is_current=True)
    return engine.GradingResult(
        criteria=tuple(
            engine.CriterionResult(
                c.criterion,
                c.level,
                tuple(engine.Span(s, e) for s, e in c.evidence),
                c.feedback,
                c.max_level,
            )
            for c in grading.criteria.order_by("position")
        ),
        score=grading.score,
        passed=grading.passed,
        confidence=grading.confidence,
        grader_version=grading.grader_version,
        flags=tuple(grading.flags),
        summary=grading.summary,
        listening=engine.Listening(
            tuple(grading.listening.get("picked_up", ())),
            tuple(grading.listening.get("missed", ())),
            tuple(grading.listening.get("foreign", ())),
        )
        if grading.listening
        else None,
    )


@transaction.atomic
def review_record(
    *,
    submission_id: int,
    reviewer: User,
    reason: str,
    levels: Mapping[str, int] | None = None,
) -> Submission:
    """A trainer confirms the grader's result (``levels`` None) or overrides some
    criterion levels. Either way a new current grading records who and why; the
    grader's own result stays in the history."""
    if not reason.strip():
        raise SubmissionRejected("Please say why, for the record.", field="reason")
    submission = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("exercise", "learner")
        .get(pk=submission_id)
    )
    if submission.status not in (SubmissionStatus.NEEDS_REVIEW, SubmissionStatus.GRADED):
        raise SubmissionRejected("Only a graded answer can be reviewed.", field="reason")
    current = _current_result(submission)
    changed = dict(levels or {})
    criteria = []
    for criterion in current.criteria:
        level = changed.pop(criterion.name, criterion.level)
        if not 0 <= level <= criterion.max_level:
            raise SubmissionRejected(
                f"{criterion.label}: level must be 0 to {criterion.max_level}."
            )
        feedback = criterion.feedback
        if level != criterion.level:
            feedback = f"A trainer set this to {level}/{criterion.max_level}: {reason.strip()}"
        criteria.append(
            engine.CriterionResult(
                criterion.name, level, criterion.evidence, feedback, criterion.max_level
            )
        )
    if changed:
        raise SubmissionRejected(f"Unknown criteria: {', '.join(sorted(changed))}.")
    total = sum(c.level for c in criteria)
    maximum = sum(c.max_level for c in criteria) or 1
    score = round(100 * total / maximum, 1)
    # The trainer's levels decide, under the same pass rule as the grader's; a flag that
    # fails the answer (an unchanged revision, say) stands unless the trainer clears it.
    decision = pass_rule.decide(
        submission.exercise.rubric,
        {c.name: c.level for c in criteria},
        score,
        submission.exercise.pass_mark,
        current.flags,
    )
    result = engine.GradingResult(
        criteria=tuple(criteria),
        score=score,
        passed=decision.passed,
        confidence=1.0,  # a person decided
        grader_version=current.grader_version,
        flags=current.flags,
        summary=current.summary,
        listening=current.listening,
    )
    grading = grading_store(submission=submission, result=result, source=GradingSource.TRAINER)
    grading.reviewer, grading.reason = reviewer, reason.strip()
    grading.save(update_fields=["reviewer", "reason"])
    exercise_progress_record(submission=submission)
    return submission


class RegradeOutcome(StrEnum):
    KEPT = "kept"  # a trainer's decision, left alone
    REGRADED = "regraded"
    NOW_FAILS = "now_fails"  # passed before, fails under the current grader: sent to review


@transaction.atomic
def submission_regrade(*, submission_id: int, include_reviewed: bool = False) -> RegradeOutcome:
    """Grade again with the current engine, adding a grading (history is kept).

    A trainer's decision is left alone unless ``include_reviewed``. What was earned stays
    earned: a pass already recorded keeps the exercise passed, and any stage or
    certificate it completed stands, because HR must never see a certificate silently
    disappear. An answer that passed before and fails under the current grader goes to
    the trainers' review queue instead, where a person decides."""
    submission = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("exercise", "learner")
        .get(pk=submission_id)
    )
    if submission.status not in (SubmissionStatus.GRADED, SubmissionStatus.NEEDS_REVIEW):
        return RegradeOutcome.KEPT
    current = submission.gradings.filter(is_current=True).first()
    if current and current.source == GradingSource.TRAINER and not include_reviewed:
        return RegradeOutcome.KEPT
    passed_before = bool(submission.passed)
    result, _ = grading_result_for(submission)  # a conversation's path is not re-walked
    grading_store(submission=submission, result=result)
    exercise_progress_record(submission=submission)
    if passed_before and not result.passed:
        submission.status = SubmissionStatus.NEEDS_REVIEW
        submission.save(update_fields=["status"])
        return RegradeOutcome.NOW_FAILS
    return RegradeOutcome.REGRADED


@transaction.atomic
def submission_grade_again(*, submission_id: int, trainer: User) -> Submission:
    """Put an answer that ended ``failed`` back in the grading queue with a fresh set of
    attempts (after the cause, say a grader bug, is fixed). Audited; queued on commit."""
    from activity.services import audit_record  # activity imports the accounts models

    submission = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("learner")
        .get(pk=submission_id)
    )
    if submission.status != SubmissionStatus.FAILED:
        raise SubmissionRejected("Only an answer that could not be graded can be sent again.")
    audit_record(
        actor=trainer,
        action="submission.grade_again",
        target=submission,
        reason=f"Grading had failed: {submission.error or 'no error recorded'}"[:500],
        changes={"status": [submission.status, SubmissionStatus.SUBMITTED]},
        organisation_id=submission.learner.organisation_id,
    )
    submission.status = SubmissionStatus.SUBMITTED
    submission.status_changed_at = timezone.now()
    submission.grading_attempts = 0
    submission.failed_at = None
    submission.error = ""
    submission.save(
        update_fields=["status", "status_changed_at", "grading_attempts", "failed_at", "error"]
    )
    transaction.on_commit(partial(submission_enqueue, submission_id=submission.pk), robust=True)
    return submission
