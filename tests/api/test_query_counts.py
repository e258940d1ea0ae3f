"""A page costs the same number of queries for 10 learners as for 1,000."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from courses.models import Enrollment, LessonView
from exercises.models import Exercise, ExerciseProgress
from integrations.models import XapiStatement

pytestmark = pytest.mark.django_db

URLS = [
    "/api/v1/learners/",
    "/api/v1/enrollments/",
    "/api/v1/progress/",
    "/api/v1/completions/",
    "/api/v1/statements/",
]


def populate(org, course, n: int) -> None:
    """n learners with enrolments, a lesson read and an exercise attempted each."""
    start = User.objects.count()
    users = User.objects.bulk_create(
        User(username=f"bulk{start + i}", employee_id=f"B{start + i:06d}", organisation=org)
        for i in range(n)
    )
    enrollments = Enrollment.objects.bulk_create(
        Enrollment(user=u, course=course, status="in_progress", progress_percent=10) for u in users
    )
    lesson = course.lessons.order_by("stage__position", "position").first()
    exercise = Exercise.objects.filter(lesson=lesson).first()
    LessonView.objects.bulk_create(LessonView(enrollment=e, lesson=lesson) for e in enrollments)
    ExerciseProgress.objects.bulk_create(
        ExerciseProgress(enrollment=e, exercise=exercise, attempts=2, best_score=40)
        for e in enrollments
    )
    XapiStatement.objects.bulk_create(
        XapiStatement(
            statement_id=uuid.uuid4(), organisation=org, verb="experienced",
            statement={"id": "x", "verb": {"id": "experienced"}},
        )
        for _ in enrollments
    )  # fmt: skip


def queries_for(api, url: str) -> int:
    api.get(url, {"page_size": 100})  # warm up: last_used_at, caches
    with CaptureQueriesContext(connection) as captured:
        response = api.get(url, {"page_size": 100})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", URLS)
def test_queries_per_page_do_not_grow_with_learners(api, org, course, url):
    populate(org, course, 10)
    small = queries_for(api, url)

    populate(org, course, 990)
    large = queries_for(api, url)

    assert large == small, f"{url}: {small} queries for 10 learners, {large} for 1,000"
