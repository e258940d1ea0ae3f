"""Learner pages run a fixed number of queries, however much history there is."""

import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from exercises.models import Exercise
from exercises.services.submissions import submission_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/courses/mini-empathy/",
    "/courses/mini-empathy/lessons/the-feeling-first/",
    "/courses/mini-empathy/exercises/reply-double-charge/",
    "/courses/mini-empathy/exercises/spot-the-feeling/",
]


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_attempts(enrollment, n: int) -> None:
    free_text = Exercise.objects.get(slug="reply-double-charge")
    choice = Exercise.objects.get(slug="spot-the-feeling")
    wrong = choice.choices.get(is_correct=False)
    right = choice.choices.get(is_correct=True)
    for _ in range(n):
        submission_create(
            enrollment=enrollment, exercise=free_text, client_token=uuid.uuid4(), answer_text="Hi"
        )
        submission_create(
            enrollment=enrollment, exercise=choice, client_token=uuid.uuid4(), choice_id=wrong.pk
        )
        submission_create(
            enrollment=enrollment, exercise=choice, client_token=uuid.uuid4(), choice_id=right.pk
        )


@pytest.mark.parametrize("url", PAGES)
def test_page_queries_do_not_grow_with_history(
    learner_client: Client, enrollment, monkeypatch, url
):
    monkeypatch.setattr("exercises.tasks.grade_submission.delay", lambda *_: None)
    add_attempts(enrollment, 1)
    learner_client.get(url)  # first visit records the lesson view
    before = count_queries(learner_client, url)

    add_attempts(enrollment, 15)
    for _ in range(20):  # other learners' data must not matter either
        UserFactory()

    assert count_queries(learner_client, url) == before


def test_the_course_overview_reads_the_learners_standing_once(learner_client: Client, enrollment):
    """What was read and passed is fetched once and shared by the stage list and the
    "continue" link (it used to be fetched twice)."""
    learner_client.get("/courses/mini-empathy/")
    with CaptureQueriesContext(connection) as queries:
        learner_client.get("/courses/mini-empathy/")
    sql = [q["sql"] for q in queries.captured_queries]

    assert sum('FROM "courses_lessonview"' in s for s in sql) == 1
