"""Schema v8: events the app could not read become items the cashier sees until they are settled.

``order_ref`` is the order id dug out of the raw push (text: it may be beyond 64-bit), so the notice
can name the order and the engine can ask the platform for a readable copy. ``acknowledged_at`` is set
when that copy arrived or the cashier dismissed the notice; until then the notice survives restarts.
"""

from __future__ import annotations

import peewee

VERSION = 8

SQL = [
    "ALTER TABLE sync_unparsed ADD COLUMN order_ref TEXT",
    "ALTER TABLE sync_unparsed ADD COLUMN acknowledged_at INTEGER",
    "CREATE INDEX sync_unparsed_open ON sync_unparsed (acknowledged_at)",
]


def apply(db: peewee.SqliteDatabase) -> None:
    for statement in SQL:
        db.execute_sql(statement)
