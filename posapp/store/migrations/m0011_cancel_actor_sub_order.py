"""Schema v11: who cancelled an order (Keeta's 1004 ``opType``) and the delivery sub-order a courier
update was for (1006 ``merchantSubOrderId``), so the screens can show both."""

from __future__ import annotations

import peewee

VERSION = 11

SQL = [
    "ALTER TABLE orders ADD COLUMN cancelled_by TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE orders ADD COLUMN courier_sub_order_id TEXT NOT NULL DEFAULT ''",
]


def apply(db: peewee.SqliteDatabase) -> None:
    for statement in SQL:
        db.execute_sql(statement)
