"""Nothing submitted is lost, and nothing half-written is queued."""

import uuid

import pytest
from django.db import DatabaseError

from exercises.models import Exercise, Submission, SubmissionStatus
from exercises.services.submissions import submission_create

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_database_error_after_the_row_rolls_back_and_queues_nothing(enrollment, monkeypatch):
    queued: list[int] = []
    monkeypatch.setattr("exercises.tasks.grade_submission.delay", queued.append)
    monkeypatch.setattr(
        "exercises.services.submissions.clean_answer", lambda text: text
    )  # let the row be written, then fail inside the same transaction
    original_save = Submission.save

    def save_then_fail(self, *args, **kwargs):
        original_save(self, *args, **kwargs)
        raise DatabaseError("disk full")

    monkeypatch.setattr(Submission, "save", save_then_fail)

    with pytest.raises(DatabaseError):
        submission_create(
            enrollment=enrollment,
            exercise=Exercise.objects.get(slug="reply-double-charge"),
            client_token=uuid.uuid4(),
            answer_text="Sorry, Dana.",
        )

    assert not Submission.objects.exists()
    assert queued == []


def test_a_broker_outage_keeps_the_answer_and_shows_grading(enrollment, monkeypatch):
    def broker_down(*_):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr("exercises.tasks.grade_submission.delay", broker_down)

    submission = submission_create(
        enrollment=enrollment,
        exercise=Exercise.objects.get(slug="reply-double-charge"),
        client_token=uuid.uuid4(),
        answer_text="Sorry, Dana.",
    )

    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED  # the sweep will queue it
    assert submission.is_pending
