"""How often the page asks whether feedback is ready: soon at first, then once a second."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from exercises.models import Exercise, Submission
from exercises.presenters import poll_delay_ms


@pytest.mark.parametrize(
    ("waited", "delay_ms"),
    [
        (timedelta(0), 100),  # the page right after submitting: grading takes ~50 ms
        (timedelta(milliseconds=150), 100),
        (timedelta(milliseconds=600), 300),  # backing off: half the time waited so far
        (timedelta(seconds=1.5), 750),
        (timedelta(seconds=2), 1000),
        (timedelta(minutes=5), 1000),  # a long queue or a stopped worker: once a second
    ],
)
def test_the_page_asks_soon_then_backs_off_to_once_a_second(waited, delay_ms):
    assert poll_delay_ms(waited) == delay_ms


@pytest.mark.django_db
def test_an_answer_pending_for_a_minute_is_polled_once_a_second(learner_client: Client, enrollment):
    exercise = Exercise.objects.get(slug="reply-double-charge")
    submission = Submission.objects.create(
        exercise=exercise,
        enrollment=enrollment,
        learner=enrollment.user,
        attempt=1,
        answer_text="Sorry, Dana.",
        status="queued",
    )
    Submission.objects.filter(pk=submission.pk).update(
        submitted_at=timezone.now() - timedelta(minutes=1)
    )

    fragment = learner_client.get(reverse("learning:submission_status", args=[submission.pk]))

    assert 'hx-trigger="every 1000ms"' in fragment.content.decode()
