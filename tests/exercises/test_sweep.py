"""The stuck-submission sweep re-queues only what is really lost.

An answer waiting behind a long backlog still has its message in the queue; re-queueing
it on age alone would add a duplicate every sweep, making the backlog longer each minute.
"""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from exercises.models import Exercise, Grading, Submission, SubmissionStatus
from exercises.services.grading_queue import (
    submission_grade,
    submissions_requeue_lost,
    submissions_sweep,
)
from exercises.services.submissions import submission_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(monkeypatch):
    """What the services would publish: grading messages and sweep checkpoints."""
    sent: dict[str, list] = {"grade": [], "checkpoint": []}
    monkeypatch.setattr(
        "exercises.tasks.grade_submission.delay", lambda pk: sent["grade"].append(pk)
    )
    monkeypatch.setattr(
        "exercises.tasks.requeue_lost_submissions.delay",
        lambda checkpoint: sent["checkpoint"].append(checkpoint),
    )
    return sent


@pytest.fixture
def queued_long_ago(enrollment, published, django_capture_on_commit_callbacks):
    """An answer whose message was published ten minutes ago and not taken yet."""
    with django_capture_on_commit_callbacks(execute=True):
        submission = submission_create(
            enrollment=enrollment,
            exercise=Exercise.objects.get(slug="reply-double-charge"),
            client_token=uuid.uuid4(),
            answer_text="Sorry, Dana.",
        )
    published["grade"].clear()
    long_ago = timezone.now() - timedelta(minutes=10)
    Submission.objects.filter(pk=submission.pk).update(
        queued_at=long_ago, status_changed_at=long_ago
    )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.QUEUED
    return submission


def test_an_answer_waiting_in_a_long_backlog_is_not_requeued(queued_long_ago, published):
    # When the sweep runs, and its checkpoint comes out of the queue before the answer's
    # message does (the checkpoint was published before it: the worker is behind)
    assert submissions_sweep() == {"requeued": 0, "failed": 0}
    checkpoint = queued_long_ago.queued_at - timedelta(seconds=30)
    requeued = submissions_requeue_lost(checkpoint=checkpoint)

    # Then no duplicate message is published for it
    assert requeued == 0
    assert published["grade"] == []
    assert len(published["checkpoint"]) == 1


def test_an_answer_whose_message_was_lost_is_requeued_once(queued_long_ago, published):
    # When the sweep's checkpoint comes out of the queue and the answer is still queued:
    # its message, published before the checkpoint, was taken by a worker that died
    submissions_sweep()
    requeued = submissions_requeue_lost(checkpoint=timezone.now())

    # Then it is queued again, once, and the clock restarts from this new message
    assert requeued == 1
    assert published["grade"] == [queued_long_ago.pk]
    queued_long_ago.refresh_from_db()
    assert queued_long_ago.queued_at > timezone.now() - timedelta(seconds=5)
    assert submissions_requeue_lost(checkpoint=timezone.now()) == 0
    assert published["grade"] == [queued_long_ago.pk]


def test_a_duplicate_message_is_harmless(queued_long_ago, published):
    # Given the lost message turns up after all, beside the sweep's new one
    submissions_requeue_lost(checkpoint=timezone.now())

    # When both are run
    assert submission_grade(submission_id=queued_long_ago.pk) is True
    assert submission_grade(submission_id=queued_long_ago.pk) is False

    # Then the answer is graded once
    assert Grading.objects.filter(submission=queued_long_ago).count() == 1
    queued_long_ago.refresh_from_db()
    assert queued_long_ago.grading_attempts == 1


def test_an_answer_that_never_reached_the_broker_is_queued_by_the_sweep(queued_long_ago, published):
    Submission.objects.filter(pk=queued_long_ago.pk).update(
        status=SubmissionStatus.SUBMITTED, queued_at=None
    )

    assert submissions_sweep() == {"requeued": 1, "failed": 0}

    assert published["grade"] == [queued_long_ago.pk]
    queued_long_ago.refresh_from_db()
    assert queued_long_ago.status == SubmissionStatus.QUEUED


def test_a_grading_cut_off_long_ago_is_requeued_but_one_in_progress_is_not(
    queued_long_ago, published
):
    Submission.objects.filter(pk=queued_long_ago.pk).update(
        status=SubmissionStatus.GRADING, grading_started_at=timezone.now(), grading_attempts=1
    )
    assert submissions_requeue_lost(checkpoint=timezone.now()) == 0

    Submission.objects.filter(pk=queued_long_ago.pk).update(
        grading_started_at=timezone.now() - timedelta(minutes=9)
    )
    assert submissions_requeue_lost(checkpoint=timezone.now()) == 1
    assert published["grade"] == [queued_long_ago.pk]
