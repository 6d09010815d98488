"""Schema v6: an index on when orders were placed, for today's history (``orders_since``).

The (status, placed_at) index of v1 cannot serve ``placed_at >= ?`` across every status.
"""

from __future__ import annotations

import peewee

VERSION = 6

SQL = [
    "CREATE INDEX orders_placed ON orders (placed_at)",
]


def apply(db: peewee.SqliteDatabase) -> None:
    for statement in SQL:
        db.execute_sql(statement)
