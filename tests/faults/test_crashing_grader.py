"""A grader that crashes on every try: the answer ends ``failed`` after a bounded number
of attempts, the learner and staff both see it, and nothing keeps retrying."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from accounts.models import Role
from exercises.models import Exercise, Submission, SubmissionStatus
from exercises.services.grading_queue import submissions_sweep
from tests.factories import UserFactory

from .helpers import EXERCISE, answer, queued, unacked

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def test_a_grader_that_always_crashes_fails_visibly_and_stops(cluster, learners, wait_for):
    # Given a worker whose grader crashes on this exercise (its rubric does not exist)
    cluster.start_worker()
    Exercise.objects.filter(slug=EXERCISE).update(rubric="no-such-rubric")
    client = learners(1)[0]

    # When the learner answers
    page = answer(client, follow=True).content.decode()
    assert "Grading…" in page
    submission = Submission.objects.get()

    # Then it is tried a bounded number of times and ends failed
    wait_for(
        lambda: Submission.objects.filter(pk=submission.pk, status="failed").exists(),
        timeout=30,
        message="the submission never ended failed",
    )
    submission.refresh_from_db()
    limit = settings.ATTUNE["MAX_GRADING_ATTEMPTS"]
    assert submission.grading_attempts == limit
    assert "no-such-rubric" in submission.error

    # And nothing keeps trying: no message waits or is held (a retry with a countdown is
    # published before the failing run acks, and is held unacknowledged until it is due),
    # the attempts stay put, and the sweep leaves a failed answer alone
    wait_for(lambda: queued(cluster.broker) == 0 and unacked(cluster.broker) == 0)
    checkpoints = cluster.runs("exercises.tasks.requeue_lost_submissions")
    assert submissions_sweep() == {"requeued": 0, "failed": 0}
    wait_for(lambda: cluster.runs("exercises.tasks.requeue_lost_submissions") > checkpoints)
    wait_for(lambda: queued(cluster.broker) == 0 and unacked(cluster.broker) == 0)
    # (its checkpoint went through the worker and re-queued nothing)
    assert re.search(r"requeue_lost_submissions\[[^\]]+\] succeeded in [\d.]+s: 0", cluster.logs())
    submission.refresh_from_db()
    assert (submission.status, submission.grading_attempts) == (SubmissionStatus.FAILED, limit)

    # And the learner's page says so
    url = reverse("learning:exercise", args=["mini-empathy", EXERCISE])
    page = client.get(url).content.decode()
    assert "We could not grade this answer" in page
    assert "Grading…" not in page

    # And staff find it among the failed submissions in the admin, with the reason
    staff = UserFactory(username="ada", role=Role.STAFF, is_staff=True, is_superuser=True)
    admin = Client()
    admin.force_login(staff)
    listing = admin.get("/admin/exercises/submission/", {"status__exact": "failed"})
    assert escape(str(submission.learner)) in listing.content.decode()
    assert "Could not be graded" in listing.content.decode()
    detail = admin.get(f"/admin/exercises/submission/{submission.pk}/change/")
    assert "no-such-rubric" in detail.content.decode()
