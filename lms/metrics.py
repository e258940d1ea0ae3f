"""Prometheus metrics (prometheus-client, multiprocess mode).

Web workers and the Celery pool are separate processes; each writes its samples to
files in ``PROMETHEUS_MULTIPROC_DIR`` (set by the settings, under ``var/``) and a scrape
of /metrics adds them up. Files left by processes that are gone are removed when a
process starts, so a restart starts from zero and the directory does not grow. Queue
depth is read at scrape time, from the broker and from the submissions table.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from prometheus_client import Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

REQUESTS = Counter("attune_http_requests", "HTTP requests answered", ["method", "route", "status"])
REQUEST_SECONDS = Histogram(
    "attune_http_request_duration_seconds", "Time to answer a request", ["route"]
)
GRADING_SECONDS = Histogram(
    "attune_grading_latency_seconds",
    "From an answer stored to its feedback stored (what the learner waits for)",
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, float("inf")),
)
TASK_SECONDS = Histogram("attune_task_duration_seconds", "Celery task run time", ["task"])
TASK_FAILURES = Counter("attune_task_failures", "Celery tasks that raised", ["task"])
TASK_RETRIES = Counter("attune_task_retries", "Celery tasks scheduled to run again", ["task"])
# The grading task does not raise when it gives up: it marks the answer failed, tells the
# learner, and returns. Those are counted here.
GRADINGS_FAILED = Counter("attune_gradings_failed", "Answers whose grading failed for good")

_FILE_PID = re.compile(r"_(\d+)\.db$")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_prepared_in: set[int] = set()


def metrics_dir_prepare() -> None:
    """Empty the samples of processes that no longer run (an earlier ``make run``, a
    restarted worker); safe in any process at any time, since live ones are kept. Once
    per process: the web server builds its middleware more than once."""
    if os.getpid() in _prepared_in:
        return
    _prepared_in.add(os.getpid())
    folder = Path(settings.ATTUNE_METRICS_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    for path in folder.glob("*.db"):
        match = _FILE_PID.search(path.name)
        if match and not _alive(int(match.group(1))):
            path.unlink(missing_ok=True)


class RequestMetricsMiddleware:
    """Count and time every request by its URL pattern (bounded label values)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        metrics_dir_prepare()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        match = request.resolver_match
        route = match.route if match and match.route else "unmatched"
        REQUEST_SECONDS.labels(route).observe(time.perf_counter() - started)
        REQUESTS.labels(request.method or "", route, str(response.status_code)).inc()
        return response


class QueueCollector(Collector):
    """Queue depth at scrape time: messages waiting in the broker, and answers not yet
    graded by state (the second survives a lost message; the sweep re-queues those)."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from django.db import DatabaseError

        from exercises.selectors import submissions_waiting_by_status

        try:
            counts = submissions_waiting_by_status()
        except DatabaseError:  # a database outage shows as a missing gauge, and in /readyz
            counts = {}
        if counts:
            waiting = GaugeMetricFamily(
                "attune_submissions_waiting", "Answers not yet graded, by state", labels=["status"]
            )
            for status, count in counts.items():
                waiting.add_metric([status], count)
            yield waiting
        depth = broker_queue_depth()
        if depth is not None:
            yield GaugeMetricFamily(
                "attune_queue_depth", "Messages waiting in the task queue", value=depth
            )


def broker_queue_depth() -> int | None:
    """Messages in the default queue, or None when the broker cannot be asked."""
    from kombu.exceptions import ChannelError

    from lms.celery import app

    try:
        with app.connection_for_read() as connection:
            channel: Any = connection.default_channel
            declared = channel.queue_declare(queue=settings.CELERY_TASK_DEFAULT_QUEUE, passive=True)
            return int(declared.message_count)
    except ChannelError:
        return 0  # no worker has declared the queue yet: nothing can be waiting in it
    except Exception:  # a broker outage shows as a missing gauge, and in /readyz
        return None
