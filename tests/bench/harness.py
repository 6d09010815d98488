"""Drives one relay process through the benchmark's phases and collects the figures."""

from __future__ import annotations

import multiprocessing
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from posapp.relay.server import free_port
from tests.bench import workers
from tests.bench.relayproc import seed_url, shop_ids

ROOT = Path(__file__).resolve().parents[2]
STORES = int(os.environ.get("BENCH_STORES", "1000"))
INGEST_TOTAL = int(os.environ.get("BENCH_INGEST", "12000"))
INGEST_PROCS, INGEST_CONNS = 2, 16
RATE, LATENCY_SECONDS = 200.0, 10
READER_PROCS = 3  # light readers; one more process runs the real EventApplier
REAL_STORES = 100
BACKLOG = 1000
IDLE_STREAMS, IDLE_PROCS = 5000, 2
CTX = multiprocessing.get_context("spawn")


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] if ordered else float("nan")


@dataclass
class Figures:
    values: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


class RelayUnderTest:
    def __init__(self, db_url: str, seed: int) -> None:
        self.port = free_port()
        memory = db_url.startswith("memory:")
        if not memory:
            import asyncio

            asyncio.run(seed_url(db_url, seed))
        args = [sys.executable, "-m", "tests.bench.relayproc", "--db", db_url, "--port", str(self.port)]
        if memory:
            args += ["--seed", str(seed)]
        self.proc = subprocess.Popen(args, cwd=ROOT)
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"relay exited with {self.proc.returncode}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    if s.recv(64).startswith(b"HTTP/1.1 200"):
                        return
            except OSError:
                time.sleep(0.05)  # the process offers no readiness signal but its port
        raise RuntimeError("relay did not start")

    def rss_kb(self) -> int:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise RuntimeError("no VmRSS")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _collect(queue: Any, n: int, timeout: float = 300) -> list[Any]:
    return [queue.get(timeout=timeout) for _ in range(n)]


def _join(procs: list[Any]) -> None:
    for p in procs:
        p.join(60)
        if p.is_alive():
            p.kill()


class Bench:
    def __init__(self, work: str) -> None:
        self.work = work
        self.runs = 0

    def _path(self, name: str) -> str:
        self.runs += 1
        return f"{self.work}/{self.runs}-{name}.sqlite3"

    def run_all(self, database: Callable[[], AbstractContextManager[str]]) -> Figures:
        figures = Figures()
        with database() as url:
            relay = RelayUnderTest(url, STORES + 1)
            try:
                self.latency(relay, figures)
                self.ingest(relay, figures)
                self.catch_up(relay, figures)
            finally:
                relay.stop()
        with database() as url:
            relay = RelayUnderTest(url, STORES)
            try:
                self.idle(relay, figures)
            finally:
                relay.stop()
        return figures

    def ingest(self, relay: RelayUnderTest, figures: Figures) -> None:
        shops = shop_ids(STORES)
        ready, out, go = CTX.Queue(), CTX.Queue(), CTX.Event()
        per = INGEST_TOTAL // INGEST_PROCS
        procs = [
            CTX.Process(
                target=workers.ingest_worker,
                args=(relay.port, shops, per, INGEST_CONNS, f"ing{k}", ready, go, out),
            )
            for k in range(INGEST_PROCS)
        ]
        for p in procs:
            p.start()
        _collect(ready, INGEST_PROCS)
        go.set()
        results = _collect(out, INGEST_PROCS)
        _join(procs)
        seconds = (max(r["end"] for r in results) - min(r["start"] for r in results)) / 1e9
        latencies = [x for r in results for x in r["latencies"]]
        v = figures.values
        v["ingest_per_s"] = len(latencies) / seconds
        v["ingest_ack_p50_ms"], v["ingest_ack_p99_ms"] = pct(latencies, 0.5), pct(latencies, 0.99)
        v["ingest_non_2xx"] = sum(r["errors"] for r in results)
        print(f"ingest: {v['ingest_per_s']:,.0f}/s p50 {v['ingest_ack_p50_ms']:.1f} ms", flush=True)

    def latency(self, relay: RelayUnderTest, figures: Figures) -> None:
        shops = shop_ids(STORES)
        count = int(RATE * LATENCY_SECONDS)
        groups = [shops[:REAL_STORES]] + [shops[REAL_STORES:][k::READER_PROCS] for k in range(READER_PROCS)]
        position = {shop: i for i, shop in enumerate(shops)}
        warm_up = workers.warm_up_shops(shops)
        ready, out, go, warmed = CTX.Queue(), CTX.Queue(), CTX.Event(), CTX.Event()
        procs = []
        for k, group in enumerate(groups):
            members = set(group)
            measured = sum(1 for i in range(count) if i % len(shops) in {position[s] for s in group})
            expect = (sum(1 for shop in warm_up if shop in members), measured)
            procs.append(
                CTX.Process(
                    target=workers.reader,
                    args=(relay.port, group, expect, self._path(f"cache{k}"), k == 0, ready, out),
                )
            )
        for p in procs:
            p.start()
        _collect(ready, len(procs))
        push_out = CTX.Queue()
        pusher = CTX.Process(
            target=workers.pusher, args=(relay.port, shops, RATE, count, go, warmed, push_out)
        )
        pusher.start()
        go.set()
        _collect(ready, len(procs))  # each reader has applied its warm-up pushes
        warmed.set()
        pushed = push_out.get(timeout=120)
        results = _collect(out, len(procs))
        _join([*procs, pusher])
        all_lat = [x for r in results for x in r["latencies"]]
        real_lat = [x for r in results if r["real"] for x in r["latencies"]]
        v = figures.values
        v["latency_p50_ms"], v["latency_p99_ms"] = pct(all_lat, 0.5), pct(all_lat, 0.99)
        v["latency_real_p50_ms"], v["latency_real_p99_ms"] = pct(real_lat, 0.5), pct(real_lat, 0.99)
        v["latency_missing"] = count - len(all_lat)
        v["latency_push_non_2xx"] = pushed["errors"]
        v["latency_rate"] = count / pushed["seconds"]
        print(f"latency: p50 {v['latency_p50_ms']:.2f} ms p99 {v['latency_p99_ms']:.2f} ms", flush=True)

    def catch_up(self, relay: RelayUnderTest, figures: Figures) -> None:
        shop = shop_ids(STORES + 1)[-1]  # a store no earlier phase pushed to: its cursor is 0
        ready, out, go = CTX.Queue(), CTX.Queue(), CTX.Event()
        loader = CTX.Process(
            target=workers.ingest_worker, args=(relay.port, [shop], BACKLOG, 8, "backlog", ready, go, out)
        )
        loader.start()
        ready.get(timeout=120)
        go.set()
        loaded = out.get(timeout=120)
        _join([loader])
        for mode in ("delivered", "applied"):
            path = self._path("catchup") if mode == "applied" else ""
            catcher = CTX.Process(target=workers.catch_up, args=(relay.port, shop, 0, BACKLOG, path, out))
            catcher.start()
            result = out.get(timeout=120)
            _join([catcher])
            figures.values[f"catch_up_{mode}_ms"] = result["ms"]
            figures.values[f"catch_up_{mode}_count"] = result["count"]
            print(f"catch-up ({mode}): {result['count']} events in {result['ms']:.0f} ms", flush=True)
        figures.values["backlog_non_2xx"] = loaded["errors"]

    def idle(self, relay: RelayUnderTest, figures: Figures) -> None:
        shops = shop_ids(STORES)
        per = IDLE_STREAMS // IDLE_PROCS
        lists = [[shops[(k * per + j) % len(shops)] for j in range(per)] for k in range(IDLE_PROCS)]
        warm_ready, warm_stop = CTX.Queue(), CTX.Event()
        warm = CTX.Process(
            target=workers.idle_holder, args=(relay.port, shops[:200], 1, warm_ready, warm_stop)
        )
        warm.start()
        warm_ready.get(timeout=120)  # code paths and pools warmed before the baseline is taken
        warm_stop.set()
        _join([warm])
        before = relay.rss_kb()
        ready, stop = CTX.Queue(), CTX.Event()
        procs = [
            CTX.Process(target=workers.idle_holder, args=(relay.port, lists[k], 1, ready, stop))
            for k in range(IDLE_PROCS)
        ]
        for p in procs:
            p.start()
        opened = sum(_collect(ready, IDLE_PROCS))
        after = relay.rss_kb()
        stop.set()
        _join(procs)
        figures.values["idle_streams"] = opened
        figures.values["idle_kb_per_stream"] = (after - before) / opened
        print(f"idle: {opened} streams, {(after - before) / opened:.1f} KB each", flush=True)
