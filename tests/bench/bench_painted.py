"""Webhook → relay → app → painted on the board (issue 16 point 9): not in the default run; asserts no timing.

Run: ``.venv/bin/python -m pytest tests/bench/bench_painted.py -o python_files='bench_*.py' -s -q``
(``BENCH_PAINT_RATE`` pushes/s in all, ``BENCH_PAINT_SECONDS`` per phase, ``BENCH_PAINT_WATCHED_EVERY``:
one push in that many goes to the watched store, ``BENCH_PAINT_BOARD`` open orders already on its board).

The simulator and the relay run in one process (``platformproc``; the relay on SQLite, as a shop runs
it) with 1,000 stores registered; a drain process holds the stream of each of the 999 other stores
and reads every event, so the relay fans out to them as it would to their apps; the cashier app of
the one watched store runs offscreen in a process of its own (``paintrun``). This process signs
Keeta pushes ahead of time and POSTs them to the relay's webhook on a fixed schedule (4 keep-alive
connections), noting when each was sent; the app notes when its row entered the board's model and
when the board next finished painting. Latency = painted − sent (one monotonic clock for all).

Phases, in one run: warm-up (unmeasured), **baseline** (the watched store's pushes alone, nothing
else moving), **load** (the same watched pushes inside ``BENCH_PAINT_RATE``/s over 1,000 stores).
Each figure of the load phase is printed with its ratio to the baseline.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import statistics
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
        return Push(self._sign(1001, message, self.sim.shop_id), order_id)

    def other(self, i: int) -> Push:
        shop = self.others[(i * 7919) % len(self.others)]  # spread over every other store
        if i % 8 == 0:  # one push in 8 a new order, the rest status changes (relay.md's mix)
            return Push(self._sign(1001, OTHER_ORDER, shop), None)
        return Push(self._sign(1002, None, shop), None)

    def _sign(self, event: int, message: dict[str, Any] | None, shop: int) -> bytes:
        body = keeta_push(
            event, message, shop_id=shop, app_id=self.sim.app_id, secret=self.sim.secret, url=self.url
        )
        return post_bytes("/keeta/webhook", body, self.port)

    def schedule(self, count: int, watched_every: int) -> list[Push]:
        return [self.watched() if i % watched_every == 0 else self.other(i) for i in range(count)]


async def send(port: int, pushes: list[Push], rate: float) -> tuple[dict[int, int], int]:
    """POST ``pushes`` at ``rate``/s; returns when each watched order was sent, and the non-200 count."""
    # Enough connections that a slow answer never holds the schedule, few enough that none sits idle
    # past the relay's keep-alive timeout (5 s) at a low rate.
    lanes = max(1, min(MAX_LANES, int(rate // 10)))
    connections = [await Connection.open(port) for _ in range(lanes)]
    sent: dict[int, int] = {}
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

    try:
        await asyncio.gather(*(lane(k) for k in range(lanes)))
    finally:
        for connection in connections:
            connection.close()
    return sent, errors


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


# ---- figures -----------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] if ordered else float("nan")


def phase_figures(sent: dict[int, int], seen: paintrun.Seen, errors: int) -> dict[str, float]:
    painted = [(seen[o][1] - sent[o]) / 1e6 for o in sent if o in seen]
    in_model = [(seen[o][0] - sent[o]) / 1e6 for o in sent if o in seen]
    paint_only = [(seen[o][1] - seen[o][0]) / 1e6 for o in sent if o in seen]
    return {
        "painted_p50_ms": percentile(painted, 0.5),
        "painted_p99_ms": percentile(painted, 0.99),
        "painted_max_ms": max(painted, default=float("nan")),
        "model_p50_ms": percentile(in_model, 0.5),
        "model_p99_ms": percentile(in_model, 0.99),
        "paint_after_model_p50_ms": percentile(paint_only, 0.5),
        "paint_after_model_p99_ms": percentile(paint_only, 0.99),
        "paint_after_model_mean_ms": statistics.fmean(paint_only) if paint_only else float("nan"),
        "watched_pushes": len(sent),
        "not_painted": len(sent) - len(painted),
        "non_200": errors,
    }


ROWS = [
    ("painted_p50_ms", "webhook -> painted on the board p50, ms", ""),
    ("painted_p99_ms", "  p99, ms", "<= 50"),
    ("painted_max_ms", "  max, ms", ""),
    ("model_p50_ms", "webhook -> row in the board's model p50, ms", ""),
    ("model_p99_ms", "  p99, ms", ""),
    ("paint_after_model_p50_ms", "row in the model -> painted p50, ms", "~ a frame"),
    ("paint_after_model_p99_ms", "  p99, ms", ""),
    ("app_cpu_per_order_ms", "app process CPU per new order, ms", ""),
    ("app_cpu_pct", "  app process CPU, % of a core", ""),
    ("watched_pushes", "new orders pushed to the watched store", ""),
    ("not_painted", "  of which never painted", "0"),
    ("push_rate", "achieved push rate, all stores, /s", ""),
    ("non_200", "webhook answers other than 200", "0"),
    ("other_events_read", "events the 999 other stores' streams read (whole run)", ""),
]


def table(baseline: dict[str, float], load: dict[str, float]) -> str:
    lines = [["metric", "baseline", f"load ({RATE:.0f}/s, 1,000 stores)", "target"]]
    for key, label, target in ROWS:
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


async def _phase(app: AppProcess, signer: Signer, rate: float, count: int, every: int) -> dict[str, float]:
    pushes = signer.schedule(count, every)
    cpu_before, _ = await app.report(set())
    start = time.monotonic()
    sent, errors = await send(signer.port, pushes, rate)
    seconds = time.monotonic() - start
    cpu_after, seen = await app.report(set(sent))
    figures = phase_figures(sent, seen, errors)
    figures["push_rate"] = count / seconds
    # Everything the app process did meanwhile (its 1 s tick too), per new order: the figure the
    # host's other load does not stretch, unlike the latencies.
    figures["app_cpu_per_order_ms"] = (cpu_after - cpu_before) * 1000 / max(1, len(sent))
    figures["app_cpu_pct"] = (cpu_after - cpu_before) / seconds * 100
    return figures


async def _measure(app: AppProcess, info: Any) -> tuple[dict[str, float], dict[str, float]]:
    signer = Signer(info)
    watched_rate = RATE / WATCHED_EVERY
    # Warm-up: the first pushes pay for lazy imports and cold caches in every process (start-up).
    await _phase(app, signer, RATE, int(RATE * 3), WATCHED_EVERY)
    baseline = await _phase(app, signer, watched_rate, int(watched_rate * SECONDS), 1)
    load = await _phase(app, signer, RATE, int(RATE * SECONDS), WATCHED_EVERY)
    return baseline, load


@pytest.mark.timeout(1800)
def test_webhook_to_painted_benchmark() -> None:
    with tempfile.TemporaryDirectory(prefix="posapp-paint-bench-") as folder:
        work = Path(folder)
        with platforms_in_subprocess(work / "platforms", other_stores=OTHER_STORES) as info:
            port = int(info.relay_url.rsplit(":", 1)[1])
            ready, stop, drained = CTX.Queue(), CTX.Event(), CTX.Queue()
            drainer = CTX.Process(target=drain, args=(port, shop_ids(OTHER_STORES), ready, stop, drained))
            drainer.start()
            ready.get(timeout=120)
            app = AppProcess(work / "app", info)
            try:
                baseline, load = asyncio.run(_measure(app, info))
            finally:
                app.stop()
                stop.set()
            load["other_events_read"] = drained.get(timeout=60)
            drainer.join(30)
    print()
    print(f"board: {BOARD_ORDERS} open orders; views watched: {app.opened['views']}; cores {os.cpu_count()}; "
          f"load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    print(table(baseline, load))
    assert load["watched_pushes"] > 0 and load["non_200"] == 0
