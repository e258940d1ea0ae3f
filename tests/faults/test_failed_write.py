"""A database error after the answer's row is written: nothing is kept, nothing queued.

The fault is PostgreSQL's own: a trigger on the submissions table fails with "disk
full" either as the row is inserted or, deferred, when the transaction commits, after
the service has already registered its publish-on-commit.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection
from django.urls import reverse

from exercises.models import Submission, SubmissionStatus

from .helpers import EXERCISE, GRADE, STRONG_REPLY, queued_tasks

pytestmark = pytest.mark.django_db(transaction=True)

WHEN = {"on insert": "", "at commit": "DEFERRABLE INITIALLY DEFERRED"}


@contextmanager
def disk_full(when: str) -> Iterator[None]:
    """Make PostgreSQL fail every insert of a submission, ``when`` it says."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION faults_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "RAISE EXCEPTION 'could not extend file: No space left on device' "
            "USING ERRCODE = 'disk_full'; END $$"
        )
        cursor.execute(
            "CREATE CONSTRAINT TRIGGER faults_disk_full AFTER INSERT ON exercises_submission "
            f"{WHEN[when]} FOR EACH ROW EXECUTE FUNCTION faults_disk_full()"
        )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER faults_disk_full ON exercises_submission")
            cursor.execute("DROP FUNCTION faults_disk_full()")


@pytest.mark.parametrize("when", list(WHEN))
def test_a_database_error_after_the_row_rolls_back_and_publishes_nothing(when, broker, learners):
    # Given a learner, a real broker with no worker draining it, and a failing disk
    client = learners(1)[0]
    client.raise_request_exception = False
    form = {"answer": STRONG_REPLY, "client_token": str(uuid.uuid4())}
    url = reverse("learning:exercise_submit", args=["mini-empathy", EXERCISE])
    before = queued_tasks(broker)  # the enrolment's event, waiting to be fanned out
    assert GRADE not in before
    with disk_full(when):
        # When the learner posts an answer
        response = client.post(url, form)

        # Then they get an error, no attempt is stored, and nothing reached the broker
        assert response.status_code == 500
        assert not Submission.objects.exists()
        assert queued_tasks(broker) == before

    # And once the disk is fine, resending the same form stores it and queues it once
    response = client.post(url, form)
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.status == SubmissionStatus.QUEUED
    assert queued_tasks(broker) == [*before, GRADE]
