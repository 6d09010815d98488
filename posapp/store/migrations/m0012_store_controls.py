"""Schema v12: busy mode and sold-out items (issue 17).

``store_pause`` keeps the pause this app asked Keeta for, with its end: Keeta has no timer, so the app
reopens the store when the time is up, also after a restart. ``store_status`` is Keeta's last word on
the store (shop/base/get or an 1102 push). ``menu_item`` is the searchable item list (Keeta's menu, or
the items seen in orders); ``sold_out`` the items this app marked sold out and not yet back.
"""

from __future__ import annotations

import peewee

VERSION = 12

SQL = [
    """CREATE TABLE store_status (
        shop_id INTEGER PRIMARY KEY,
        status INTEGER NOT NULL,
        changed_at INTEGER NOT NULL
    )""",
    """CREATE TABLE store_pause (
        shop_id INTEGER PRIMARY KEY,
        started_at INTEGER NOT NULL,
        until INTEGER,
        reminded_at INTEGER
    )""",
    """CREATE TABLE menu_item (
        shop_id INTEGER NOT NULL,
        spu_id INTEGER NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        name_zh TEXT NOT NULL DEFAULT '',
        code TEXT NOT NULL DEFAULT '',
        category TEXT NOT NULL DEFAULT '',
        from_menu INTEGER NOT NULL DEFAULT 0,
        seen_at INTEGER NOT NULL,
        PRIMARY KEY (shop_id, spu_id)
    )""",
    """CREATE TABLE sold_out (
        shop_id INTEGER NOT NULL,
        spu_id INTEGER NOT NULL,
        marked_at INTEGER NOT NULL,
        PRIMARY KEY (shop_id, spu_id)
    )""",
]


def apply(db: peewee.SqliteDatabase) -> None:
    for statement in SQL:
        db.execute_sql(statement)
