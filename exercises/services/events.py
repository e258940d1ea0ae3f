"""The events the exercises app records: ids and scores, never answer text."""

from __future__ import annotations

from activity.models import EventType
from activity.services import event_record
from exercises.models import Grading, Submission


def submission_graded_event(*, submission: Submission, grading: Grading) -> None:
    exercise = submission.exercise
    event_record(
        type=EventType.SUBMISSION_GRADED,
        learner=submission.learner,
        data={
            "submission_id": submission.pk,
            "enrollment_id": submission.enrollment_id,
            "course": exercise.course.slug,
            "exercise": exercise.slug,
            "exercise_kind": exercise.kind,
            "attempt": submission.attempt,
            "status": submission.status,
            "score": submission.score,
            "passed": submission.passed,
            "grader_version": grading.grader_version,
            "source": grading.source,
            "criteria": {c.criterion: c.level for c in grading.criteria.all()},
        },
    )
