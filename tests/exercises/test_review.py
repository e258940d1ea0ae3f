"""Trainers confirm or override low-confidence gradings; regrades keep history."""

import uuid

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from exercises.grading import CriterionResult, GradingResult
from exercises.models import Exercise, Grading, SubmissionStatus
from exercises.services.grading_queue import grading_store
from exercises.services.submissions import submission_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NAMES = ["emotional_reaction", "interpretation", "exploration", "non_judgment", "next_step"]


@pytest.fixture
def trainer_client():
    client = Client()
    client.force_login(UserFactory(username="tara", role="staff"))
    return client


@pytest.fixture
def doubtful(enrollment, monkeypatch):
    """A graded answer the grader was unsure about (confidence below the threshold)."""
    monkeypatch.setattr("exercises.tasks.grade_submission.delay", lambda *_: None)
    submission = submission_create(
        enrollment=enrollment,
        exercise=Exercise.objects.get(slug="reply-double-charge"),
        client_token=uuid.uuid4(),
        answer_text="Sorry Dana, I'll sort the refund today.",
    )
    result = GradingResult(
        criteria=tuple(CriterionResult(n, 1, (), "grader says") for n in NAMES),
        score=50.0,
        passed=True,
        confidence=0.1,
        grader_version="test-1",
    )
    grading_store(submission=submission, result=result)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.NEEDS_REVIEW
    return submission


def test_the_queue_lists_doubtful_gradings_for_trainers_only(
    trainer_client, doubtful, learner_client
):
    assert (
        "The double charge"
        in trainer_client.get(reverse("exercises:review_queue")).content.decode()
    )
    assert learner_client.get(reverse("exercises:review_queue")).status_code == 404
    assert learner_client.get(reverse("exercises:review", args=[doubtful.pk])).status_code == 404
    assert Client().get(reverse("exercises:review_queue")).status_code == 302


def test_confirming_records_who_and_why(trainer_client, doubtful):
    response = trainer_client.post(
        reverse("exercises:review", args=[doubtful.pk]),
        {
            "decision": "confirm",
            "reason": "Fair for a first try",
            **{f"level_{n}": 1 for n in NAMES},
        },
    )

    assert response.status_code == 302
    doubtful.refresh_from_db()
    assert doubtful.status == SubmissionStatus.GRADED
    current = Grading.objects.get(submission=doubtful, is_current=True)
    assert (current.source, current.reviewer.username, current.reason) == (
        "trainer",
        "tara",
        "Fair for a first try",
    )
    assert Grading.objects.filter(submission=doubtful).count() == 2  # the grader's stays


def test_overriding_levels_rescores(trainer_client, doubtful):
    levels = {f"level_{n}": 0 for n in NAMES} | {"level_next_step": 2}

    trainer_client.post(
        reverse("exercises:review", args=[doubtful.pk]),
        {"decision": "override", "reason": "No feeling acknowledged", **levels},
    )

    doubtful.refresh_from_db()
    assert doubtful.score == 20.0
    assert doubtful.passed is False
    feedback = Grading.objects.get(submission=doubtful, is_current=True).criteria.get(
        criterion="emotional_reaction"
    )
    assert feedback.level == 0
    assert "No feeling acknowledged" in feedback.feedback


def test_a_review_without_a_reason_changes_nothing(trainer_client, doubtful):
    response = trainer_client.post(
        reverse("exercises:review", args=[doubtful.pk]),
        {"decision": "confirm", "reason": "", **{f"level_{n}": 1 for n in NAMES}},
    )

    assert response.status_code == 400
    assert Grading.objects.filter(submission=doubtful).count() == 1


def test_regrade_adds_history_and_keeps_trainer_decisions(trainer_client, doubtful, capsys):
    call_command("regrade", "--exercise", "reply-double-charge")
    assert Grading.objects.filter(submission=doubtful).count() == 2
    assert "Re-graded 1 of 1" in capsys.readouterr().out

    trainer_client.post(
        reverse("exercises:review", args=[doubtful.pk]),
        {"decision": "confirm", "reason": "ok", **{f"level_{n}": 1 for n in NAMES}},
    )
    call_command("regrade", "--exercise", "reply-double-charge")
    assert "Re-graded 0 of 1" in capsys.readouterr().out
    assert Grading.objects.filter(submission=doubtful).count() == 3


@pytest.fixture
def failed(enrollment, monkeypatch):
    """A written answer the grader gave up on."""
    from exercises.services.grading_queue import submission_fail

    monkeypatch.setattr("exercises.tasks.grade_submission.delay", lambda *_: None)
    submission = submission_create(
        enrollment=enrollment,
        exercise=Exercise.objects.get(slug="reply-double-charge"),
        client_token=uuid.uuid4(),
        answer_text="Sorry Dana, I'll sort the refund today.",
    )
    submission_fail(submission_id=submission.pk, error="ValueError: grader bug")
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.FAILED
    return submission


def test_trainers_see_failed_gradings_and_send_them_again(
    trainer_client, failed, learner_client, django_capture_on_commit_callbacks, monkeypatch
):
    from activity.models import AuditEntry

    queued: list[int] = []
    monkeypatch.setattr("exercises.tasks.grade_submission.delay", queued.append)
    page = trainer_client.get(reverse("exercises:review_queue")).content.decode()
    assert "Could not be graded" in page and "ValueError: grader bug" in page
    url = reverse("exercises:grade_again", args=[failed.pk])

    assert learner_client.post(url).status_code == 404  # trainers only
    assert trainer_client.get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = trainer_client.post(url)

    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == SubmissionStatus.QUEUED and failed.grading_attempts == 0
    assert queued == [failed.pk]
    entry = AuditEntry.objects.get(action="submission.grade_again")
    assert entry.actor.username == "tara" and "grader bug" in entry.reason
    assert trainer_client.post(url).status_code == 404  # no longer failed: nothing to resend


def test_the_learner_is_told_a_failed_answer_is_with_the_trainers(failed, learner_client):
    fragment = learner_client.get(
        reverse("learning:submission_status", args=[failed.pk])
    ).content.decode()

    assert "listed for our trainers" in fragment
