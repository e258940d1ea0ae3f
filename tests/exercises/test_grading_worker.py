"""Grading through a real Celery worker process, real Redis and real PostgreSQL."""

import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from activity.models import Event
from courses.models import Certificate, Enrollment
from exercises.models import Exercise, Grading, Submission, SubmissionStatus
from exercises.services.grading_queue import submission_grade, submissions_sweep
from exercises.services.submissions import submission_create

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

STRONG_REPLY = (
    "Being charged twice right before your rent goes out on Friday must be really worrying, "
    "Dana. So the same order has left your card twice this week. I've refunded the second "
    "charge now and you will see it back by Thursday. Is the rent payment at risk, or is "
    "there anything else this has affected for you this week?"
)
REFLECTION = (
    "Last week a caller shouted that we had lied about his delivery. I felt defensive and "
    "angry the moment he said lied. I started quoting the delivery policy and talked over "
    "him. Next time someone says we lied, I will pause, let him finish, and ask what "
    "happened before I explain the policy."
)


def status_fragment(client: Client, submission: Submission) -> str:
    return client.get(reverse("learning:submission_status", args=[submission.pk])).content.decode()


def graded(submission: Submission) -> Submission | None:
    submission.refresh_from_db()
    return submission if submission.status not in ("submitted", "queued", "grading") else None


def test_an_answer_is_graded_by_the_worker_and_the_feedback_appears(
    celery_worker, learner_client: Client, wait_for
):
    response = learner_client.post(
        reverse("learning:exercise_submit", args=["mini-empathy", "reply-double-charge"]),
        {"answer": STRONG_REPLY, "client_token": str(uuid.uuid4())},
    )
    assert response.status_code == 302
    submission = Submission.objects.get()

    wait_for(lambda: graded(submission), message="the worker never graded the answer")
    fragment = status_fragment(learner_client, submission)

    assert submission.status == SubmissionStatus.GRADED
    assert submission.grader_version
    assert "hx-trigger" not in fragment  # polling stops once there is feedback
    assert "Responds to the feeling" in fragment
    assert "What was good:" in fragment or "What to improve:" in fragment
    # A strong reply passes, and the trainers' examples are offered once it has.
    assert submission.passed
    assert "Compare with our trainers' example replies" in fragment
    page = learner_client.get(
        reverse("learning:exercise", args=["mini-empathy", "reply-double-charge"])
    ).content.decode()
    assert 'id="examples-heading"' in page
    grading = Grading.objects.get(submission=submission)
    assert grading.criteria.count() == 5
    assert all(0 <= c.level <= 2 for c in grading.criteria.all())


def test_the_whole_journey_ends_with_a_verifiable_certificate(
    celery_worker, learner_client: Client, enrollment: Enrollment, wait_for
):
    course = reverse("learning:overview", args=["mini-empathy"])
    assert 'data-state="locked"' in learner_client.get(course).content.decode()
    learner_client.get(reverse("learning:lesson", args=["mini-empathy", "the-feeling-first"]))
    learner_client.post(
        reverse("learning:exercise_submit", args=["mini-empathy", "my-style"]),
        {f"rating_{i}": 3 for i in range(4)} | {"client_token": str(uuid.uuid4())},
    )
    right = Exercise.objects.get(slug="spot-the-feeling").choices.get(is_correct=True)
    learner_client.post(
        reverse("learning:exercise_submit", args=["mini-empathy", "spot-the-feeling"]),
        {"choice": right.pk, "client_token": str(uuid.uuid4())},
    )
    learner_client.post(
        reverse("learning:exercise_submit", args=["mini-empathy", "reply-double-charge"]),
        {"answer": STRONG_REPLY, "client_token": str(uuid.uuid4())},
    )
    reply = Submission.objects.get(exercise__slug="reply-double-charge")
    wait_for(lambda: graded(reply))
    assert reply.passed, f"strong reply scored {reply.score}"

    assert 'data-state="locked"' not in learner_client.get(course).content.decode()
    learner_client.get(reverse("learning:lesson", args=["mini-empathy", "after-the-call"]))
    learner_client.post(
        reverse("learning:exercise_submit", args=["mini-empathy", "reflect-on-a-call"]),
        {"answer": REFLECTION, "client_token": str(uuid.uuid4())},
    )
    reflection = Submission.objects.get(exercise__slug="reflect-on-a-call")
    wait_for(lambda: graded(reflection))
    assert reflection.passed, f"reflection scored {reflection.score}"

    enrollment.refresh_from_db()
    assert enrollment.status == "completed"
    assert enrollment.progress_percent == 100
    certificate = Certificate.objects.get(enrollment=enrollment)
    page = learner_client.get(reverse("learning:completion", args=["mini-empathy"]))
    assert certificate.code in page.content.decode()
    public = Client().get(reverse("courses:certificate", args=[certificate.code]))
    assert public.status_code == 200
    assert "Maya Okafor" in public.content.decode()
    assert Client().get(reverse("courses:certificate", args=["NOPE-NOPE-NOPE"])).status_code == 404

    events = list(Event.objects.filter(learner=enrollment.user).values_list("type", "data"))
    types = [t for t, _ in events]
    assert types.count("stage.completed") == 2
    assert types.count("course.completed") == 1
    assert types.count("submission.graded") == 4
    assert "lesson.viewed" in types
    assert not any(STRONG_REPLY[:40] in str(data) for _, data in events)  # no answer text


def test_a_second_delivery_changes_nothing(celery_worker, enrollment, wait_for):
    exercise = Exercise.objects.get(slug="reply-double-charge")
    submission = submission_create(
        enrollment=enrollment,
        exercise=exercise,
        client_token=uuid.uuid4(),
        answer_text=STRONG_REPLY,
    )
    wait_for(lambda: graded(submission))

    assert submission_grade(submission_id=submission.pk) is False
    assert Grading.objects.filter(submission=submission).count() == 1


def test_the_sweep_recovers_a_lost_message(celery_worker, enrollment, wait_for, monkeypatch):
    exercise = Exercise.objects.get(slug="reply-double-charge")
    with monkeypatch.context() as patch:  # the broker "loses" the first message
        patch.setattr("exercises.tasks.grade_submission.delay", lambda *_: None)
        submission = submission_create(
            enrollment=enrollment,
            exercise=exercise,
            client_token=uuid.uuid4(),
            answer_text="Sorry.",
        )
    ten_minutes_ago = timezone.now() - timedelta(minutes=10)
    Submission.objects.filter(pk=submission.pk).update(
        status=SubmissionStatus.QUEUED, queued_at=ten_minutes_ago, status_changed_at=ten_minutes_ago
    )

    # The sweep's checkpoint goes through the worker's queue, then re-queues the answer
    assert submissions_sweep() == {"requeued": 0, "failed": 0}
    wait_for(lambda: graded(submission), message="the sweep did not get it graded")
    assert submission.status == SubmissionStatus.GRADED
    assert Grading.objects.filter(submission=submission).count() == 1


def test_a_grader_that_keeps_crashing_ends_failed_not_looping(
    celery_worker, learner_client: Client, enrollment, wait_for
):
    exercise = Exercise.objects.get(slug="reply-double-charge")
    Exercise.objects.filter(pk=exercise.pk).update(rubric="no-such-rubric")  # grader raises
    exercise.refresh_from_db()
    submission = submission_create(
        enrollment=enrollment, exercise=exercise, client_token=uuid.uuid4(), answer_text="Sorry."
    )

    wait_for(lambda: graded(submission), timeout=30)

    assert submission.status == SubmissionStatus.FAILED
    assert submission.grading_attempts == 3
    assert "no-such-rubric" in submission.error
    assert "could not grade this answer" in status_fragment(learner_client, submission)
