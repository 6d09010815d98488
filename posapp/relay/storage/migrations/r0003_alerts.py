"""The unacknowledged-order alarm: each store's alert policy, and one row per alert the relay sent
(or claimed and is sending). The row's primary key (store, order event, attempt) is the claim: the
one process whose insert lands sends that alert, so a restart or a second relay never doubles it."""

VERSION = 3

SQLITE = """
CREATE TABLE IF NOT EXISTS store_alert (
    store_id INTEGER PRIMARY KEY REFERENCES stores(id),
    url TEXT NOT NULL,
    after_seconds REAL NOT NULL,
    every_seconds REAL NOT NULL,
    format TEXT NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS alerts (
    store_id INTEGER NOT NULL REFERENCES stores(id),
    seq INTEGER NOT NULL,
    attempt INTEGER NOT NULL,
    due_at REAL NOT NULL,
    claimed_at REAL NOT NULL,
    sent_at REAL,
    outcome TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (store_id, seq, attempt)
);
CREATE INDEX IF NOT EXISTS events_new_orders ON events (kind, received_at);
"""

POSTGRES = """
CREATE TABLE IF NOT EXISTS relay_store_alert (
    store_id BIGINT PRIMARY KEY REFERENCES relay_stores(id),
    url TEXT NOT NULL,
    after_seconds DOUBLE PRECISION NOT NULL,
    every_seconds DOUBLE PRECISION NOT NULL,
    format TEXT NOT NULL,
    updated_at DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS relay_alerts (
    store_id BIGINT NOT NULL REFERENCES relay_stores(id),
    seq BIGINT NOT NULL,
    attempt INTEGER NOT NULL,
    due_at DOUBLE PRECISION NOT NULL,
    claimed_at DOUBLE PRECISION NOT NULL,
    sent_at DOUBLE PRECISION,
    outcome TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (store_id, seq, attempt)
);
CREATE INDEX IF NOT EXISTS relay_events_new_orders ON relay_events (kind, received_at);
"""
