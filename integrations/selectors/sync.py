"""Incremental sync: keyset pages over a stable order, with a cursor that remembers the sync.

Semantics (documented in the API description):

* Rows come in ascending id, a key that never changes, so a row is returned at most
  once per sync however often it is updated meanwhile (no repeat), and a row that
  existed when the sync started is never jumped over (no skip). Each row is returned
  in its state when its page is read.
* ``updated_since`` keeps rows changed after that instant. The cursor carries it, and
  the instant the sync started: every page tells the client the ``next_updated_since``
  to store for its next sync. It lies ``OVERLAP`` before the start, so a change whose
  transaction committed a moment after its timestamp is never lost between two syncs; a
  row changed in that window may come again in the next sync, with its newer state.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

from django.core import signing
from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from integrations.errors import IntegrationError

OVERLAP = timedelta(seconds=5)
CURSOR_SALT = "integrations.sync-cursor"
T = TypeVar("T")


@dataclass(frozen=True)
class SyncQuery:
    """Where a sync is: the filters it started with and the last id it returned."""

    started_at: datetime
    updated_since: datetime | None = None
    after_id: int = 0
    filters: dict[str, str] = field(default_factory=dict)

    def encode(self) -> str:
        return signing.dumps(
            {
                "s": self.started_at.isoformat(),
                "u": self.updated_since.isoformat() if self.updated_since else None,
                "a": self.after_id,
                "f": self.filters,
            },
            salt=CURSOR_SALT,
            compress=True,
        )

    @classmethod
    def decode(cls, cursor: str, *, resource: str) -> SyncQuery:
        try:
            data = signing.loads(cursor, salt=CURSOR_SALT)
            started_at, since = parse_datetime(data["s"]), data["u"] and parse_datetime(data["u"])
            if started_at is None or data["f"].get("resource") != resource:
                raise ValueError(cursor)
            return cls(started_at, since or None, int(data["a"]), dict(data["f"]))
        except (signing.BadSignature, KeyError, TypeError, ValueError, AttributeError) as error:
            raise IntegrationError(
                "The cursor is not valid for this endpoint; start the sync again.",
                code="invalid_cursor",
            ) from error

    @classmethod
    def start(
        cls, *, resource: str, updated_since: datetime | None, filters: dict[str, str]
    ) -> SyncQuery:
        return cls(timezone.now(), updated_since, 0, {"resource": resource, **filters})


@dataclass(frozen=True)
class SyncPage(Generic[T]):
    items: list[T]
    next_cursor: str | None
    started_at: datetime
    next_updated_since: datetime


def sync_page(
    *,
    query: SyncQuery,
    rows: QuerySet[Any],
    changed_field: str = "updated_at",
    changed_since: Callable[[datetime], Q] | None = None,
    page_size: int,
    tombstones: QuerySet[Any] | None = None,
    tombstone_key: str = "enrollment_id",
    tombstone_changed_field: str = "deleted_at",
    load: Callable[[list[Any]], Sequence[T]],
    load_tombstones: Callable[[list[Any]], Sequence[T]] = lambda _: [],
) -> SyncPage[T]:
    """One page of ``rows`` (and, on incremental syncs, deletion ``tombstones`` that share
    the id space), merged in id order. A row has changed after ``since`` when its
    ``changed_field`` is later, or when ``changed_since(since)`` (a filter) holds.
    Two queries, plus what ``load`` needs per page."""
    since = query.updated_since
    rows = rows.filter(pk__gt=query.after_id)
    if since is not None:
        rows = rows.filter(
            changed_since(since) if changed_since else Q(**{f"{changed_field}__gt": since})
        )
    found: list[tuple[int, str, Model]] = [
        (row.pk, "row", row) for row in rows.order_by("pk")[: page_size + 1]
    ]
    if tombstones is not None and since is not None:
        gone = tombstones.filter(
            **{f"{tombstone_key}__gt": query.after_id, f"{tombstone_changed_field}__gt": since}
        ).order_by(tombstone_key)[: page_size + 1]
        found += [(getattr(t, tombstone_key), "tombstone", t) for t in gone]
    found.sort(key=lambda item: item[0])
    page, more = found[:page_size], len(found) > page_size
    by_kind = {
        "row": load([obj for _, kind, obj in page if kind == "row"]),
        "tombstone": load_tombstones([obj for _, kind, obj in page if kind == "tombstone"]),
    }
    iters = {kind: iter(items) for kind, items in by_kind.items()}
    items = [next(iters[kind]) for _, kind, _ in page]
    next_cursor = None
    if more and page:
        next_cursor = SyncQuery(query.started_at, since, page[-1][0], query.filters).encode()
    return SyncPage(items, next_cursor, query.started_at, query.started_at - OVERLAP)
