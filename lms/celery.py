"""The one Celery app, configured from Django settings (``CELERY_*``)."""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from typing import Any

from celery import Celery
from celery.signals import (
    after_setup_logger,
    after_setup_task_logger,
    celeryd_init,
    task_failure,
    task_postrun,
    task_prerun,
    task_retry,
    worker_process_init,
)
from kombu.transport import TRANSPORT_ALIASES
from sqlalchemy import event
from sqlalchemy.engine import Engine

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.production")

# `sqla+…` broker URLs use our subclass, which honours ``polling_interval`` (see there).
TRANSPORT_ALIASES["sqla"] = "lms.embedded_broker:Transport"

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger("lms.celery")


def broker_description(url: str) -> str:
    """Say which broker is in use without printing a password."""
    if url.startswith("sqla+sqlite"):
        return "embedded SQLite broker (no service needed; for development only)"
    scheme, _, rest = url.partition("://")
    host = rest.rsplit("@", 1)[-1]
    return f"{scheme} broker at {host}"


@celeryd_init.connect
def _prepare_worker(**_: Any) -> None:
    from django.conf import settings

    logger.warning("Attune worker using the %s", broker_description(settings.CELERY_BROKER_URL))


# Logs and metrics of the worker. lms.observability / lms.metrics are imported only
# inside the handlers: prometheus-client must be imported after the settings set its
# multiprocess directory.
_started: dict[str, float] = {}
GRADE_TASK = "exercises.tasks.grade_submission"


@after_setup_logger.connect
@after_setup_task_logger.connect
def _worker_logging(logger: logging.Logger, **_: Any) -> None:
    from lms.observability import worker_logging

    worker_logging(logger)


@worker_process_init.connect
def _metrics_start(**_: Any) -> None:
    from lms.metrics import metrics_dir_prepare

    metrics_dir_prepare()


@task_prerun.connect
def _task_started(task_id: str | None = None, **_: Any) -> None:
    from lms.observability import task_started

    task_started(task_id=task_id)
    if task_id:
        _started[task_id] = time.perf_counter()


@task_postrun.connect
def _task_finished(
    task_id: str | None = None, task: Any = None, args: Any = None, retval: Any = None, **_: Any
) -> None:
    from exercises.selectors import grading_latency_seconds, submission_has_failed
    from lms.metrics import GRADING_SECONDS, GRADINGS_FAILED, TASK_SECONDS
    from lms.observability import task_finished

    started = _started.pop(task_id or "", None)
    name = getattr(task, "name", "unknown")
    if started is not None:
        TASK_SECONDS.labels(name).observe(time.perf_counter() - started)
    if name == GRADE_TASK and args:
        if retval is True:
            latency = grading_latency_seconds(int(args[0]))
            if latency is not None:
                GRADING_SECONDS.observe(latency)
        elif retval is False and submission_has_failed(int(args[0])):
            GRADINGS_FAILED.inc()
    task_finished()


@task_failure.connect
def _task_failed(sender: Any = None, **_: Any) -> None:
    from lms.metrics import TASK_FAILURES

    TASK_FAILURES.labels(getattr(sender, "name", "unknown")).inc()


@task_retry.connect
def _task_retried(sender: Any = None, **_: Any) -> None:
    from lms.metrics import TASK_RETRIES

    TASK_RETRIES.labels(getattr(sender, "name", "unknown")).inc()


@event.listens_for(Engine, "connect")
def _tune_embedded_broker(connection: Any, _record: Any) -> None:
    """Put the embedded broker's SQLite file in WAL mode, whichever process opens it first.

    kombu's SQLAlchemy transport is the only SQLAlchemy user here. WAL lets the worker's
    polling read while a web process writes; NORMAL sync is safe in WAL (a power cut may
    lose the last messages, never corrupt the file, and the sweep re-queues answers).
    """
    if isinstance(connection, sqlite3.Connection):
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
