"""The event log: every platform push the app received, with its raw payload, deduplicated by messageId.

Thread contract: call only from the app's loop thread (asyncio on the Qt thread), the cache's single
writer. Each call is one short indexed statement; ``ingest`` wraps the writes in its transaction.
"""

from __future__ import annotations

from posapp.domain.events import EventMeta
from posapp.store.db import database_proxy
from posapp.store.models import EventRecord

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
