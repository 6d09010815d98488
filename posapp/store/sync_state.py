"""Where the app is in each relay stream, saved in the same transaction as the event it applied."""

from __future__ import annotations

import time

import peewee

from posapp.store.db import database_proxy


class SyncCursorRow(peewee.Model):
    stream = peewee.TextField(primary_key=True)
    cursor = peewee.IntegerField()
    updated_at = peewee.IntegerField()

    class Meta:
        database = database_proxy
        table_name = "sync_cursor"


class UnparsedEventRow(peewee.Model):
    stream = peewee.TextField()
    cursor = peewee.IntegerField()
    kind = peewee.TextField()
    body = peewee.BlobField()
    error = peewee.TextField()
    received_at = peewee.IntegerField()

    class Meta:
        database = database_proxy
        table_name = "sync_unparsed"


def load_cursor(stream: str) -> int | None:
    row = SyncCursorRow.get_or_none(SyncCursorRow.stream == stream)
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


def keep_unparsed(stream: str, cursor: int, kind: str, body: bytes, error: str) -> None:
    UnparsedEventRow.insert(
        stream=stream, cursor=cursor, kind=kind, body=body, error=error, received_at=int(time.time())
    ).on_conflict_ignore().execute()


def unparsed_count() -> int:
    return int(UnparsedEventRow.select().count())
