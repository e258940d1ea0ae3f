"""The embedded broker of `make run` (kombu's SQLAlchemy transport on SQLite, through
lms.embedded_broker): messages arrive in order, and none is kept once taken, so a stack
left running does not grow its broker file with every task it ever ran."""

import sqlite3

from kombu import Connection

import lms.celery  # noqa: F401  (registers the embedded transport under `sqla`)


def rows(path) -> list[tuple[int, ...]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT visible FROM kombu_message").fetchall()


def test_messages_arrive_in_order_and_none_is_kept_once_taken(tmp_path):
    path = tmp_path / "broker.sqlite3"
    with Connection(f"sqla+sqlite:///{path}", transport_options={"polling_interval": 0.01}) as c:
        queue = c.SimpleQueue("attune-test")
        for n in range(5):
            queue.put({"n": n})
        assert len(rows(path)) == 5

        taken = [queue.get(timeout=5) for _ in range(5)]
        for message in taken:
            message.ack()
        queue.close()

    assert [message.payload["n"] for message in taken] == [0, 1, 2, 3, 4]
    assert rows(path) == []


def test_messages_an_earlier_version_kept_are_removed_on_first_use(tmp_path):
    path = tmp_path / "broker.sqlite3"
    with Connection(f"sqla+sqlite:///{path}", transport_options={"polling_interval": 0.01}) as c:
        queue = c.SimpleQueue("attune-test")
        queue.put({"n": 1})
        queue.put({"n": 2})
        queue.close()
    with sqlite3.connect(path) as db:  # as kombu's own transport leaves a delivered message
        db.execute(
            "UPDATE kombu_message SET visible = 0 WHERE id = (SELECT min(id) FROM kombu_message)"
        )

    with Connection(f"sqla+sqlite:///{path}", transport_options={"polling_interval": 0.01}) as c:
        queue = c.SimpleQueue("attune-test")
        message = queue.get(timeout=5)
        message.ack()
        queue.close()

    assert message.payload == {"n": 2}
    assert rows(path) == []
