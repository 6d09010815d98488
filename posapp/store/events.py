"""The event log: every platform push the app received, with its raw payload, deduplicated by messageId.

Thread contract: call only from the app's loop thread (asyncio on the Qt thread), the cache's single
writer. Each call is one short indexed statement; ``ingest`` wraps the writes in its transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from posapp.domain.events import EventMeta
from posapp.store.db import database_proxy
from posapp.store.models import EventRecord

DEFAULT_LIMIT = 500


@dataclass(frozen=True)
class StoredEvent:
    """One received push as kept for the timeline, audit and re-parse.

    ``applied`` is true when the event changed the cache; false for stale, unknown or no-op events.
    """

    id: int
    message_id: str
    event_id: int
    shop_id: int
    order_view_id: int | None
    raw: str
    received_at: int
    pushed_at: int
    applied: bool


def _stored(record: EventRecord) -> StoredEvent:
    return StoredEvent(
        id=record.id,
        message_id=record.message_id,
        event_id=record.event_id,
        shop_id=record.shop_id,
        order_view_id=record.order_view_id,
        raw=record.payload,
        received_at=record.received_at,
        pushed_at=record.pushed_at,
        applied=record.applied,
    )


# Literal SQL written once: these run for every push on the Qt thread, and peewee spent a good part of
# a millisecond building each statement.
_INSERT_EVENT = (
    "INSERT INTO events (message_id, event_id, shop_id, order_view_id, payload, received_at, pushed_at,"
    " applied) VALUES (?, ?, ?, ?, ?, ?, ?, 0)"
)
_MARK_APPLIED = "UPDATE events SET applied = 1 WHERE id = ?"


def record_event(meta: EventMeta, order_view_id: int | None, raw: str, received_at: int) -> int:
    """Insert the event row; raises ``peewee.IntegrityError`` if its messageId is already stored."""
    params = (meta.source_id, meta.event_id, meta.shop_id, order_view_id, raw, received_at, meta.pushed_at)
    cursor = database_proxy.execute_sql(_INSERT_EVENT, params)  # peewee maps sqlite3's errors to its own
    return int(cursor.lastrowid)


def mark_applied(event_row_id: int) -> None:
    database_proxy.execute_sql(_MARK_APPLIED, (event_row_id,))


def has_message(message_id: str) -> bool:
    return bool(EventRecord.select().where(EventRecord.message_id == message_id).exists())


def event_count() -> int:
    return int(EventRecord.select().count())


def order_events(order_view_id: int, limit: int = 50) -> list[StoredEvent]:
    """The order's most recent ``limit`` events, oldest first (a timeline reads top to bottom)."""
    query = (
        EventRecord.select()
        .where(EventRecord.order_view_id == order_view_id)
        .order_by(EventRecord.received_at.desc(), EventRecord.id.desc())
        .limit(limit)
    )
    return [_stored(r) for r in reversed(list(query))]


def events_after(received_at: int, limit: int = DEFAULT_LIMIT) -> list[StoredEvent]:
    """Events received strictly after ``received_at`` (epoch seconds), in arrival order."""
    query = (
        EventRecord.select()
        .where(EventRecord.received_at > received_at)
        .order_by(EventRecord.received_at, EventRecord.id)
        .limit(limit)
    )
    return [_stored(r) for r in query]
