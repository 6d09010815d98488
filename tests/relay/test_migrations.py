"""Relay schema versions (from an empty database and from the unversioned schema) and retention."""

from __future__ import annotations

import asyncio
import sqlite3

import asyncpg
import pytest

from posapp.relay.storage import storage_for_url
from posapp.relay.storage.migrations import SchemaTooNew, latest_version, steps
from posapp.relay.storage.sqlite import path_from_url
from posapp.relay.tokens import token_hash


async def _sql(db_url: str, *statements: str) -> list[tuple[object, ...]]:
    """Runs statements straight on the database; returns the last one's rows."""
    if db_url.startswith("sqlite"):
        db = sqlite3.connect(path_from_url(db_url))
        try:
            rows: list[tuple[object, ...]] = []
            for statement in statements:
                rows = db.execute(statement).fetchall()
            db.commit()
            return rows
        finally:
            db.close()
    conn = await asyncpg.connect(db_url)
    try:
        records: list[asyncpg.Record] = []
        for statement in statements:
            if statement.lstrip().upper().startswith("SELECT"):
                records = await conn.fetch(statement)
            else:  # may hold several statements (a migration step's script)
                await conn.execute(statement)
        return [tuple(r) for r in records]
    finally:
        await conn.close()


def _version_sql() -> str:
    return "SELECT version FROM relay_schema"


async def test_an_empty_database_is_migrated_to_the_latest_version(db_url: str):
    storage = storage_for_url(db_url)
    await storage.open()
    await storage.close()
    assert await _sql(db_url, _version_sql()) == [(latest_version(),)]
    index = "events_received_at" if db_url.startswith("sqlite") else "relay_events_received_at"
    if db_url.startswith("sqlite"):
        found = await _sql(db_url, f"SELECT name FROM sqlite_master WHERE name = '{index}'")
    else:
        found = await _sql(db_url, f"SELECT indexname FROM pg_indexes WHERE indexname = '{index}'")
    assert found == [(index,)]


async def test_a_database_made_before_versions_keeps_its_data_and_is_migrated(db_url: str):
    # The unversioned relay created exactly step 1's tables (CREATE TABLE IF NOT EXISTS, no version).
    first = steps()[0]
    if db_url.startswith("sqlite"):
        await _sql(db_url, *[s for s in first.SQLITE.split(";") if s.strip()])
        stores, events = "stores", "events"
    else:
        await _sql(db_url, first.POSTGRES)
        stores, events = "relay_stores", "relay_events"
    await _sql(
        db_url,
        f"INSERT INTO {stores} (shop_id, name, token_hash, last_seq, created_at)"
        " VALUES (7, 'Old', 'h', 1, 1.0)",
        f"INSERT INTO {events} (store_id, seq, source, dedup_key, kind, received_at, body)"
        " VALUES (1, 1, 'keeta', 'old-1', '1002', 1.0, '{}')",
    )
    storage = storage_for_url(db_url)
    await storage.open()
    try:
        store = await storage.store_by_shop(7)
        assert store is not None and store.name == "Old"
        fresh = await storage.ingest(store.id, "keeta", "new-1", "1002", 2.0, "{}")
        assert fresh.seq == 2 and not fresh.duplicate
        assert [e.dedup_key for e in await storage.read_after(store.id, 0, 10)] == ["old-1", "new-1"]
    finally:
        await storage.close()
    assert await _sql(db_url, _version_sql()) == [(latest_version(),)]


async def test_a_database_from_a_newer_relay_is_refused(db_url: str):
    storage = storage_for_url(db_url)
    await storage.open()
    await storage.close()
    await _sql(db_url, f"UPDATE relay_schema SET version = {latest_version() + 1}")
    with pytest.raises(SchemaTooNew):
        await storage_for_url(db_url).open()


async def test_relay_processes_starting_together_migrate_once(db_url: str):
    if not db_url.startswith("postgres"):
        pytest.skip("one SQLite file serves one relay process")
    many = [storage_for_url(db_url) for _ in range(4)]
    await asyncio.gather(*(s.open() for s in many))
    await asyncio.gather(*(s.close() for s in many))
    assert await _sql(db_url, _version_sql()) == [(latest_version(),)]


async def test_prune_drops_old_acknowledged_events_in_batches_and_never_an_unacknowledged_one(db_url: str):
    storage = storage_for_url(db_url)
    await storage.open()
    try:
        busy = await storage.add_store(1, "Busy", "", token_hash("a"), 0.0)
        recent = await storage.add_store(2, "Recent", "", token_hash("b"), 0.0)
        for i in range(10):
            await storage.ingest(busy.id, "keeta", f"b{i}", "1002", 1000.0 + i, "{}")
        await storage.ingest(recent.id, "keeta", "r0", "1002", 5000.0, "{}")
        await storage.ack(busy.id, 6)
        await storage.ack(recent.id, 1)
        # Keep 100 s at "now" 1108.5: events received before 1008.5 may go, if acknowledged.
        assert await storage.prune(1108.5, keep_seconds=100, batch=4) == 6
        assert [e.seq for e in await storage.read_after(busy.id, 0, 100)] == [7, 8, 9, 10]
        assert await storage.prune(1_000_000.0, keep_seconds=100, batch=4) == 1  # recent's, acked
        assert [e.seq for e in await storage.read_after(busy.id, 0, 100)] == [7, 8, 9, 10]
    finally:
        await storage.close()
