"""The embedded broker of ``make run``: kombu's SQLAlchemy transport on a SQLite file.

kombu's virtual transports sleep ``polling_interval`` (1 s by default) whenever the queue
looks empty or the worker has all the messages it may prefetch, so with prefetch 1 and two
pool processes the worker took two messages a second. The transport reads the interval
from the transport options, but its channel passes every option on to SQLAlchemy's
``create_engine``, which refuses the unknown keyword. This channel keeps it back;
lms/celery.py registers the transport under kombu's own ``sqla`` name, so the broker URL
stays ``sqla+sqlite:///…``.
"""

from __future__ import annotations

from typing import Any

from kombu.transport import sqlalchemy
from sqlalchemy import create_engine


class Channel(sqlalchemy.Channel):
    def _engine_from_config(self) -> Any:
        client: Any = self.connection.client
        options = dict(client.transport_options.get("engine_options", {}))
        return create_engine(client.hostname, **options)


class Transport(sqlalchemy.Transport):
    Channel = Channel
