"""What one relay process carries (issue 18, README's capacity section): not in the default run.

Run: ``POSAPP_TEST_PG_URL=… .venv/bin/python -m pytest tests/bench/bench_capacity.py
-o python_files='bench_*.py' -s -q``

One relay process (the CLI, uvloop + httptools) on PostgreSQL, on this host's cores: durable
signed pushes per second from 16 keep-alive connections over 1,000 stores, and the memory of idle
SSE streams (5,000 apps connected, heartbeats on). Prints the figures; asserts nothing about speed.
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest

from tests.bench.fleet import RelayProc, raise_open_files
from tests.bench.rawhttp import Connection, SseReader, post_bytes
from tests.bench.relayproc import bench_token, seed_url, shop_ids
from tests.relay.helpers import keeta_push

PG_URL = os.environ.get("POSAPP_TEST_PG_URL", "")
STORES = 1000
PUSHES, CONNS = 8000, 16
IDLE_STREAMS = int(os.environ.get("BENCH_IDLE_STREAMS", "5000"))
# The CLI's --reread: each connected stream reads the database this often even when nothing woke it.
REREAD = float(os.environ.get("BENCH_REREAD", "5"))


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


async def pushes_per_second(port: int, tag: str, count: int = PUSHES) -> float:
    shops = shop_ids(STORES)
    requests = iter(
        [
            post_bytes(
                "/keeta/webhook", keeta_push(1002, shop_id=shops[i % STORES], message_id=f"{tag}{i}"), port
            )
            for i in range(count)
        ]
    )
    connections = [await Connection.open(port) for _ in range(CONNS)]
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
    return count / seconds


async def _run(url: str) -> None:
    await seed_url(url, IDLE_STREAMS)
    relay = RelayProc(url, reread=REREAD)
    relay.start()
    readers: list[SseReader] = []
    try:
        await relay.ready()
        assert relay.proc is not None
        await pushes_per_second(relay.port, "warm-", 1000)
        rate = await pushes_per_second(relay.port, "run-")
        print(f"\ncores {os.cpu_count()}; one relay process on PostgreSQL:", end=" ")
        print(f"{rate:,.0f} durable pushes/s ({CONNS} connections)")
        before = _rss_kb(relay.proc.pid)
        for shop in shop_ids(IDLE_STREAMS):
            readers.append(await SseReader.open(relay.port, bench_token(shop)))
        await asyncio.sleep(2)  # let the streams settle into their idle state before reading memory
        after = _rss_kb(relay.proc.pid)
        per = (after - before) / IDLE_STREAMS
        print(f"{IDLE_STREAMS} idle streams: RSS {before / 1024:.0f} → {after / 1024:.0f} MB", end=" ")
        print(f"({per:.0f} KB each)")
        rate_streaming = await pushes_per_second(relay.port, "busy-")
        print(f"pushes/s with {IDLE_STREAMS} streams connected (--reread {REREAD:g}): {rate_streaming:,.0f}")
    finally:
        for reader in readers:
            reader.close()
        relay.kill()


@pytest.mark.timeout(900)
def test_what_one_relay_process_carries() -> None:
    if not PG_URL:
        pytest.skip("needs POSAPP_TEST_PG_URL")
    raise_open_files()
    from tests.relay.conftest import _drop_pg_database, _fresh_pg_database

    url, name = asyncio.run(_fresh_pg_database(PG_URL))
    try:
        asyncio.run(_run(url))
    finally:
        asyncio.run(_drop_pg_database(PG_URL, name))
