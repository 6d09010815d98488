"""Schema v5: the relay stream cursor and events the app could not parse (kept, never dropped)."""

from __future__ import annotations

import peewee

VERSION = 5

SQL = [
    """
    CREATE TABLE sync_cursor (
        stream TEXT PRIMARY KEY,
        cursor INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    )
    """,
    """
    CREATE TABLE sync_unparsed (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        stream TEXT NOT NULL,
        cursor INTEGER NOT NULL,
        kind TEXT NOT NULL,
        body BLOB NOT NULL,
        error TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        UNIQUE (stream, cursor)
    )
    """,
]


def apply(db: peewee.SqliteDatabase) -> None:
    for statement in SQL:
        db.execute_sql(statement)
