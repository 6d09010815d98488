"""Relay benchmark (not a test): ``.venv/bin/python tests/bench/bench_relay.py [--pg URL] [--stores N]``.

Runs the relay as its own process (as deployed) and measures, over loopback:
- verified durable ingest: signed pushes/s with 32 concurrent senders, and ack latency p50/p99;
- webhook → stream latency p50/p99 at ~200 pushes/s spread over N connected store streams;
- catch-up: a 1,000-event backlog delivered after a reconnect.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from posapp.relay.server import free_port
from tests.relay.conftest import _fresh_pg_database, add_store
from tests.relay.helpers import RelayProcess, SseStream, keeta_push


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000


async def ingest(base: str, shop_ids: list[int], total: int, concurrency: int = 32) -> None:
    bodies = [keeta_push(1002, shop_id=shop_ids[i % len(shop_ids)]) for i in range(total)]
    latencies: list[float] = []
    errors = 0
    queue = iter(bodies)

    async def sender(client: httpx.AsyncClient) -> None:
        nonlocal errors
        for body in queue:
            t0 = time.perf_counter()
            r = await client.post(base + "/keeta/webhook", content=body)
            latencies.append(time.perf_counter() - t0)
            errors += r.status_code != 200

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        t0 = time.perf_counter()
        await asyncio.gather(*(sender(client) for _ in range(concurrency)))
        elapsed = time.perf_counter() - t0
    print(
        f"  ingest: {total / elapsed:,.0f} pushes/s, ack p50 {pct(latencies, 0.5):.1f} ms "
        f"p99 {pct(latencies, 0.99):.1f} ms, non-2xx {errors}"
    )


async def latency(base: str, tokens: dict[int, str], rate: float, count: int) -> None:
    sent: dict[str, float] = {}
    got: list[float] = []
    done = asyncio.Event()

    async def reader(client: httpx.AsyncClient, token: str) -> None:
        async with SseStream(client, base + "/v1/stream?after=999999999", token) as stream:
            while True:
                event = await stream.next_event(within=120)
                got.append(time.perf_counter() - sent[event.data["dedup_key"]])
                if len(got) >= count:
                    done.set()

    async with (
        httpx.AsyncClient(timeout=None, limits=httpx.Limits(max_connections=None)) as streams,
        httpx.AsyncClient(timeout=30) as pusher,
    ):
        readers = [asyncio.create_task(reader(streams, t)) for t in tokens.values()]
        await asyncio.sleep(2)  # let the streams connect; this is a benchmark, not a test
        shops = list(tokens)
        for i in range(count):
            mid = f"lat-{i}"
            body = keeta_push(1002, shop_id=shops[i % len(shops)], message_id=mid)
            sent[mid] = time.perf_counter()
            await pusher.post(base + "/keeta/webhook", content=body)
            await asyncio.sleep(1 / rate)
        await asyncio.wait_for(done.wait(), 30)
        for task in readers:
            task.cancel()
    print(
        f"  webhook→stream at {rate:.0f}/s over {len(tokens)} streams: p50 {pct(got, 0.5):.2f} ms "
        f"p99 {pct(got, 0.99):.2f} ms"
    )


async def catch_up(base: str, shop_id: int, token: str, n: int = 1000) -> None:
    async with httpx.AsyncClient(timeout=30) as client:
        r = await client.get(base + "/v1/events?after=0&wait=0", headers={"Authorization": f"Bearer {token}"})
        start_cursor = r.json()["cursor"] if r.status_code == 200 else 0
        await ingest(base, [shop_id], n, concurrency=16)
        t0 = time.perf_counter()
        async with SseStream(client, base + "/v1/stream", token, {"Last-Event-ID": str(start_cursor)}) as s:
            await s.events(n, within=30)
        print(f"  catch-up: {n} events in {(time.perf_counter() - t0) * 1000:.0f} ms")


async def run(db_url: str, stores: int) -> None:
    shop_ids = [700000 + i for i in range(stores)]
    tokens = {sid: await add_store(db_url, shop_id=sid, zeek_merchant_id="") for sid in shop_ids}
    relay = RelayProcess(db_url, free_port())
    await relay.start()
    try:
        await ingest(relay.base_url, shop_ids, 5000)
        await latency(relay.base_url, tokens, rate=200, count=2000)
        await catch_up(relay.base_url, shop_ids[0], tokens[shop_ids[0]])
    finally:
        await relay.kill()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", default=os.environ.get("POSAPP_TEST_PG_URL"))
    parser.add_argument("--stores", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print("SQLite:")
        await run(f"sqlite:///{tmp}/bench.sqlite3", args.stores)
    if args.pg:
        url, _name = await _fresh_pg_database(args.pg)
        print("PostgreSQL:")
        await run(url, args.stores)


if __name__ == "__main__":
    asyncio.run(main())
