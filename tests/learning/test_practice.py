"""Answering as a learner: only an exercise open to them now, and a pass recorded by
exercises moves the course on in the same transaction (exercises cannot see the path)."""

from __future__ import annotations

import uuid

import pytest
from django.db import transaction

from courses.models import Course, Enrollment, Lesson
from exercises.errors import SubmissionRejected
from exercises.models import Conversation, Exercise, Submission
from exercises.services.submissions import submission_create
from exercises.tasks import submission_grade
from learning.path import course_map, enrollment_progress
from learning.services.practice import learner_conversation_start, learner_submission_create
from learning.services.progress import lesson_view_record
from tests.exercises.conversations import CONVERSATION_COURSE, add_conversation_to

pytestmark = pytest.mark.django_db

LOCKED = "reflect-on-a-call"  # the mini course's second stage


@pytest.fixture(autouse=True)
def grade_in_process(monkeypatch):
    monkeypatch.setattr("exercises.tasks.grade_submission.delay", lambda *_: None)


def pass_the_first_stage(enrollment: Enrollment) -> None:
    """Read the first lesson and pass its exercises, through exercises' own services."""
    lesson_view_record(enrollment=enrollment, lesson=Lesson.objects.get(slug="the-feeling-first"))
    style = Exercise.objects.get(slug="my-style")
    submission_create(
        enrollment=enrollment, exercise=style, client_token=uuid.uuid4(),
        ratings={i: 3 for i in range(len(style.items))},
    )  # fmt: skip
    spot = Exercise.objects.get(slug="spot-the-feeling")
    submission_create(
        enrollment=enrollment, exercise=spot, client_token=uuid.uuid4(),
        choice_id=spot.choices.get(is_correct=True).pk,
    )  # fmt: skip
    reply = Exercise.objects.get(slug="reply-double-charge")
    submission = submission_create(
        enrollment=enrollment, exercise=reply, client_token=uuid.uuid4(),
        answer_text=reply.reference_replies.get(quality="strong").text,
    )  # fmt: skip
    submission_grade(submission_id=submission.pk)


def test_an_exercise_in_a_locked_stage_is_refused_and_nothing_is_stored(enrollment: Enrollment):
    with pytest.raises(SubmissionRejected, match="stage you have not unlocked yet"):
        learner_submission_create(
            enrollment=enrollment,
            exercise=Exercise.objects.get(slug=LOCKED),
            client_token=uuid.uuid4(),
            answer_text="I noticed I got defensive when the customer raised their voice.",
        )
    assert not Submission.objects.exists()


def test_passing_the_first_stage_opens_the_next_in_the_same_transaction(enrollment: Enrollment):
    with transaction.atomic():
        pass_the_first_stage(enrollment)
        # Before any commit: the pass exercises recorded has already moved the course on.
        enrollment.refresh_from_db()
        assert enrollment.stage_completions.count() == 1
        progress = enrollment_progress(enrollment, course_map(enrollment.course))
        assert progress.percent > 0

    submission = learner_submission_create(
        enrollment=enrollment,
        exercise=Exercise.objects.get(slug=LOCKED),
        client_token=uuid.uuid4(),
        answer_text="I noticed I got defensive when the customer raised their voice.",
    )
    assert submission.attempt == 1


def test_a_conversation_in_a_locked_stage_is_refused(enrollment: Enrollment, course: Course):
    assert CONVERSATION_COURSE.exists()
    exercise = add_conversation_to(course)
    second_stage = Lesson.objects.get(slug="after-the-call")
    Exercise.objects.filter(pk=exercise.pk).update(lesson=second_stage)
    exercise.refresh_from_db()

    with pytest.raises(SubmissionRejected, match="stage you have not unlocked yet"):
        learner_conversation_start(
            enrollment=enrollment, exercise=exercise, client_token=uuid.uuid4()
        )
    assert not Conversation.objects.exists()


def test_a_skills_check_that_is_not_open_is_refused(
    course_with_checks: Course, enrollment: Enrollment
):
    after = Exercise.objects.filter(diagnostic__slug="after-the-course").first()
    assert after is not None
    with pytest.raises(SubmissionRejected, match="skills check is not open for you now"):
        learner_submission_create(
            enrollment=enrollment,
            exercise=after,
            client_token=uuid.uuid4(),
            answer_text="Hi, I'm sorry the van repair ran over. Here is what I'll do now.",
        )
    assert not Submission.objects.exists()
