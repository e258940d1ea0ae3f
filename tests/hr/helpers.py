"""Graded answers for HR tests, written directly (the grader has its own tests)."""

from __future__ import annotations

from courses.models import Enrollment
from exercises.grading import RUBRICS
from exercises.models import CriterionScore, Exercise, Grading, Submission


def graded_answer(enrollment: Enrollment, levels: list[int], text: str = "An answer") -> Submission:
    """A graded attempt at the mini course's customer reply with these criterion levels."""
    exercise = Exercise.objects.get(slug="reply-double-charge")
    attempt = Submission.objects.filter(learner=enrollment.user, exercise=exercise).count() + 1
    score = 100 * sum(levels) / (2 * len(levels))
    submission = Submission.objects.create(
        exercise=exercise, enrollment=enrollment, learner=enrollment.user, attempt=attempt,
        answer_text=text, status="graded", score=score, passed=score >= 50,
    )  # fmt: skip
    grading = Grading.objects.create(
        submission=submission, grader_version="test", score=score, passed=score >= 50
    )
    for position, (criterion, level) in enumerate(
        zip(RUBRICS["customer_reply"], levels, strict=True)
    ):
        CriterionScore.objects.create(
            grading=grading, position=position, criterion=criterion, level=level, feedback="ok"
        )
    return submission
