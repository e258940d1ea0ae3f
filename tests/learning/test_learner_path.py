"""The learner's path through the browser: continue where you left off, a next link
everywhere, and a revision that starts from the previous answer."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from courses.models import Enrollment, Lesson, LessonView
from exercises.models import Exercise
from exercises.services.submissions import submission_create
from exercises.tasks import submission_grade
from learning.services.progress import lesson_view_record

pytestmark = pytest.mark.django_db

COURSE = "mini-empathy"


@pytest.fixture(autouse=True)
def grade_in_process(monkeypatch):
    monkeypatch.setattr("exercises.tasks.grade_submission.delay", lambda *_: None)


def exercise_url(slug: str) -> str:
    return reverse("learning:exercise", args=[COURSE, slug])


def lesson_url(slug: str) -> str:
    return reverse("learning:lesson", args=[COURSE, slug])


def test_a_new_learner_continues_at_the_first_lesson(learner_client: Client):
    response = learner_client.get(reverse("learning:resume", args=[COURSE]))
    assert response.status_code == 302
    assert response["Location"] == lesson_url("the-feeling-first")


def test_continue_goes_to_the_first_exercise_not_passed(
    learner_client: Client, enrollment: Enrollment
):
    first = Lesson.objects.get(slug="the-feeling-first")
    lesson_view_record(enrollment=enrollment, lesson=first)
    style = Exercise.objects.get(slug="my-style")
    submission_create(
        enrollment=enrollment,
        exercise=style,
        client_token=uuid.uuid4(),
        ratings={i: 3 for i in range(len(style.items))},
    )
    response = learner_client.get(reverse("learning:resume", args=[COURSE]))
    assert response["Location"] == exercise_url("spot-the-feeling")

    overview = learner_client.get(reverse("learning:overview", args=[COURSE])).content.decode()
    assert "Continue: Spot the feeling" in overview
    home = learner_client.get(reverse("learning:home")).content.decode()
    assert reverse("learning:resume", args=[COURSE]) in home


def test_every_lesson_and_exercise_links_to_the_next_step(learner_client: Client):
    lesson = learner_client.get(lesson_url("the-feeling-first")).content.decode()
    assert f'href="{exercise_url("my-style")}"' in lesson
    assert "Next: How I tend to communicate" in lesson

    page = learner_client.get(exercise_url("spot-the-feeling")).content.decode()
    assert f'href="{exercise_url("reply-double-charge")}">Next: The double charge' in page

    # The last exercise of stage 1 leads into stage 2, which is still locked.
    last = learner_client.get(exercise_url("reply-double-charge")).content.decode()
    assert "Next: After the call, once you have passed every exercise in this stage." in last
    assert f'href="{lesson_url("after-the-call")}"' not in last


def test_trying_again_starts_from_the_last_answer(learner_client: Client):
    answer = "Sorry about that, Dana. I'll look into the double charge."
    learner_client.post(
        reverse("learning:exercise_submit", args=[COURSE, "reply-double-charge"]),
        {"answer": answer, "client_token": str(uuid.uuid4())},
    )
    page = learner_client.get(exercise_url("reply-double-charge")).content.decode()
    assert "Revise your answer" in page
    assert f">\n{answer}</textarea>" in page.replace("&#x27;", "'")


def test_a_passed_exercise_says_so_and_offers_to_improve(
    learner_client: Client, enrollment: Enrollment
):
    exercise = Exercise.objects.get(slug="reply-double-charge")
    strong = exercise.reference_replies.get(quality="strong").text
    submission = submission_create(
        enrollment=enrollment, exercise=exercise, client_token=uuid.uuid4(), answer_text=strong
    )
    submission_grade(submission_id=submission.pk)
    submission.refresh_from_db()
    assert submission.passed

    page = learner_client.get(exercise_url("reply-double-charge")).content.decode()
    assert "You passed this exercise" in page
    assert "Improve your answer (optional)" in page
    assert LessonView.objects.count() == 0  # nothing here marks the lesson read
