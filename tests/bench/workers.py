"""Load-generator and app-side processes for the relay benchmark.

Each entry point runs in a process of its own (multiprocessing, spawn) with its own event loop, talks
raw keep-alive HTTP to the relay on loopback and sends its figures back on a queue. Latencies are
taken with ``time.monotonic_ns`` (CLOCK_MONOTONIC: one clock for every process on the host), the send
time travelling inside the push's messageId.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sqlite3
import time
from collections.abc import Callable
from multiprocessing.synchronize import Event as MpEvent
from queue import Queue
from typing import Any

from tests.bench.rawhttp import Connection, SseReader, post_bytes
from tests.bench.relayproc import bench_token
from tests.conftest import load_fixture
from tests.relay.helpers import keeta_push

ORDER_PLACED = {"orderInfo": load_fixture("keeta/order_info_delivery.json")}
WARM_UP_PUSHES = 60
STEP = 8  # one push in 8 is a new order (1001), as in relay.md's load estimate; the rest status changes


def _push(i: int, shop: int, message_id: str) -> bytes:
    if i % STEP == 0:
        return keeta_push(1001, ORDER_PLACED, shop_id=shop, message_id=message_id)
    return keeta_push(1002, shop_id=shop, message_id=message_id)


def _loop_run(main: Any) -> Any:
    try:
        import uvloop
    except ImportError:
        return asyncio.run(main)
    return uvloop.run(main)


# ---- ingest: closed-loop senders, as many in flight as connections ----


def ingest_worker(
    port: int,
    shops: list[int],
    count: int,
    conns: int,
    tag: str,
    ready: Queue[Any],
    go: MpEvent,
    out: Queue[Any],
) -> None:
    requests = [
        post_bytes("/keeta/webhook", _push(i, shops[i % len(shops)], f"{tag}-{i}"), port)
        for i in range(count)
    ]
    out.put(_loop_run(_ingest(port, requests, conns, ready, go)))


async def _ingest(
    port: int, requests: list[bytes], conns: int, ready: Queue[Any], go: MpEvent
) -> dict[str, Any]:
    connections = [await Connection.open(port) for _ in range(conns)]
    ready.put(True)
    await asyncio.get_running_loop().run_in_executor(None, go.wait)
    todo = iter(requests)
    latencies: list[float] = []
    errors = 0

    async def sender(conn: Connection) -> None:
        nonlocal errors
        for raw in todo:
            t0 = time.monotonic_ns()
            status, _ = await conn.request(raw)
            latencies.append((time.monotonic_ns() - t0) / 1e6)
            errors += status != 200

    start = time.monotonic_ns()
    await asyncio.gather(*(sender(c) for c in connections))
    end = time.monotonic_ns()
    for c in connections:
        c.close()
    return {"latencies": latencies, "errors": errors, "start": start, "end": end}


# ---- latency: an open-loop pusher at a fixed rate ----


def warm_up_shops(shops: list[int]) -> list[int]:
    """The store of each unmeasured warm-up push, spread over every reader's stores."""
    return [shops[(i * 37) % len(shops)] for i in range(WARM_UP_PUSHES)]


def pusher(
    port: int, shops: list[int], rate: float, count: int, go: MpEvent, warmed: MpEvent, out: Queue[Any]
) -> None:
    out.put(_loop_run(_pusher(port, shops, rate, count, go, warmed)))


async def _pusher(
    port: int, shops: list[int], rate: float, count: int, go: MpEvent, warmed: MpEvent
) -> dict[str, Any]:
    lanes = 4  # each lane is one keep-alive connection; at 200/s a lane sends every 20 ms
    connections = [await Connection.open(port) for _ in range(lanes)]
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, go.wait)
    # The first pushes a relay and an app process handle pay for cold caches and lazy imports (tens
    # of ms): that is start-up, not the steady path measured here. Unmeasured pushes go first, to
    # stores of every reader; the schedule starts once every reader has applied its share.
    for i, shop in enumerate(warm_up_shops(shops)):
        await connections[0].request(post_bytes("/keeta/webhook", _push(i, shop, f"warm-{i}"), port))
    if not await loop.run_in_executor(None, warmed.wait, 60):
        raise RuntimeError("the readers did not receive the warm-up pushes")
    t0 = time.monotonic()
    errors = 0

    async def lane(k: int) -> None:
        nonlocal errors
        for i in range(k, count, lanes):
            delay = t0 + i / rate - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)  # the send schedule itself, not a wait for a condition
            mid = f"lat-{time.monotonic_ns()}-{i}"
            status, _ = await connections[k].request(
                post_bytes("/keeta/webhook", _push(i, shops[i % len(shops)], mid), port)
            )
            errors += status != 200

    await asyncio.gather(*(lane(k) for k in range(lanes)))
    for c in connections:
        c.close()
    return {"sent": count, "errors": errors, "seconds": time.monotonic() - t0}


# ---- the app side: one SSE stream per store, each event committed to a SQLite cache ----

LIGHT_SCHEMA = """
CREATE TABLE IF NOT EXISTS events (shop INTEGER, seq INTEGER, kind TEXT, body TEXT, PRIMARY KEY (shop, seq));
CREATE TABLE IF NOT EXISTS cursors (shop INTEGER PRIMARY KEY, seq INTEGER NOT NULL);
"""


def _light_applier(path: str) -> Callable[[int, str, str, str], None]:
    """Parse the event and commit it with its cursor in one transaction, as EventApplier does."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")  # the app cache's setting (posapp/store/db.py)
    db.executescript(LIGHT_SCHEMA)

    def apply(shop: int, event_id: str, kind: str, data: str) -> None:
        envelope = json.loads(data)
        body = envelope["body"]
        json.loads(body["message"])
        db.execute("BEGIN")
        db.execute(
            "INSERT OR IGNORE INTO events VALUES (?, ?, ?, ?)", (shop, int(event_id), kind, json.dumps(body))
        )
        db.execute("INSERT OR REPLACE INTO cursors VALUES (?, ?)", (shop, int(event_id)))
        db.execute("COMMIT")

    return apply


def _parse_only(shop: int, event_id: str, kind: str, data: str) -> None:
    json.loads(data)


def _real_applier(path: str) -> Callable[[int, str, str, str], None]:
    """posapp.engine.apply.EventApplier on the app's own cache schema, one stream name per store."""
    from posapp.engine.apply import EventApplier
    from posapp.engine.relay_source import decode_relay_data
    from posapp.store.db import open_database

    open_database(path)
    appliers: dict[int, EventApplier] = {}

    def apply(shop: int, event_id: str, kind: str, data: str) -> None:
        applier = appliers.setdefault(shop, EventApplier(f"relay-{shop}"))
        applier(decode_relay_data(int(event_id), kind, data))

    _warm_up(apply)
    return apply


WARM_UP_SHOP = 1  # no benchmark store has this id


def _warm_up(apply: Callable[[int, str, str, str], None]) -> None:
    """An order placed and accepted before the stream opens, as a running app has long done: the first
    events a process applies pay for lazy imports and cold caches (tens of ms), which is start-up,
    not the webhook→app path."""
    from posapp.relay.storage.base import StoredEvent, StoreRecord
    from posapp.relay.stream import event_json

    store = StoreRecord(0, WARM_UP_SHOP, "warm-up", "", 0, 0, 0.0)
    for seq, i in ((1, 0), (2, 1)):  # a 1001, then a 1002 (see _push)
        body = _push(i, WARM_UP_SHOP, f"warm-up-{seq}").decode()
        event = StoredEvent(seq, "keeta", "", f"warm-up-{seq}", time.time(), body)
        apply(WARM_UP_SHOP, str(seq), "keeta", event_json(event, store))


def reader(
    port: int,
    shops: list[int],
    expect: tuple[int, int],
    db_path: str,
    real: bool,
    ready: Queue[Any],
    out: Queue[Any],
) -> None:
    """``expect``: (warm-up pushes, measured pushes) for these stores. Puts True on ``ready`` once every
    stream is open, and again once the warm-up pushes are applied."""
    apply = _real_applier(db_path) if real else _light_applier(db_path)
    result = _loop_run(_reader(port, shops, expect, apply, ready))
    out.put({**result, "real": real})


async def _reader(
    port: int,
    shops: list[int],
    expect: tuple[int, int],
    apply: Callable[[int, str, str, str], None],
    ready: Queue[Any],
) -> dict[str, Any]:
    warm_left, measured = expect
    latencies: list[float] = []
    done = asyncio.Event()
    opened = 0

    async def one(shop: int) -> None:
        nonlocal opened, warm_left
        stream = await SseReader.open(port, bench_token(shop))
        async for message in stream.messages():
            if message.comment and not message.data:
                opened += 1
                if opened == len(shops):
                    ready.put(True)
                continue
            data = "\n".join(message.data)
            apply(shop, message.id, message.event, data)
            key = json.loads(data)["dedup_key"]
            if key.startswith("lat-"):
                latencies.append((time.monotonic_ns() - int(key.split("-")[1])) / 1e6)
                if len(latencies) >= measured:
                    done.set()
            elif key.startswith("warm-"):
                warm_left -= 1
                if warm_left == 0:
                    ready.put(True)

    tasks = []
    for shop in shops:
        tasks.append(asyncio.create_task(one(shop)))
        await asyncio.sleep(0)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(done.wait(), 120)
    for task in tasks:
        task.cancel()
    return {"latencies": latencies, "expected": measured}


# ---- catch-up: reconnect behind a backlog and time its delivery ----


def catch_up(port: int, shop: int, after: int, count: int, db_path: str, out: Queue[Any]) -> None:
    """With ``db_path`` each event is applied by the real EventApplier; without, only parsed."""
    apply = _real_applier(db_path) if db_path else _parse_only
    out.put(_loop_run(_catch_up(port, shop, after, count, apply)))


async def _catch_up(
    port: int, shop: int, after: int, count: int, apply: Callable[[int, str, str, str], None]
) -> dict[str, Any]:
    t0 = time.monotonic_ns()
    stream = await SseReader.open(port, bench_token(shop), after=after)
    got = 0
    async for message in stream.messages():
        if message.data:
            apply(shop, message.id, message.event, "\n".join(message.data))
            got += 1
            if got >= count:
                break
    stream.close()
    return {"count": got, "ms": (time.monotonic_ns() - t0) / 1e6}


# ---- idle streams: hold many open and report once each has its first comment ----


def idle_holder(port: int, shops: list[int], per_shop: int, ready: Queue[Any], stop: MpEvent) -> None:
    _loop_run(_idle(port, shops, per_shop, ready, stop))


async def _idle(port: int, shops: list[int], per_shop: int, ready: Queue[Any], stop: MpEvent) -> None:
    opened = 0
    streams: list[SseReader] = []
    all_open = asyncio.Event()
    total = len(shops) * per_shop

    async def one(shop: int) -> None:
        nonlocal opened
        stream = await SseReader.open(port, bench_token(shop))
        streams.append(stream)
        async for message in stream.messages():
            if message.comment:
                opened += 1
                if opened == total:
                    all_open.set()
                return

    gate = asyncio.Semaphore(200)  # connect in waves so the accept backlog is never the limit

    async def gated(shop: int) -> None:
        async with gate:
            await one(shop)

    await asyncio.gather(*(gated(s) for s in shops for _ in range(per_shop)))
    await all_open.wait()
    ready.put(total)
    await asyncio.get_running_loop().run_in_executor(None, stop.wait)
    for stream in streams:
        stream.close()
