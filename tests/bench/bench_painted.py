"""Webhook → relay → app → painted on the board (issue 16 point 9): not in the default run; asserts no timing.

Run: ``.venv/bin/python -m pytest tests/bench/bench_painted.py -o python_files='bench_*.py' -s -q``
(``BENCH_PAINT_RATE`` pushes/s in all, ``BENCH_PAINT_SECONDS`` per phase, ``BENCH_PAINT_WATCHED_EVERY``:
one push in that many goes to the watched store, ``BENCH_PAINT_BOARD`` open orders already on its board).

The simulator and the relay run in one process (``platformproc``; the relay on SQLite, as a shop runs
it) with 1,000 stores registered; a drain process holds the stream of each of the 999 other stores
and reads every event, so the relay fans out to them as it would to their apps; the cashier app of
the one watched store runs offscreen in a process of its own (``paintrun``). This process signs
Keeta pushes ahead of time and POSTs them to the relay's webhook on a fixed schedule (4 keep-alive
connections), noting when each was sent and when the relay answered it (stored, then acknowledged); a
spy process holding a second stream of the watched store notes when the relay streamed it; the app
notes when its sync engine took it off the stream, when it was committed to the cache, when its row
entered the board's model and when the board next finished painting. Latency = painted − sent, and
each stage on the way (one monotonic clock for all processes on the host).

Phases, in one run: warm-up (unmeasured), **baseline** (the watched store's pushes alone, nothing
else moving), **load** (the same watched pushes inside ``BENCH_PAINT_RATE``/s over 1,000 stores).
Each figure of the load phase is printed with its ratio to the baseline.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import multiprocessing
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.bench import paintrun
from tests.bench.boardseed import PUSHED_ID, order_info
from tests.bench.platformproc import platforms_in_subprocess
from tests.bench.rawhttp import Connection, SseReader, post_bytes
from tests.bench.relayproc import bench_token, shop_ids
from tests.conftest import load_fixture
from tests.relay.helpers import keeta_push

RATE = float(os.environ.get("BENCH_PAINT_RATE", "200"))
SECONDS = float(os.environ.get("BENCH_PAINT_SECONDS", "60"))
# One push in 100 is the watched store's: 2 new orders a second, a counter in its worst rush (and
# enough samples for a p99); the other 198/s go to the 999 other stores.
WATCHED_EVERY = int(os.environ.get("BENCH_PAINT_WATCHED_EVERY", "100"))
BOARD_ORDERS = int(os.environ.get("BENCH_PAINT_BOARD", "100"))
OTHER_STORES = 999
MAX_LANES = 16
CTX = multiprocessing.get_context("spawn")
OTHER_ORDER = {"orderInfo": load_fixture("keeta/order_info_delivery.json")}
WATCHED_KEY = "watched-"  # the messageId of a watched push: this and its order id


@dataclass(frozen=True)
class Push:
    body: bytes
    watched_order: int | None  # the watched store's new order, or None for another store's push


class Signer:
    """Keeta pushes for the relay, signed with the simulator's credentials (the relay's Keeta app)."""

    def __init__(self, info: Any) -> None:
        self.sim = info.sim_config
        self.url = info.relay_url.rstrip("/") + "/keeta/webhook"
        self.port = int(info.relay_url.rsplit(":", 1)[1])
        self.next_order = PUSHED_ID
        self.others = shop_ids(OTHER_STORES)

    def watched(self) -> Push:
        order_id, self.next_order = self.next_order, self.next_order + 1
        message = {"orderInfo": order_info(order_id, order_id % 9000 + 1000)}
        return Push(self._sign(1001, message, self.sim.shop_id, f"{WATCHED_KEY}{order_id}"), order_id)

    def other(self, i: int) -> Push:
        shop = self.others[(i * 7919) % len(self.others)]  # spread over every other store
        if i % 8 == 0:  # one push in 8 a new order, the rest status changes (relay.md's mix)
            return Push(self._sign(1001, OTHER_ORDER, shop), None)
        return Push(self._sign(1002, None, shop), None)

    def _sign(self, event: int, message: dict[str, Any] | None, shop: int, key: str | None = None) -> bytes:
        body = keeta_push(
            event, message, shop_id=shop, app_id=self.sim.app_id, secret=self.sim.secret, url=self.url,
            message_id=key,
        )  # fmt: skip
        return post_bytes("/keeta/webhook", body, self.port)

    def schedule(self, count: int, watched_every: int) -> list[Push]:
        return [self.watched() if i % watched_every == 0 else self.other(i) for i in range(count)]


Times = dict[int, int]  # watched order id → monotonic ns


async def send(port: int, pushes: list[Push], rate: float) -> tuple[Times, Times, int]:
    """POST ``pushes`` at ``rate``/s; returns when each watched order was sent, when the relay answered
    it (stored before acknowledged), and the non-200 count."""
    # Enough connections that a slow answer never holds the schedule, few enough that none sits idle
    # past the relay's keep-alive timeout (5 s) at a low rate.
    lanes = max(1, min(MAX_LANES, int(rate // 10)))
    connections = [await Connection.open(port) for _ in range(lanes)]
    sent: Times = {}
    acked: Times = {}
    errors = 0
    start = time.monotonic()

    async def lane(k: int) -> None:
        nonlocal errors
        for i in range(k, len(pushes), lanes):
            delay = start + i / rate - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)  # the send schedule itself, not a wait for a condition
            push = pushes[i]
            if push.watched_order is not None:
                sent[push.watched_order] = time.monotonic_ns()
            status, _ = await connections[k].request(push.body)
            errors += status != 200
            if push.watched_order is not None:
                acked[push.watched_order] = time.monotonic_ns()

    try:
        await asyncio.gather(*(lane(k) for k in range(lanes)))
    finally:
        for connection in connections:
            connection.close()
    return sent, acked, errors


# ---- the other 999 stores' apps: every event read, nothing else -------------------------------


def drain(port: int, shops: list[int], ready: Any, stop: Any, out: Any) -> None:
    out.put(asyncio.run(_drain(port, shops, ready, stop)))


async def _drain(port: int, shops: list[int], ready: Any, stop: Any) -> int:
    received = 0
    opened = 0

    async def one(shop: int) -> None:
        nonlocal received, opened
        stream = await SseReader.open(port, bench_token(shop))
        async for message in stream.messages():
            if message.comment and not message.data:
                opened += 1
                if opened == len(shops):
                    ready.put(True)
            else:
                received += 1

    tasks = [asyncio.create_task(one(shop)) for shop in shops]
    await asyncio.get_running_loop().run_in_executor(None, stop.wait)
    for task in tasks:
        task.cancel()
    return received


# ---- the spy: a second stream of the watched store, for when the relay streamed each push ----------


def spy(port: int, token: str, ready: Any, commands: Any, out: Any) -> None:
    asyncio.run(_spy(port, token, ready, commands, out))


async def _spy(port: int, token: str, ready: Any, commands: Any, out: Any) -> None:
    streamed: Times = {}
    pattern = re.compile(rf'"dedup_key":"{WATCHED_KEY}(\d+)"')

    async def read() -> None:
        opened = False
        stream = await SseReader.open(port, token)
        async for message in stream.messages():
            if message.comment and not message.data:
                if not opened:
                    opened = True
                    ready.put(True)
                continue
            found = pattern.search("".join(message.data))
            if found:
                streamed.setdefault(int(found.group(1)), time.monotonic_ns())

    task = asyncio.create_task(read())
    loop = asyncio.get_running_loop()
    while await loop.run_in_executor(None, commands.get) == "report":
        out.put(dict(streamed))
        streamed.clear()
    task.cancel()


# ---- figures -----------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] if ordered else float("nan")


# Where a watched push is, in order, from the webhook to the screen: (stage, what has happened by then).
# "acked" is on a branch of its own: the relay may stream an event before its answer reaches the sender.
STAGES = [
    ("acked", "relay stored it and answered the webhook"),
    ("streamed", "relay streamed it (the spy's copy of the stream)"),
    ("received", "app's sync engine took it off the stream"),
    ("stored", "committed to the app's cache (with the cursor)"),
    ("model", "row in the board's model"),
    ("painted", "painted on the board"),
]
CHAIN = ["sent", "streamed", "received", "stored", "model", "painted"]


def phase_figures(times: dict[str, Times], seen: paintrun.Seen, errors: int) -> dict[str, float]:
    """``times``: "sent", "acked" and "streamed" per watched order; ``seen``: the app's stages."""
    sent = times["sent"]
    stages: dict[int, dict[str, int]] = {}
    for order in sent:
        known = {name: times[name][order] for name in ("sent", "acked", "streamed") if order in times[name]}
        stages[order] = {**known, **seen.get(order, {})}

    def spans(start: str, end: str) -> list[float]:
        return [(s[end] - s[start]) / 1e6 for s in stages.values() if start in s and end in s]

    figures: dict[str, float] = {}
    for name, _label in STAGES:
        values = spans("sent", name)
        figures[f"to_{name}_p50_ms"] = percentile(values, 0.5)
        figures[f"to_{name}_p99_ms"] = percentile(values, 0.99)
    for start, end in itertools.pairwise(CHAIN):
        values = spans(start, end)
        figures[f"{start}_{end}_p50_ms"] = percentile(values, 0.5)
        figures[f"{start}_{end}_p99_ms"] = percentile(values, 0.99)
        figures[f"{start}_{end}_max_ms"] = max(values, default=float("nan"))
    painted = spans("sent", "painted")
    figures["painted_max_ms"] = max(painted, default=float("nan"))
    figures["watched_pushes"] = len(sent)
    figures["not_painted"] = len(sent) - len(painted)
    figures["non_200"] = errors
    return figures


def _rows() -> list[tuple[str, str, str]]:
    rows = [("to_painted_p50_ms", "webhook -> painted on the board p50, ms", ""),
            ("to_painted_p99_ms", "  p99, ms", "<= 50"), ("painted_max_ms", "  max, ms", "")]  # fmt: skip
    rows.append(("", "webhook -> ... p50 / p99, ms", ""))
    for name, label in STAGES[:-1]:
        rows += [(f"to_{name}_p50_ms", f"  {label} p50", ""), (f"to_{name}_p99_ms", "    p99", "")]
    rows.append(("", "each stage alone p50 / p99 / max, ms", ""))
    for start, end in itertools.pairwise(CHAIN):
        rows += [(f"{start}_{end}_p50_ms", f"  {start} -> {end} p50", ""),
                 (f"{start}_{end}_p99_ms", f"  {start} -> {end} p99", ""),
                 (f"{start}_{end}_max_ms", f"  {start} -> {end} max", "")]  # fmt: skip
    return [
        *rows,
        ("app_cpu_per_order_ms", "app process CPU per new order, ms", ""),
        ("app_cpu_pct", "  app process CPU, % of a core", ""),
        ("watched_pushes", "new orders pushed to the watched store", ""),
        ("not_painted", "  of which never painted", "0"),
        ("push_rate", "achieved push rate, all stores, /s", ""),
        ("non_200", "webhook answers other than 200", "0"),
        ("other_events_read", "events the 999 other stores' streams read (whole run)", ""),
    ]


ROWS = _rows()


def table(baseline: dict[str, float], load: dict[str, float]) -> str:
    lines = [["metric", "baseline", f"load ({RATE:.0f}/s, 1,000 stores)", "target"]]
    for key, label, target in ROWS:
        if not key:
            lines.append([label, "", "", ""])
            continue
        base, value = baseline.get(key), load.get(key)
        cell = "-" if value is None else f"{value:,.1f}"
        if value is not None and base and key.endswith(("_ms", "_pct")):
            cell += f" ({value / base:.2f}x)"
        lines.append([label, "-" if base is None else f"{base:,.1f}", cell, target])
    widths = [max(len(row[i]) for row in lines) for i in range(4)]
    text = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in lines]
    text.insert(1, "  ".join("-" * w for w in widths))
    text.append("(x) = ratio to the baseline phase of the same run (the watched store's pushes alone)")
    return "\n".join(text)


class AppProcess:
    def __init__(self, work: Path, info: Any) -> None:
        self.commands: Any = CTX.Queue()
        self.results: Any = CTX.Queue()
        self.proc = CTX.Process(
            target=paintrun.run, args=(str(work), info, BOARD_ORDERS, self.commands, self.results)
        )
        self.proc.start()
        self.opened = self._get(300)

    def _get(self, timeout: float) -> Any:
        result = self.results.get(timeout=timeout)
        if isinstance(result, str):
            raise RuntimeError(f"the app process failed: {result}")
        return result

    async def report(self, expected: set[int], within: float = 10.0) -> tuple[float, paintrun.Seen]:
        """The app's CPU seconds so far and the times noted since the last report, once every expected
        order is painted (or ``within`` has passed)."""
        seen: paintrun.Seen = {}
        deadline = time.monotonic() + within
        while True:
            self.commands.put("report")
            cpu, more = await asyncio.to_thread(self._get, 60)
            seen.update(more)
            if expected <= seen.keys() or time.monotonic() > deadline:
                return cpu, seen
            await asyncio.sleep(0.2)  # polling the other process for what is still on its way

    def stop(self) -> None:
        self.commands.put("stop")
        self.proc.join(30)
        if self.proc.is_alive():
            self.proc.kill()


class Spy:
    """The process holding the watched store's second stream."""

    def __init__(self, port: int, token: str) -> None:
        self.commands: Any = CTX.Queue()
        self.results: Any = CTX.Queue()
        ready: Any = CTX.Queue()
        self.proc = CTX.Process(target=spy, args=(port, token, ready, self.commands, self.results))
        self.proc.start()
        ready.get(timeout=60)

    async def report(self) -> Times:
        self.commands.put("report")
        streamed: Times = await asyncio.to_thread(self.results.get, True, 60)
        return streamed

    def stop(self) -> None:
        self.commands.put("stop")
        self.proc.join(30)
        if self.proc.is_alive():
            self.proc.kill()


async def _phase(
    app: AppProcess, spy: Spy, signer: Signer, rate: float, count: int, every: int
) -> dict[str, float]:
    pushes = signer.schedule(count, every)
    cpu_before, _ = await app.report(set())
    await spy.report()
    start = time.monotonic()
    sent, acked, errors = await send(signer.port, pushes, rate)
    seconds = time.monotonic() - start
    cpu_after, seen = await app.report(set(sent))
    times = {"sent": sent, "acked": acked, "streamed": await spy.report()}
    figures = phase_figures(times, seen, errors)
    figures["push_rate"] = count / seconds
    # Everything the app process did meanwhile (its 1 s tick too), per new order: the figure the
    # host's other load does not stretch, unlike the latencies.
    figures["app_cpu_per_order_ms"] = (cpu_after - cpu_before) * 1000 / max(1, len(sent))
    figures["app_cpu_pct"] = (cpu_after - cpu_before) / seconds * 100
    return figures


async def _measure(app: AppProcess, spy: Spy, info: Any) -> tuple[dict[str, float], dict[str, float]]:
    signer = Signer(info)
    watched_rate = RATE / WATCHED_EVERY
    # Warm-up: the first pushes pay for lazy imports and cold caches in every process (start-up).
    await _phase(app, spy, signer, RATE, int(RATE * 3), WATCHED_EVERY)
    baseline = await _phase(app, spy, signer, watched_rate, int(watched_rate * SECONDS), 1)
    load = await _phase(app, spy, signer, RATE, int(RATE * SECONDS), WATCHED_EVERY)
    return baseline, load


def _ended(process: Any) -> None:
    process.join(30)
    if process.is_alive():
        process.kill()


@pytest.mark.timeout(1800)
def test_webhook_to_painted_benchmark() -> None:
    with tempfile.TemporaryDirectory(prefix="posapp-paint-bench-") as folder:
        work = Path(folder)
        with platforms_in_subprocess(work / "platforms", other_stores=OTHER_STORES) as info:
            port = int(info.relay_url.rsplit(":", 1)[1])
            ready, stop, drained = CTX.Queue(), CTX.Event(), CTX.Queue()
            drainer = CTX.Process(target=drain, args=(port, shop_ids(OTHER_STORES), ready, stop, drained))
            # Every process is stopped whatever fails: a child left running kept the run from exiting.
            with contextlib.ExitStack() as running:
                drainer.start()
                running.callback(_ended, drainer)
                running.callback(stop.set)
                ready.get(timeout=120)
                app = AppProcess(work / "app", info)
                running.callback(app.stop)
                watcher = Spy(port, info.store_token)
                running.callback(watcher.stop)
                baseline, load = asyncio.run(_measure(app, watcher, info))
                stop.set()
                load["other_events_read"] = drained.get(timeout=60)
    print()
    print(f"board: {BOARD_ORDERS} open orders; views watched: {app.opened['views']}; cores {os.cpu_count()}; "
          f"load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    print(table(baseline, load))
    assert load["watched_pushes"] > 0 and load["non_200"] == 0
