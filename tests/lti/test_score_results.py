"""What an exercise's gradebook column says about the grading: pending while the grader
or a trainer still has the learner's latest attempt, final once graded or passed."""

from __future__ import annotations

import uuid

import pytest
from django.utils import timezone

from courses.models import Enrollment
from exercises.models import Exercise, ExerciseProgress, Submission, SubmissionStatus
from lti.models import GradeLink, TargetKind
from lti.scores.results import result_of

pytestmark = pytest.mark.django_db

S = SubmissionStatus


def attempt(enrollment: Enrollment, exercise: Exercise, status: str) -> None:
    Submission.objects.create(
        exercise=exercise, enrollment=enrollment, learner=enrollment.user,
        attempt=Submission.objects.filter(exercise=exercise).count() + 1,
        client_token=uuid.uuid4(), answer_text="Sorry, Dana.", status=status,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("attempts", "passed", "expected"),
    [
        ((), False, ("Initialized", "FullyGraded")),
        ((S.QUEUED,), False, ("InProgress", "Pending")),
        ((S.GRADED, S.GRADING), False, ("InProgress", "Pending")),
        ((S.NEEDS_REVIEW,), False, ("InProgress", "PendingManual")),
        ((S.GRADED,), False, ("InProgress", "FullyGraded")),
        ((S.GRADED, S.NEEDS_REVIEW), True, ("Completed", "FullyGraded")),
    ],
)
def test_an_exercise_column_says_whether_its_grading_is_final(
    enrollment: Enrollment, attempts: tuple[str, ...], passed: bool, expected: tuple[str, str]
):
    exercise = Exercise.objects.get(slug="reply-double-charge")
    for status in attempts:
        attempt(enrollment, exercise, status)
    if attempts:
        ExerciseProgress.objects.create(
            enrollment=enrollment, exercise=exercise, attempts=len(attempts), best_score=40.0,
            passed_at=timezone.now() if passed else None,
        )  # fmt: skip
    link = GradeLink(enrollment=enrollment, target=TargetKind.EXERCISE, exercise=exercise)

    result = result_of(link)

    assert (result.activity, result.grading) == expected
