"""Assignment and Grade Services with a real Celery worker: each change of a launched
learner's result reaches the platform's gradebook once, retried when the platform
fails, and a duplicate task or a sweep posts nothing twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from activity.models import Event
from courses.models import Lesson
from lti.models import GradeLink, ScorePost, ScoreStatus
from lti.scores.outbox import score_record
from lti.scores.sweep import lti_sweep
from lti.tasks import lti_scores_record

from .platform import LaunchSpec

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def scores_for(platform, count: int, wait_for) -> list[dict]:
    wait_for(lambda: len(platform.received.scores) >= count, message=f"{count} score(s)")
    return list(platform.received.scores)


def test_progress_is_posted_to_the_platform_once_per_change(
    celery_worker, registered, alice, launch, lti_platform, course, wait_for
):
    registered()
    client = Client()
    assert launch(client, LaunchSpec(person="alice")).status_code == 302
    link = GradeLink.objects.get(enrollment__user=alice)

    first = scores_for(lti_platform, 1, wait_for)[0]
    lesson = Lesson.objects.filter(course=course).order_by("stage__position", "position").first()
    assert client.get(f"/courses/{course.slug}/lessons/{lesson.slug}/").status_code == 200
    second = scores_for(lti_platform, 2, wait_for)[1]

    assert first["lineitem"] == "/lineitems/1/scores" and first["userId"] == "user-alice"
    assert (first["scoreGiven"], first["activityProgress"]) == (0.0, "Initialized")
    assert second["scoreGiven"] > 0 and second["activityProgress"] == "InProgress"
    assert second["scoreMaximum"] == 100 and second["gradingProgress"] == "FullyGraded"
    wait_for(lambda: not ScorePost.objects.exclude(status=ScoreStatus.SENT).exists())
    assert list(link.posts.values_list("version", flat=True)) == [1, 2]

    # The same change handled again (a redelivered task, the sweep) posts nothing.
    event_ids = [str(pk) for pk in Event.objects.values_list("pk", flat=True)]
    assert lti_scores_record(event_ids) == 0
    assert score_record(grade_link_id=link.pk) is None
    assert lti_sweep()["recorded"] == 0
    assert len(lti_platform.received.scores) == 2
    assert len(lti_platform.received.tokens) >= 1  # client_credentials with our signed JWT


def test_a_failing_platform_gets_the_score_again_until_it_takes_it(
    celery_worker, registered, alice, launch, lti_platform, wait_for
):
    registered()
    lti_platform.received.score_statuses = [503, 500]

    assert launch(Client(), LaunchSpec(person="alice")).status_code == 302

    scores = scores_for(lti_platform, 1, wait_for)
    post = wait_for(lambda: ScorePost.objects.filter(status=ScoreStatus.SENT).first(), timeout=30)
    assert post.attempts == 3 and post.last_error == ""
    assert len(scores) == 1


def test_a_launch_without_a_gradebook_column_posts_nothing(registered, alice, launch):
    registered()

    assert launch(Client(), LaunchSpec(person="alice", lineitem=None)).status_code == 302

    assert not GradeLink.objects.exists() and not ScorePost.objects.exists()


def test_a_score_whose_message_never_reached_the_broker_is_sent_by_the_sweep(
    celery_worker, registered, alice, launch, lti_platform, course, monkeypatch, wait_for
):
    registered()
    client = Client()
    assert launch(client, LaunchSpec(person="alice")).status_code == 302
    scores_for(lti_platform, 1, wait_for)
    link = GradeLink.objects.get(enrollment__user=alice)
    wait_for(lambda: not ScorePost.objects.exclude(status=ScoreStatus.SENT).exists())

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr("lti.tasks.lti_score_send.apply_async", broker_down)
    enrollment = link.enrollment
    enrollment.progress_percent = 50  # a change recorded while the broker was down
    enrollment.save(update_fields=["progress_percent"])
    post = score_record(grade_link_id=link.pk)
    assert post is not None and post.status == ScoreStatus.PENDING
    monkeypatch.undo()
    ScorePost.objects.filter(pk=post.pk).update(created_at=post.created_at - timedelta(minutes=2))

    assert lti_sweep()["requeued"] == 1

    second = scores_for(lti_platform, 2, wait_for)[1]
    assert second["scoreGiven"] == 50.0
    wait_for(lambda: ScorePost.objects.get(pk=post.pk).status == ScoreStatus.SENT)


@pytest.mark.django_db(transaction=False)
def test_the_sweep_records_a_change_no_task_recorded(registered, alice, launch, monkeypatch):
    registered()
    assert launch(Client(), LaunchSpec(person="alice")).status_code == 302
    link = GradeLink.objects.get(enrollment__user=alice)
    assert link.posts.count() == 1  # the launch recorded the result as it was
    enrollment = link.enrollment
    enrollment.progress_percent = 30  # changed, but its event's task was lost
    enrollment.save(update_fields=["progress_percent", "updated_at"])
    later = enrollment.updated_at + timedelta(minutes=2)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)

    assert lti_sweep()["recorded"] == 1
    assert lti_sweep()["recorded"] == 0  # nothing changed since

    assert list(link.posts.values_list("version", "score_given")) == [(1, 0.0), (2, 30.0)]
