"""The one Celery app, configured from Django settings (``CELERY_*``)."""

from __future__ import annotations

import logging
import os
import sqlite3
from typing import Any

from celery import Celery
from celery.signals import celeryd_init
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
