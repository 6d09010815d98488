"""Schema v1: Keeta orders, their lines, every received event, refunds.

Literal SQL on purpose: ``posapp/store/models.py`` must match it, but this step must never change
when the models do. Times are epoch seconds UTC; money is integer minor units (cents).
"""

from __future__ import annotations

import peewee

VERSION = 1

_STATEMENTS = (
    """
    CREATE TABLE orders (
        order_view_id INTEGER PRIMARY KEY,
        shop_id INTEGER NOT NULL,
        shop_name TEXT NOT NULL DEFAULT '',
        seq_no TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        fulfilment TEXT NOT NULL,
        courier_kind TEXT NOT NULL,
        courier_status TEXT NOT NULL DEFAULT 'unknown',
        courier_name TEXT NOT NULL DEFAULT '',
        courier_phone TEXT NOT NULL DEFAULT '',
        courier_updated_at INTEGER NOT NULL DEFAULT 0,
        placed_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL DEFAULT 0,
        currency TEXT NOT NULL DEFAULT 'HKD',
        items_cents INTEGER NOT NULL DEFAULT 0,
        delivery_fee_cents INTEGER NOT NULL DEFAULT 0,
        platform_fee_cents INTEGER NOT NULL DEFAULT 0,
        discounts_cents INTEGER NOT NULL DEFAULT 0,
        tip_cents INTEGER NOT NULL DEFAULT 0,
        total_paid_cents INTEGER NOT NULL DEFAULT 0,
        merchant_receivable_cents INTEGER,
        commission_cents INTEGER,
        customer_name TEXT NOT NULL DEFAULT '',
        customer_phone TEXT NOT NULL DEFAULT '',
        customer_address TEXT NOT NULL DEFAULT '',
        customer_latitude REAL,
        customer_longitude REAL,
        cutlery INTEGER NOT NULL DEFAULT 0,
        remark TEXT NOT NULL DEFAULT '',
        pay_type TEXT NOT NULL DEFAULT '',
        delivery_eta INTEGER,
        ready_eta INTEGER,
        cancel_reason TEXT NOT NULL DEFAULT '',
        raw_order_info TEXT,
        needs_refresh INTEGER NOT NULL DEFAULT 0
    )
    """,
    "CREATE INDEX orders_status_placed ON orders (status, placed_at)",
    "CREATE INDEX orders_needs_refresh ON orders (needs_refresh) WHERE needs_refresh = 1",
    """
    CREATE TABLE order_lines (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        order_view_id INTEGER NOT NULL REFERENCES orders (order_view_id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        line_id INTEGER NOT NULL,
        name TEXT NOT NULL,
        name_zh TEXT NOT NULL DEFAULT '',
        spec TEXT NOT NULL DEFAULT '',
        count INTEGER NOT NULL,
        unit_price_cents INTEGER NOT NULL,
        total_cents INTEGER NOT NULL,
        options TEXT NOT NULL DEFAULT '[]',
        remark TEXT NOT NULL DEFAULT '',
        spu_id INTEGER NOT NULL DEFAULT 0,
        sku_id INTEGER NOT NULL DEFAULT 0,
        item_code TEXT NOT NULL DEFAULT '',
        UNIQUE (order_view_id, position)
    )
    """,
    """
    CREATE TABLE events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        message_id TEXT NOT NULL UNIQUE,
        event_id INTEGER NOT NULL,
        shop_id INTEGER NOT NULL,
        order_view_id INTEGER,
        payload TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        pushed_at INTEGER NOT NULL DEFAULT 0,
        applied INTEGER NOT NULL DEFAULT 0
    )
    """,
    "CREATE INDEX events_order ON events (order_view_id, received_at)",
    "CREATE INDEX events_received ON events (received_at)",
    """
    CREATE TABLE refunds (
        after_sale_order_id INTEGER PRIMARY KEY,
        order_view_id INTEGER NOT NULL REFERENCES orders (order_view_id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        platform_status INTEGER NOT NULL DEFAULT 0,
        amount_cents INTEGER NOT NULL,
        currency TEXT NOT NULL DEFAULT 'HKD',
        reason TEXT NOT NULL DEFAULT '',
        requested_by TEXT NOT NULL DEFAULT 'customer',
        handled_by TEXT,
        handle_reason TEXT NOT NULL DEFAULT '',
        pictures TEXT NOT NULL DEFAULT '[]',
        items TEXT NOT NULL DEFAULT '[]',
        is_appeal INTEGER NOT NULL DEFAULT 0,
        requested_at INTEGER NOT NULL,
        handled_at INTEGER
    )
    """,
    "CREATE INDEX refunds_order ON refunds (order_view_id)",
    "CREATE INDEX refunds_status ON refunds (status)",
)


def apply(db: peewee.SqliteDatabase) -> None:
    for statement in _STATEMENTS:
        db.execute_sql(statement)
