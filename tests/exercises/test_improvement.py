"""A retry shows, criterion by criterion, what improved since the attempt before."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from exercises.grading import CriterionResult, GradingResult
from exercises.models import Exercise
from exercises.presenters import CriterionChange, compare_levels
from exercises.services.grading_queue import grading_store
from exercises.services.submissions import submission_create


def test_compare_levels_pairs_criteria_in_the_newer_order():
    before = [("a", "A", 0), ("b", "B", 2), ("gone", "Gone", 1)]
    after = [("b", "B", 1), ("a", "A", 2), ("new", "New", 2)]

    changes = compare_levels(before, after)

    assert changes == [CriterionChange("B", 2, 1), CriterionChange("A", 0, 2)]
    assert [c.direction for c in changes] == ["down", "up"]


def graded_attempt(enrollment, exercise, levels: list[int]):
    submission = submission_create(
        enrollment=enrollment, exercise=exercise, client_token=uuid.uuid4(), answer_text="Hi"
    )
    names = ["emotional_reaction", "interpretation", "exploration", "non_judgment", "next_step"]
    result = GradingResult(
        criteria=tuple(
            CriterionResult(n, lv, (), "feedback") for n, lv in zip(names, levels, strict=True)
        ),
        score=100 * sum(levels) / 10,
        passed=sum(levels) >= 5,
        confidence=0.9,
        grader_version="test",
    )
    grading_store(submission=submission, result=result)
    return submission


@pytest.mark.django_db
def test_the_retry_page_shows_what_changed(learner_client: Client, enrollment, monkeypatch):
    monkeypatch.setattr("exercises.tasks.grade_submission.delay", lambda *_: None)
    exercise = Exercise.objects.get(slug="reply-double-charge")
    graded_attempt(enrollment, exercise, [1, 0, 0, 2, 1])
    graded_attempt(enrollment, exercise, [2, 1, 0, 2, 2])

    page = learner_client.get(
        reverse("learning:exercise", args=["mini-empathy", "reply-double-charge"])
    ).content.decode()

    assert "Compared with attempt 1" in page
    assert "Score 40% → <strong>70%</strong>" in page
    assert page.count('aria-label="improved"') == 3
    assert 'aria-label="dropped"' not in page
