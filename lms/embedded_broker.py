"""The embedded broker of ``make run``: kombu's SQLAlchemy transport on a SQLite file.

kombu's virtual transports sleep ``polling_interval`` (1 s by default) whenever the queue
looks empty or the worker has all the messages it may prefetch, so with prefetch 1 and two
pool processes the worker took two messages a second. The transport reads the interval
from the transport options, but its channel passes every option on to SQLAlchemy's
``create_engine``, which refuses the unknown keyword. This channel keeps it back;
lms/celery.py registers the transport under kombu's own ``sqla`` name, so the broker URL
stays ``sqla+sqlite:///…``.

kombu's transport also keeps every delivered message (``visible = false``) for ever, so a
stack left running grew its broker file by every task and sweep it ever ran. This channel
deletes a message in the transaction that takes it (a message once taken is never read
again either way), and on first use removes what an earlier version kept.
"""

from __future__ import annotations

from typing import Any

from kombu.transport import sqlalchemy
from kombu.transport.virtual import Empty
from kombu.utils.encoding import bytes_to_str
from kombu.utils.json import loads
from sqlalchemy import create_engine, text


class Channel(sqlalchemy.Channel):
    _delivered_forgotten = False

    def _engine_from_config(self) -> Any:
        client: Any = self.connection.client
        options = dict(client.transport_options.get("engine_options", {}))
        return create_engine(client.hostname, **options)

    def _get(self, queue: str, timeout: float | None = None) -> Any:
        obj = self._get_or_create(queue)  # type: ignore[attr-defined]
        message: Any = self.message_cls
        session: Any = self.session
        if session.bind.name == "sqlite":
            session.execute(text("BEGIN IMMEDIATE TRANSACTION"))
        try:
            if not self._delivered_forgotten:
                session.query(message).filter(message.visible.is_(False)).delete(
                    synchronize_session=False
                )
                self._delivered_forgotten = True
            taken = (
                session.query(message)
                .filter(message.queue_id == obj.id, message.visible.isnot(False))
                .order_by(message.sent_at, message.id)
                .limit(1)
                .first()
            )
            if taken is None:
                raise Empty()
            payload = taken.payload
            session.delete(taken)
            return loads(bytes_to_str(payload))
        finally:
            session.commit()


class Transport(sqlalchemy.Transport):
    Channel = Channel
