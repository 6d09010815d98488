"""Schema v10: the time the shop promised an order ready (the preparation time chosen at Accept)."""

from __future__ import annotations

import peewee

VERSION = 10

SQL = ["ALTER TABLE orders ADD COLUMN ready_by INTEGER"]


def apply(db: peewee.SqliteDatabase) -> None:
    for statement in SQL:
        db.execute_sql(statement)
