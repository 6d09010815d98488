"""Where the app is in each relay stream, saved in the same transaction as the event it applied, and
the events it could not read (kept whole, shown to the cashier until settled)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from posapp.store.db import database_proxy
from posapp.store.models import SyncCursorRecord, UnparsedEventRecord


def load_cursor(stream: str) -> int | None:
    row = SyncCursorRecord.get_or_none(SyncCursorRecord.stream == stream)
    return None if row is None else int(row.cursor)


# Written once: it runs with every applied event (peewee rebuilt the upsert each time).
_SAVE_CURSOR = (
    'INSERT INTO sync_cursor (stream, "cursor", updated_at) VALUES (?, ?, ?)'
    ' ON CONFLICT (stream) DO UPDATE SET "cursor" = MAX("cursor", excluded."cursor"),'
    " updated_at = excluded.updated_at"
)


def save_cursor(stream: str, cursor: int) -> None:
    """Never moves backwards: a replayed older event cannot rewind the stream."""
    database_proxy.execute_sql(_SAVE_CURSOR, (stream, cursor, int(time.time())))


@dataclass(frozen=True)
class UnreadableEvent:
    """One event the app could not read, as the notice and the order/get follow-up need it."""

    id: int
    stream: str
    cursor: int
    kind: str  # the platform: "keeta" or "zeek"
    error: str
    received_at: int
    order_ref: str | None


def keep_unparsed(
    stream: str, cursor: int, kind: str, body: bytes, error: str, order_ref: str | None = None
) -> None:
    UnparsedEventRecord.insert(
        stream=stream,
        cursor=cursor,
        kind=kind,
        body=body,
        error=error,
        received_at=int(time.time()),
        order_ref=order_ref,
    ).on_conflict_ignore().execute()


def open_unreadable() -> list[UnreadableEvent]:
    """Every unread event the cashier has not settled, oldest first."""
    query = (
        UnparsedEventRecord.select()
        .where(UnparsedEventRecord.acknowledged_at.is_null())
        .order_by(UnparsedEventRecord.received_at, UnparsedEventRecord.id)
    )
    return [
        UnreadableEvent(int(r.id), r.stream, int(r.cursor), r.kind, r.error, int(r.received_at), r.order_ref)
        for r in query
    ]


def acknowledge(ids: list[int], now: int) -> int:
    """Settle the given items (dismissed by the cashier); returns how many were still open."""
    if not ids:
        return 0
    query = UnparsedEventRecord.update(acknowledged_at=now).where(
        UnparsedEventRecord.id.in_(ids), UnparsedEventRecord.acknowledged_at.is_null()
    )
    return int(query.execute())


def acknowledge_order(order_ref: str, now: int) -> int:
    """Settle every open item of one order (a readable copy of it is in the cache now)."""
    query = UnparsedEventRecord.update(acknowledged_at=now).where(
        UnparsedEventRecord.order_ref == order_ref, UnparsedEventRecord.acknowledged_at.is_null()
    )
    return int(query.execute())
