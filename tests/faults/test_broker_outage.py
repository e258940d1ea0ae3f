"""Redis stops while learners are answering, then comes back empty: every answer is
accepted with "Grading…" meanwhile, and every one is graded, once, afterwards."""

from __future__ import annotations

import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.test import Client
from django.urls import reverse

from exercises.models import FINAL_STATUSES, Grading, Submission, SubmissionStatus

from .helpers import ANSWERS, EXERCISE, GRADE, answer, queued_tasks

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

DURING_OUTAGE = 20


def answer_and_read(client: Client, text: str) -> tuple[str, str]:
    """Answer as the learner does and read the page the site sends them to; returns
    the new attempt's status on that page, and the page. A request that waits on the
    dead broker (no connect timeout, endless publish retries) fails after a deadline
    far longer than a bounded retry takes, rather than hanging the test."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        response = pool.submit(answer, client, text, follow=True).result(timeout=30)
    assert response.status_code == 200, response.content[:500]
    attempt = response.redirect_chain[-1][0].rsplit("#attempt-", 1)[1]
    page = response.content.decode()
    status = re.search(rf'id="attempt-{attempt}" data-status="(\w+)"', page)
    assert status, f"attempt {attempt} is not on the page"
    return status.group(1), page


def test_answers_survive_a_redis_outage(cluster, learners, wait_for):
    # Given a worker and beat on our own Redis, and answers graded as usual
    clients = learners(5)
    worker = cluster.start_worker()
    cluster.start_beat()
    for number, client in enumerate(clients):
        assert answer(client, ANSWERS[number % 3]).status_code == 302
    wait_for(lambda: Submission.objects.filter(status__in=FINAL_STATUSES).count() == 5)

    # And answers queued but not taken yet when Redis dies (the worker is stalled)
    worker.pause()
    for client in clients:
        assert answer(client).status_code == 302
    assert Submission.objects.filter(status=SubmissionStatus.QUEUED).count() == 5
    assert queued_tasks(cluster.broker).count(GRADE) >= 3  # (a stalled fetch may hold one)
    cluster.broker.kill()

    # When learners keep answering while Redis is down
    for number in range(DURING_OUTAGE):
        status, page = answer_and_read(clients[number % 5], ANSWERS[number % 3])

        # Then each answer is accepted at once and the page shows it being graded
        assert status == SubmissionStatus.SUBMITTED
        assert "Grading…" in page and "could not" not in page
    assert Submission.objects.filter(status=SubmissionStatus.SUBMITTED).count() == DURING_OUTAGE

    # When Redis comes back on the same port, empty, and the worker carries on
    cluster.broker.start()
    worker.resume()

    # Then every answer is graded, each exactly once, and the learners see feedback
    wait_for(
        lambda: Submission.objects.filter(status__in=FINAL_STATUSES).count() == 30,
        timeout=60,
        message="answers sent around the outage were not all graded",
    )
    submissions = Counter(Submission.objects.values_list("pk", flat=True))
    assert Counter(Grading.objects.values_list("submission_id", flat=True)) == submissions
    assert not Submission.objects.filter(status=SubmissionStatus.FAILED).exists()
    for client in clients:
        page = client.get(reverse("learning:exercise", args=["mini-empathy", EXERCISE]))
        assert "Grading…" not in page.content.decode()
        assert "pass mark" in page.content.decode()  # the verdict on each attempt
