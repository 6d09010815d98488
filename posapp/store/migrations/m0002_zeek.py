"""Schema v2: Zeek courier bookings, courier positions and raw status callbacks."""

from __future__ import annotations

import peewee

VERSION = 2

_STATEMENTS = (
    # One row per courier booking, written BEFORE the create call so a retry reuses client_order_id.
    # keeta_order_view_id links a booking to the Keeta order it delivers (no FK: either may come first).
    """
    CREATE TABLE zeek_bookings (
        id INTEGER PRIMARY KEY,
        client_order_id TEXT NOT NULL UNIQUE,
        client_merchant_id TEXT NOT NULL DEFAULT '',
        pickup_code TEXT NOT NULL,
        order_id TEXT UNIQUE,
        keeta_order_view_id INTEGER,
        status TEXT NOT NULL DEFAULT 'created',
        status_code INTEGER NOT NULL DEFAULT 0,
        status_at INTEGER NOT NULL DEFAULT 0,
        cancel_code TEXT NOT NULL DEFAULT '',
        cancel_reason TEXT NOT NULL DEFAULT '',
        cancel_by TEXT NOT NULL DEFAULT '',
        cancel_at INTEGER NOT NULL DEFAULT 0,
        partner_name TEXT NOT NULL DEFAULT '',
        partner_phone TEXT NOT NULL DEFAULT '',
        partner_location TEXT NOT NULL DEFAULT '',
        partner_vehicle TEXT NOT NULL DEFAULT '',
        predictions TEXT NOT NULL DEFAULT '{}',
        requested_pickup_time INTEGER,
        requested_delivery_time INTEGER,
        order_url TEXT NOT NULL DEFAULT '',
        direct_distance_m INTEGER,
        travel_distance_m INTEGER,
        total_cents INTEGER NOT NULL DEFAULT 0,
        request_json TEXT NOT NULL DEFAULT '{}',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    )
    """,
    "CREATE INDEX zeek_bookings_keeta ON zeek_bookings (keeta_order_view_id)",
    """
    CREATE TABLE zeek_positions (
        id INTEGER PRIMARY KEY,
        order_id TEXT NOT NULL,
        latitude REAL NOT NULL,
        longitude REAL NOT NULL,
        at INTEGER NOT NULL,
        UNIQUE (order_id, at, latitude, longitude)
    )
    """,
    "CREATE INDEX zeek_positions_order_at ON zeek_positions (order_id, at)",
    # Every callback as received, once per dedup key; applied says whether it moved the booking.
    """
    CREATE TABLE zeek_callback_events (
        id INTEGER PRIMARY KEY,
        dedup_key TEXT NOT NULL UNIQUE,
        order_id TEXT NOT NULL,
        status_code INTEGER NOT NULL,
        event_at INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        raw TEXT NOT NULL,
        applied INTEGER NOT NULL DEFAULT 0
    )
    """,
    "CREATE INDEX zeek_callback_events_order ON zeek_callback_events (order_id, event_at)",
)


def apply(db: peewee.SqliteDatabase) -> None:
    for statement in _STATEMENTS:
        db.execute_sql(statement)
