"""Operations: readiness names what failed, every request and task has an id in the logs,
and /metrics adds up every process's samples for a permitted scraper only."""

from __future__ import annotations

import io
import json
import logging
import re
import uuid
from logging.config import DictConfigurator

import pytest
from celery.signals import task_postrun, task_prerun
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from exercises.models import Submission
from lms.celery import app

pytestmark = pytest.mark.django_db

DEAD = "redis://127.0.0.1:1/0"  # nothing listens on port 1: refused at once


def test_ready_when_database_broker_and_cache_answer(client: Client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "broker": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_not_ready_names_the_broker_when_it_is_down(client: Client, monkeypatch):
    monkeypatch.setattr(app.conf, "broker_url", DEAD)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["failed"] == ["broker"]
    assert response.json()["checks"]["broker"].startswith("failed")
    assert "127.0.0.1:1" not in response.content.decode()  # the probe is public


def test_not_ready_names_the_cache_when_it_is_down(client: Client):
    dead_cache = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                              "LOCATION": DEAD}}  # fmt: skip
    with override_settings(CACHES=dead_cache):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["failed"] == ["cache"]


def test_liveness_stays_up_when_readiness_is_not(client: Client, monkeypatch):
    monkeypatch.setattr(app.conf, "broker_url", DEAD)

    assert client.get("/healthz").status_code == 200


# --- request and task ids -----------------------------------------------------------


def json_lines_of(logger_name: str) -> tuple[logging.Handler, io.StringIO]:
    """A handler built from the settings' JSON formatter and ids filter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    spec = dict(settings.LOGGING["formatters"]["json"])
    handler.setFormatter(DictConfigurator({}).configure_formatter(spec))
    handler.addFilter(
        DictConfigurator({}).configure_filter(dict(settings.LOGGING["filters"]["ids"]))
    )
    logging.getLogger(logger_name).addHandler(handler)
    return handler, stream


def test_a_request_keeps_its_x_request_id_in_the_response_and_in_json_logs(client: Client):
    handler, stream = json_lines_of("django.request")
    try:
        response = client.get("/no/such/page/", headers={"X-Request-ID": "edge-42.a"})
    finally:
        logging.getLogger("django.request").removeHandler(handler)

    record = json.loads(stream.getvalue().splitlines()[-1])
    assert response["X-Request-ID"] == "edge-42.a"
    assert record["request_id"] == "edge-42.a" and record["level"] == "WARNING"
    assert record["message"].startswith("Not Found")


@pytest.mark.parametrize("sent", [None, "two words", "x" * 129, "a\nforged line"])
def test_a_missing_or_unsafe_request_id_is_replaced(client: Client, sent):
    headers = {"X-Request-ID": sent} if sent else {}

    echoed = client.get("/healthz", headers=headers)["X-Request-ID"]

    assert re.fullmatch(r"[0-9a-f]{32}", echoed)


def test_log_lines_inside_a_task_carry_its_task_id():
    handler, stream = json_lines_of("attune.test")
    log = logging.getLogger("attune.test")
    try:
        task_prerun.send(sender=None, task_id="task-7", task=None, args=(), kwargs={})
        log.warning("inside")
        task_postrun.send(sender=None, task_id="task-7", task=None, args=(), retval=None)
        log.warning("after")
    finally:
        log.removeHandler(handler)

    inside, after = (json.loads(line) for line in stream.getvalue().splitlines())
    assert inside["task_id"] == "task-7" and after["task_id"] is None


# --- metrics ---------------------------------------------------------------------------


def samples(text: str, name: str) -> dict[str, float]:
    found = {}
    for line in text.splitlines():
        if line.startswith(name):
            key, _, value = line.rpartition(" ")
            found[key] = float(value)
    return found


def test_metrics_count_requests_by_route(client: Client):
    client.get("/healthz")
    before = samples(client.get("/metrics").content.decode(), "attune_http_requests_total")
    client.get("/healthz")
    after = samples(client.get("/metrics").content.decode(), "attune_http_requests_total")

    key = 'attune_http_requests_total{method="GET",route="healthz",status="200"}'
    assert after[key] == before[key] + 1


def test_metrics_are_refused_to_an_address_not_allowed_without_the_token():
    outsider = Client(REMOTE_ADDR="203.0.113.5")
    with override_settings(ATTUNE_METRICS_TOKEN="s3cret-scrape"):
        refused = outsider.get("/metrics")
        wrong = outsider.get("/metrics", headers={"Authorization": "Bearer guess"})
        allowed = outsider.get("/metrics", headers={"Authorization": "Bearer s3cret-scrape"})

    assert refused.status_code == wrong.status_code == 403
    assert allowed.status_code == 200 and "attune_http_requests_total" in allowed.content.decode()


def test_queue_depth_is_read_from_the_broker_at_scrape_time(client: Client):
    import redis

    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    broker.delete(queue)
    broker.lpush(queue, b"{}", b"{}", b"{}")  # as if three tasks waited
    try:
        body = client.get("/metrics").content.decode()
    finally:
        broker.delete(queue)

    assert samples(body, "attune_queue_depth") == {"attune_queue_depth": 3.0}


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_grading_in_the_worker_process_shows_in_this_process_metrics(
    celery_worker, learner_client: Client, wait_for
):
    """The worker is another process: its samples reach /metrics through the shared
    multiprocess directory."""
    before = samples(learner_client.get("/metrics").content.decode(), "attune_grading_latency")
    learner_client.post(
        reverse("learning:exercise_submit", args=["mini-empathy", "reply-double-charge"]),
        {"answer": "I'm so sorry, Dana. I've refunded the double charge today.",
         "client_token": str(uuid.uuid4())},
    )  # fmt: skip
    wait_for(lambda: Submission.objects.filter(graded_at__isnull=False).exists(), timeout=30)

    def counted() -> bool:
        body = learner_client.get("/metrics").content.decode()
        count = samples(body, "attune_grading_latency_seconds_count")
        return count.get("attune_grading_latency_seconds_count", 0) > before.get(
            "attune_grading_latency_seconds_count", 0
        )

    wait_for(counted, timeout=10, message="the worker's grading never reached /metrics")
    body = learner_client.get("/metrics").content.decode()
    assert 'attune_task_duration_seconds_count{task="exercises.tasks.grade_submission"}' in body


def test_a_grading_given_up_and_a_task_that_raised_are_counted(client: Client, enrollment):
    """The grading task marks an answer failed and returns (it does not raise): that
    counts as a failed grading; a task that raises counts as a failed task."""
    from celery.signals import task_failure

    from exercises.models import Exercise
    from exercises.services.grading_queue import submission_fail
    from exercises.services.submissions import submission_create
    from exercises.tasks import grade_submission

    submission = submission_create(
        enrollment=enrollment,
        exercise=Exercise.objects.get(slug="reply-double-charge"),
        client_token=str(uuid.uuid4()),
        answer_text="Sorry, Dana.",
    )
    submission_fail(submission_id=submission.pk, error="Grading took too long.")
    before = client.get("/metrics").content.decode()

    task_postrun.send(
        sender=grade_submission, task_id="t-9", task=grade_submission,
        args=(submission.pk,), retval=False,
    )  # fmt: skip
    task_failure.send(sender=grade_submission, task_id="t-9", exception=RuntimeError())
    after = client.get("/metrics").content.decode()

    failed = "attune_gradings_failed_total"
    raised = 'attune_task_failures_total{task="exercises.tasks.grade_submission"}'
    assert samples(after, failed)[failed] == samples(before, failed)[failed] + 1
    assert samples(after, raised)[raised] == samples(before, raised).get(raised, 0) + 1
