"""Request and task ids on every log line, and the JSON log format.

A request keeps the ``X-Request-ID`` its proxy sent (when it looks like an id) or gets a
new one; the response echoes it, so a complaint, a proxy log and our logs meet on one
value. A Celery task's log lines carry its task id the same way.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse
from pythonjsonlogger.json import JsonFormatter

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)
task_id_var: ContextVar[str | None] = ContextVar("task_id", default=None)

# Anything else (spaces, quotes, newlines, 200 kB) is replaced: a client must not be able
# to forge log lines or bloat every record through this header.
_ACCEPTABLE_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
HEADER = "X-Request-ID"


def request_id_for(header: str | None) -> str:
    """The caller's id when it is a plain token, else a fresh one."""
    if header and _ACCEPTABLE_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Give each request an id (``request.request_id``), log with it, echo it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_for(request.headers.get(HEADER))
        request.request_id = request_id  # type: ignore[attr-defined]
        # Not reset on the way out: Django logs a 4xx/5xx ("Not Found: /x") after the
        # middleware chain has returned, and that line needs the id too. The next request
        # on this thread (or task) sets its own.
        request_id_var.set(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response


class IdsFilter(logging.Filter):
    """Adds ``request_id``, ``task_id`` (None when outside one) and ``ids`` (a short
    ``[req=… task=…]`` for the plain format) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        request_id, task_id = request_id_var.get(), task_id_var.get()
        record.request_id, record.task_id = request_id, task_id
        parts = [f"req={request_id}" if request_id else "", f"task={task_id}" if task_id else ""]
        record.ids = f" [{' '.join(p for p in parts if p)}]" if any(parts) else ""
        return True


class JsonLogFormatter(JsonFormatter):
    """One JSON object a line; ``request_id`` and ``task_id`` as fields (null outside a
    request or task), without the plain format's ``ids`` summary."""

    def add_fields(
        self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]
    ) -> None:
        super().add_fields(log_data, record, message_dict)
        log_data.pop("ids", None)


def task_started(task_id: str | None = None, **_: Any) -> None:
    """Celery ``task_prerun``: log lines from here on carry the task id."""
    task_id_var.set(task_id)


def task_finished(**_: Any) -> None:
    """Celery ``task_postrun``: the process goes back to no task."""
    task_id_var.set(None)


def worker_logging(logger: logging.Logger, **_: Any) -> None:
    """Celery ``after_setup_logger``: Celery installs its own handlers in the worker; give
    them the ids and, with LOG_FORMAT=json, the JSON format of the web processes."""
    from django.conf import settings

    config: dict[str, Any] = settings.LOGGING
    formatters = config["formatters"]
    formatter_name = config["handlers"]["console"]["formatter"]
    for handler in logger.handlers:
        handler.addFilter(IdsFilter())
        if formatter_name == "json":
            spec = {k: v for k, v in formatters["json"].items() if k != "()"}
            handler.setFormatter(JsonLogFormatter(**spec))
