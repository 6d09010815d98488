"""The relay's tables as they were before versions existed (``CREATE … IF NOT EXISTS``).

A database made by such a relay already has them: this step then creates nothing and only records
version 1. Never edit it; change the schema in a new step.
"""

VERSION = 1

SQLITE = """
CREATE TABLE IF NOT EXISTS stores (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    shop_id INTEGER NOT NULL UNIQUE,
    name TEXT NOT NULL,
    zeek_merchant_id TEXT NOT NULL DEFAULT '',
    token_hash TEXT NOT NULL UNIQUE,
    last_seq INTEGER NOT NULL DEFAULT 0,
    acked_seq INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL,
    revoked_at REAL
);
CREATE TABLE IF NOT EXISTS events (
    store_id INTEGER NOT NULL REFERENCES stores(id),
    seq INTEGER NOT NULL,
    source TEXT NOT NULL,
    dedup_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    received_at REAL NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (store_id, seq),
    UNIQUE (store_id, source, dedup_key)
);
CREATE TABLE IF NOT EXISTS store_gateway (
    store_id INTEGER PRIMARY KEY REFERENCES stores(id),
    settings TEXT NOT NULL,
    updated_at REAL NOT NULL
);
"""

POSTGRES = """
CREATE TABLE IF NOT EXISTS relay_stores (
    id BIGSERIAL PRIMARY KEY,
    shop_id BIGINT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    zeek_merchant_id TEXT NOT NULL DEFAULT '',
    token_hash TEXT NOT NULL UNIQUE,
    last_seq BIGINT NOT NULL DEFAULT 0,
    acked_seq BIGINT NOT NULL DEFAULT 0,
    created_at DOUBLE PRECISION NOT NULL,
    revoked_at DOUBLE PRECISION
);
CREATE TABLE IF NOT EXISTS relay_events (
    store_id BIGINT NOT NULL REFERENCES relay_stores(id),
    seq BIGINT NOT NULL,
    source TEXT NOT NULL,
    dedup_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    received_at DOUBLE PRECISION NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (store_id, seq),
    UNIQUE (store_id, source, dedup_key)
);
CREATE TABLE IF NOT EXISTS relay_store_gateway (
    store_id BIGINT PRIMARY KEY REFERENCES relay_stores(id),
    settings TEXT NOT NULL,
    updated_at DOUBLE PRECISION NOT NULL
);
"""
