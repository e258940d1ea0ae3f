"""Fixtures for the integrator API: organisations, credentials, learners, a journey."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import Organisation, User
from courses.models import Course, Enrollment, Lesson
from courses.services.enrollments import enrollment_start
from exercises.models import Exercise, Submission
from exercises.services.grading_queue import submission_grade
from exercises.services.submissions import submission_create
from integrations.models import Scope
from integrations.services.clients import api_client_create
from learning.services.progress import lesson_view_record
from tests.factories import UserFactory

# Distinctive enough that finding it anywhere in a response means an answer leaked.
SECRET_PHRASE = "Zanzibar-umbrella-4471"
STRONG_REPLY = (
    "Being charged twice right before your rent goes out on Friday must be really worrying, "
    "Dana. So the same order has left your card twice this week. I've refunded the second "
    "charge now and you will see it back by Thursday. Is the rent payment at risk, or is "
    f"there anything else this has affected for you this week? {SECRET_PHRASE}"
)
REFLECTION = (
    "Last week a caller shouted that we had lied about his delivery. I felt defensive and "
    "angry the moment he said lied. I started quoting the delivery policy and talked over "
    "him. Next time someone says we lied, I will pause, let him finish, and ask what "
    f"happened before I explain the policy. {SECRET_PHRASE}"
)


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


@pytest.fixture
def org(db: None) -> Organisation:
    return Organisation.objects.create(name="Northwind Retail", slug="northwind")


@pytest.fixture
def other_org(db: None) -> Organisation:
    return Organisation.objects.create(name="Contoso", slug="contoso")


@pytest.fixture
def make_token(org: Organisation) -> Callable[..., str]:
    def make(
        scopes: list[str] | None = None,
        organisation: Organisation | None = None,
        rate_limit: int = 10_000,
        expires_at: object = None,
    ) -> str:
        issued = api_client_create(
            organisation=organisation or org,
            name="Test integrator",
            scopes=Scope.values if scopes is None else scopes,
            rate_limit=rate_limit,
            expires_at=expires_at or timezone.now() + timedelta(days=30),  # type: ignore[arg-type]
        )
        return issued.token

    return make


@pytest.fixture
def api(make_token: Callable[..., str]) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {make_token()}")
    return client


@pytest.fixture
def make_learner(org: Organisation) -> Callable[..., User]:
    counter = iter(range(1, 1_000_000))

    def make(organisation: Organisation | None = None, **fields: object) -> User:
        n = next(counter)
        fields.setdefault("employee_id", f"E{n:05d}")
        fields.setdefault("username", f"person{n}-{uuid.uuid4().hex[:6]}")
        return UserFactory(organisation=organisation or org, **fields)

    return make


@pytest.fixture
def maya(make_learner: Callable[..., User]) -> User:
    return make_learner(employee_id="NW-1001", first_name="Maya", last_name="Okafor")


@pytest.fixture
def maya_enrollment(course: Course, maya: User) -> Enrollment:
    return enrollment_start(user=maya, course=course)


def complete_course(enrollment: Enrollment) -> None:
    """Walk the mini course with services, grading written answers in-process."""
    for lesson in Lesson.objects.filter(course=enrollment.course).order_by("stage__position"):
        lesson_view_record(enrollment=enrollment, lesson=lesson)
        for exercise in Exercise.objects.filter(lesson=lesson).order_by("position"):
            answer(enrollment, exercise)


def answer(enrollment: Enrollment, exercise: Exercise, text: str | None = None) -> Submission:
    kwargs: dict[str, object] = {}
    if exercise.kind == "self_assessment":
        kwargs["ratings"] = {i: 3 for i in range(len(exercise.items))}
    elif exercise.kind == "multiple_choice":
        kwargs["choice_id"] = exercise.choices.get(is_correct=True).pk
    else:
        kwargs["answer_text"] = text or (
            STRONG_REPLY if exercise.slug == "reply-double-charge" else REFLECTION
        )
    submission = submission_create(
        enrollment=enrollment, exercise=exercise, client_token=uuid.uuid4(), **kwargs
    )
    if exercise.kind == "free_text":
        submission_grade(submission_id=submission.pk)
        submission.refresh_from_db()
    return submission
