"""A month of a busy relay (issue 18): database size and ingest speed at the end versus the start.

Run: ``POSAPP_TEST_PG_URL=… .venv/bin/python -m pytest tests/bench/bench_month.py
-o python_files='bench_*.py' -s -q``  (``BENCH_DAYS``, ``BENCH_STORES``, ``BENCH_PER_DAY`` scale it)

1,000 stores × 300 events a day for 30 days on PostgreSQL. Each simulated day is written in bulk
(one statement, the relay's own columns and numbering; one event in 8 a new order with the full
order JSON, the rest status changes), the apps acknowledge everything, and the relay's own pruning
(``PostgresStorage.prune``, 7 days kept, 5,000-row batches) runs as it does hourly, followed by
the plain VACUUM that autovacuum runs many times in a real day. Ingest speed is
measured through a relay process (the CLI) over HTTP, on the empty database and again after the
month. Asserts nothing about speed; prints the figures.
"""

from __future__ import annotations

import asyncio
import json
import os
import time

import asyncpg
import pytest

from posapp.relay.storage.postgres import PostgresStorage
from tests.bench.fleet import RelayProc
from tests.bench.rawhttp import Connection, post_bytes
from tests.bench.relayproc import seed_url, shop_ids
from tests.conftest import load_fixture
from tests.relay.helpers import keeta_push

PG_URL = os.environ.get("POSAPP_TEST_PG_URL", "")
DAYS = int(os.environ.get("BENCH_DAYS", "30"))
STORES = int(os.environ.get("BENCH_STORES", "1000"))
PER_DAY = int(os.environ.get("BENCH_PER_DAY", "300"))
KEEP_DAYS = 7
INGEST_PUSHES, INGEST_CONNS = 4000, 16
DAY = 86400.0

FILL_SQL = """
WITH s AS (SELECT id, last_seq FROM relay_stores),
n AS (SELECT generate_series(1, $1::int) AS k)
INSERT INTO relay_events (store_id, seq, source, dedup_key, kind, received_at, body)
SELECT s.id, s.last_seq + n.k, 'keeta', 'd' || $2::int || '-' || s.id || '-' || n.k,
       CASE WHEN n.k % 8 = 1 THEN '1001' ELSE '1002' END,
       $3::float8 + n.k * (86400.0 / $1::int),
       CASE WHEN n.k % 8 = 1 THEN $4::text ELSE $5::text END
FROM s, n
"""


def _bodies() -> tuple[str, str]:
    order = json.loads(keeta_push(1001, {"orderInfo": load_fixture("keeta/order_info_delivery.json")}))
    status = json.loads(keeta_push(1002))
    return json.dumps(order, ensure_ascii=False), json.dumps(status, ensure_ascii=False)


async def _ingest_speed(url: str, tag: str) -> float:
    relay = RelayProc(url)
    relay.start()
    try:
        await relay.ready()
        shops = shop_ids(STORES)
        requests = iter(
            [
                post_bytes(
                    "/keeta/webhook", keeta_push(1002, shop_id=shops[i % STORES], message_id=f"{tag}{i}"), 0
                )
                for i in range(INGEST_PUSHES)
            ]
        )
        connections = [await Connection.open(relay.port) for _ in range(INGEST_CONNS)]
        errors = 0

        async def sender(conn: Connection) -> None:
            nonlocal errors
            for raw in requests:
                status, _ = await conn.request(raw)
                errors += status != 200

        start = time.monotonic()
        await asyncio.gather(*(sender(c) for c in connections))
        seconds = time.monotonic() - start
        for c in connections:
            c.close()
        assert errors == 0
        return INGEST_PUSHES / seconds
    finally:
        await relay.stop()


async def _sizes(conn: asyncpg.Connection) -> tuple[int, int, int]:
    database = await conn.fetchval("SELECT pg_database_size(current_database())")
    events = await conn.fetchval("SELECT pg_total_relation_size('relay_events')")
    rows = await conn.fetchval("SELECT count(*) FROM relay_events")
    return int(database), int(events), int(rows)


async def _run(url: str) -> None:
    await seed_url(url, STORES)
    start_speed = await _ingest_speed(url, "start-")
    order_body, status_body = _bodies()
    conn = await asyncpg.connect(url)
    storage = PostgresStorage(url)
    await storage.open()
    month_start = time.time() - DAYS * DAY
    mb = 1024 * 1024
    try:
        print("\nday  events kept  relay_events MB  database MB  fill s  prune s  pruned")
        for day in range(DAYS):
            day_start = month_start + day * DAY
            fill = time.monotonic()
            await conn.execute(FILL_SQL, PER_DAY, day, day_start, order_body, status_body)
            await conn.execute(
                f"UPDATE relay_stores SET last_seq = last_seq + {PER_DAY}, acked_seq = last_seq + {PER_DAY}"
            )
            fill_s = time.monotonic() - fill
            prune = time.monotonic()
            gone = await storage.prune(day_start + DAY, KEEP_DAYS * DAY)
            prune_s = time.monotonic() - prune
            # A real day gives autovacuum many runs to make the deleted rows' space reusable; this
            # one lasts seconds, so the bench runs the (plain, non-blocking) VACUUM it would have.
            await conn.execute("VACUUM relay_events")
            database, events, rows = await _sizes(conn)
            if day % 5 == 4 or day == DAYS - 1:
                sizes = f"{day + 1:3d}  {rows:11,d}  {events / mb:15.0f}  {database / mb:11.0f}"
                print(f"{sizes}  {fill_s:6.1f}  {prune_s:7.1f}  {gone:,d}")
        await conn.execute("VACUUM ANALYZE relay_events")
        database, events, rows = await _sizes(conn)
    finally:
        await storage.close()
        await conn.close()
    end_speed = await _ingest_speed(url, "end-")
    print(f"after {DAYS} days of {STORES} stores × {PER_DAY} events (keeping {KEEP_DAYS} acknowledged days):")
    print(f"  events kept {rows:,d}; relay_events {events / mb:,.0f} MB; database {database / mb:,.0f} MB")
    print(
        f"  ingest through one relay process: start {start_speed:,.0f}/s, end {end_speed:,.0f}/s"
        f" (end/start {end_speed / start_speed:.2f})"
    )


@pytest.mark.timeout(3600)
def test_a_month_of_a_busy_relay() -> None:
    if not PG_URL:
        pytest.skip("needs POSAPP_TEST_PG_URL")
    from tests.relay.conftest import _drop_pg_database, _fresh_pg_database

    url, name = asyncio.run(_fresh_pg_database(PG_URL))
    try:
        asyncio.run(_run(url))
    finally:
        asyncio.run(_drop_pg_database(PG_URL, name))
