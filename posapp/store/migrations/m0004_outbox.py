"""Schema v4: the durable outbox of cashier actions waiting to reach a platform."""

from __future__ import annotations

import peewee

VERSION = 4

SQL = [
    """
    CREATE TABLE outbox_action (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        idempotency_key TEXT NOT NULL UNIQUE,
        platform TEXT NOT NULL,
        action TEXT NOT NULL,
        order_ref TEXT NOT NULL DEFAULT '',
        payload TEXT NOT NULL DEFAULT '{}',
        state TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at REAL NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        last_error TEXT NOT NULL DEFAULT '',
        error_code INTEGER,
        result TEXT NOT NULL DEFAULT ''
    )
    """,
    "CREATE INDEX outbox_action_due ON outbox_action (state, next_attempt_at)",
    "CREATE INDEX outbox_action_order ON outbox_action (order_ref, action, state)",
]


def apply(db: peewee.SqliteDatabase) -> None:
    for statement in SQL:
        db.execute_sql(statement)
