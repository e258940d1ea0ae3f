"""Submitting answers through HTTP: bad input changes nothing, access is scoped."""

import re
import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from courses.models import LessonView
from exercises.models import Exercise, ExerciseProgress, Submission, SubmissionStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def submit_url(slug: str = "reply-double-charge") -> str:
    return reverse("learning:exercise_submit", kwargs={"course_slug": "mini-empathy", "slug": slug})


def detail_url(slug: str = "reply-double-charge") -> str:
    return reverse("learning:exercise", kwargs={"course_slug": "mini-empathy", "slug": slug})


@pytest.fixture(autouse=True)
def broker_unused(monkeypatch):
    """These tests never reach the worker: record what would be queued instead."""
    queued: list[int] = []
    monkeypatch.setattr(
        "exercises.tasks.grade_submission.delay", lambda submission_id: queued.append(submission_id)
    )
    return queued


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("", "Please write your answer before submitting."),
        ("    \n  ", "Please write your answer before submitting."),
        ("a" * 10_001, "the limit is 10,000"),
        ("Sorry\x00about that", "control characters"),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_saved(learner_client: Client, answer, message):
    response = learner_client.post(
        submit_url(), {"answer": answer, "client_token": str(uuid.uuid4())}
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Submission.objects.exists()


def test_a_written_answer_is_queued_after_commit(
    learner_client: Client, broker_unused, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = learner_client.post(
            submit_url(), {"answer": "I'm sorry, Dana.", "client_token": str(uuid.uuid4())}
        )

    submission = Submission.objects.get()
    assert response.status_code == 302
    assert response.url.endswith("#attempt-1")
    assert len(callbacks) == 1  # queued only once the row is committed
    assert broker_unused == [submission.pk]
    assert submission.status == SubmissionStatus.QUEUED


def test_the_page_shows_grading_right_after_submitting(learner_client: Client, monkeypatch):
    learner_client.post(submit_url(), {"answer": "Sorry, Dana.", "client_token": str(uuid.uuid4())})
    # The learner reads the page 300 ms later, however slow this machine is today.
    read_at = Submission.objects.get().submitted_at + timedelta(milliseconds=300)
    monkeypatch.setattr("django.utils.timezone.now", lambda: read_at)

    page = learner_client.get(detail_url()).content.decode()

    assert "Grading…" in page
    poll = re.search(r'hx-trigger="every (\d+)ms"', page)
    assert poll is not None
    assert int(poll.group(1)) < 1000  # a fresh answer is asked about sooner than once a second


def test_a_double_click_submits_once(learner_client: Client):
    token = str(uuid.uuid4())
    for _ in range(2):
        learner_client.post(submit_url(), {"answer": "Sorry, Dana.", "client_token": token})

    assert Submission.objects.count() == 1


def test_each_new_form_is_a_new_attempt(learner_client: Client):
    for _ in range(2):
        learner_client.post(
            submit_url(), {"answer": "Sorry, Dana.", "client_token": str(uuid.uuid4())}
        )

    assert sorted(Submission.objects.values_list("attempt", flat=True)) == [1, 2]


def test_multiple_choice_is_graded_at_once(learner_client: Client, enrollment):
    exercise = Exercise.objects.get(slug="spot-the-feeling")
    wrong = exercise.choices.get(is_correct=False)
    right = exercise.choices.get(is_correct=True)

    learner_client.post(
        submit_url("spot-the-feeling"), {"choice": wrong.pk, "client_token": str(uuid.uuid4())}
    )
    page = learner_client.get(detail_url("spot-the-feeling")).content.decode()
    assert "Not quite." in page
    assert wrong.explanation in page

    learner_client.post(
        submit_url("spot-the-feeling"), {"choice": right.pk, "client_token": str(uuid.uuid4())}
    )
    progress = ExerciseProgress.objects.get(enrollment=enrollment, exercise=exercise)
    assert progress.attempts == 2
    assert progress.passed_at is not None


def test_a_choice_from_another_exercise_is_refused(learner_client: Client, course):
    foreign = Exercise.objects.get(slug="spot-the-feeling").choices.first()

    response = learner_client.post(
        submit_url("reply-double-charge"), {"choice": foreign.pk, "answer": ""}
    )

    assert response.status_code == 400
    assert not Submission.objects.exists()


def test_another_learners_submission_is_not_found(learner_client: Client, course):
    learner_client.post(submit_url(), {"answer": "Sorry, Dana.", "client_token": str(uuid.uuid4())})
    mine = Submission.objects.get()
    other = Client()
    other.force_login(UserFactory())

    response = other.get(reverse("learning:submission_status", args=[mine.pk]))

    assert response.status_code == 404
    assert (
        learner_client.get(reverse("learning:submission_status", args=[mine.pk])).status_code == 200
    )


def test_a_locked_stage_is_refused_with_what_unlocks_it(learner_client: Client):
    lesson = reverse(
        "learning:lesson", kwargs={"course_slug": "mini-empathy", "lesson_slug": "after-the-call"}
    )

    assert learner_client.get(lesson).status_code == 403
    assert learner_client.get(detail_url("reflect-on-a-call")).status_code == 403
    response = learner_client.post(
        submit_url("reflect-on-a-call"), {"answer": "I felt", "client_token": str(uuid.uuid4())}
    )
    assert response.status_code == 403
    assert "finish <strong>Noticing</strong>" in response.content.decode()
    assert not LessonView.objects.filter(lesson__slug="after-the-call").exists()
    assert not Submission.objects.exists()


def test_a_course_you_are_not_in_is_not_found(course):
    client = Client()
    client.force_login(UserFactory())

    assert client.get(reverse("learning:overview", args=["mini-empathy"])).status_code == 404
    assert client.get(detail_url()).status_code == 404


def test_unknown_exercise_is_not_found(learner_client: Client):
    assert learner_client.get(detail_url("no-such-exercise")).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/courses/mini-empathy/",
        "/courses/mini-empathy/lessons/the-feeling-first/",
        "/courses/mini-empathy/exercises/reply-double-charge/",
        "/submissions/1/",
    ],
)
def test_anonymous_visitors_are_sent_to_log_in(client: Client, course, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")


def test_pages_carry_a_content_security_policy(learner_client: Client):
    response = learner_client.get("/")

    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_self_assessment_sets_the_learners_style(learner_client: Client, learner):
    ratings = {"rating_0": 5, "rating_1": 4, "rating_2": 2, "rating_3": 1}

    learner_client.post(submit_url("my-style"), {**ratings, "client_token": str(uuid.uuid4())})

    learner.refresh_from_db()
    assert learner.communication_style == "direct"
    page = learner_client.get(detail_url("my-style")).content.decode()
    assert "Your leading style: <strong>Direct</strong>" in page
    assert "Can skip the feeling and sound curt." in page
    assert "not a diagnosis" in page


def test_self_assessment_needs_every_statement_rated(learner_client: Client, learner):
    response = learner_client.post(
        submit_url("my-style"), {"rating_0": 5, "client_token": str(uuid.uuid4())}
    )

    assert response.status_code == 400
    assert "Please rate this statement." in response.content.decode()
    assert not Submission.objects.exists()
