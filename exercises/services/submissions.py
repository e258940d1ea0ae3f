"""Accepting a learner's answer: validate, store every attempt, grade or queue."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from functools import partial

from django.db import transaction
from django.utils import timezone

from courses.models import Enrollment
from exercises.errors import SubmissionRejected
from exercises.models import (
    Exercise,
    ExerciseKind,
    Grading,
    Submission,
    SubmissionStatus,
)
from exercises.profile import leading_style, score_styles
from exercises.validation import clean_answer

from .events import submission_graded_event
from .exercise_progress import exercise_progress_record
from .grading_queue import submission_enqueue

GRADED_AT_ONCE = "instant-1"


@transaction.atomic
def submission_create(
    *,
    enrollment: Enrollment,
    exercise: Exercise,
    client_token: uuid.UUID,
    answer_text: str = "",
    choice_id: int | None = None,
    ratings: Mapping[int, int] | None = None,
) -> Submission:
    """Store a new attempt at ``exercise``.

    Written answers are queued for the worker once the transaction commits; multiple
    choice and self-assessment are graded here. Resending the same ``client_token``
    (a double click, a retried POST) returns the first submission unchanged.

    Whether the exercise is open to the learner is the course path's rule, above this
    app: learner pages call ``learning.services.practice.learner_submission_create``.
    """
    # Locking the enrolment serialises one learner's submissions, so attempt numbers
    # never collide; other learners are unaffected.
    enrollment = Enrollment.objects.select_for_update().select_related("user").get(pk=enrollment.pk)
    learner = enrollment.user
    existing = Submission.objects.filter(learner=learner, client_token=client_token).first()
    if existing is not None:
        return existing
    if exercise.kind == ExerciseKind.CONVERSATION:
        raise SubmissionRejected("Replies to a conversation are sent within the conversation.")
    previous = Submission.objects.filter(learner=learner, exercise=exercise).count()
    submission = Submission(
        exercise=exercise,
        enrollment=enrollment,
        learner=learner,
        attempt=previous + 1,
        client_token=client_token,
    )
    if exercise.kind == ExerciseKind.FREE_TEXT:
        submission.answer_text = clean_answer(answer_text)
        submission.save()
        transaction.on_commit(partial(submission_enqueue, submission_id=submission.pk), robust=True)
        return submission
    if exercise.kind == ExerciseKind.MULTIPLE_CHOICE:
        _grade_choice(submission, exercise, choice_id)
    else:
        _grade_self_assessment(submission, exercise, ratings or {})
    exercise_progress_record(submission=submission)
    return submission


def _record_instant(submission: Submission, *, score: float, passed: bool, summary: str) -> None:
    now = timezone.now()
    submission.status = SubmissionStatus.GRADED
    submission.graded_at = submission.status_changed_at = now
    submission.score, submission.passed, submission.grader_version = score, passed, GRADED_AT_ONCE
    submission.save()
    grading = Grading.objects.create(
        submission=submission,
        grader_version=GRADED_AT_ONCE,
        score=score,
        passed=passed,
        summary=summary,
    )
    submission_graded_event(submission=submission, grading=grading)


def _grade_choice(submission: Submission, exercise: Exercise, choice_id: int | None) -> None:
    choice = exercise.choices.filter(pk=choice_id).first() if choice_id else None
    if choice is None:
        raise SubmissionRejected("Please choose one of the options.", field="choice")
    submission.choice = choice
    _record_instant(
        submission,
        score=100.0 if choice.is_correct else 0.0,
        passed=choice.is_correct,
        summary=choice.explanation,
    )


def _grade_self_assessment(
    submission: Submission, exercise: Exercise, ratings: Mapping[int, int]
) -> None:
    items = exercise.items
    if any(i not in ratings for i in range(len(items))):
        raise SubmissionRejected("Please rate every statement.", field="ratings")
    try:
        scores = score_styles(items, ratings)
    except ValueError as error:
        raise SubmissionRejected("Each rating must be from 1 to 5.", field="ratings") from error
    styles = {str(style["slug"]): style for style in exercise.course.styles}
    slug = leading_style(scores, list(styles) or sorted(scores))
    profile = styles.get(slug, {})
    # The profile is stored with the attempt, so the result page needs no other row
    # and still says what the learner saw if the course text changes later.
    submission.responses = {
        "ratings": {str(index): rating for index, rating in ratings.items()},
        "scores": scores,
        "style": slug,
        "profile": {
            key: str(profile.get(key, ""))
            for key in ("name", "description", "strengths", "watch_out")
        },
    }
    name = profile.get("name", slug)
    _record_instant(submission, score=100.0, passed=True, summary=f"Your leading style: {name}.")
    learner = submission.learner
    learner.communication_style = slug
    learner.save(update_fields=["communication_style"])
