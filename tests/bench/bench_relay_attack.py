"""Relay under attack (issue 12): not part of the default test run, and it asserts no timing.

Run: ``.venv/bin/python -m pytest tests/bench/bench_relay_attack.py -o python_files='bench_*.py' -s -q``

A relay process with a 1024 fd limit serves one normal store. Measured: that store's webhook →
``/v1/events`` round trips at baseline and while 8 clients send 100 MB bodies and 1,100 sockets sit
half-open; ``/healthz`` latency under the attack; the relay's peak RSS; log bytes per bad request.

``POSAPP_BENCH_BEFORE_SRC=/path/to/checkout`` also measures that source tree (e.g. main before the
change, in a temporary worktree) in the same run, and prints each figure next to it. The attacker
runs in its own process at nice 19 (``POSAPP_BENCH_ATTACKER_NICE`` to change it); measuring starts
once all 1,100 sockets have connected and all 8 bodies have started.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

import pytest

from posapp.serving import free_port
from tests.bench.attack import (
    AttackProcess,
    RelayProcess,
    healthz_seconds,
    log_bytes_per_bad_request,
    round_trips,
    start_relay,
)

THIS_SRC = Path(__file__).resolve().parents[2]
ROUND_TRIPS = 400
HEALTHZ_TIMEOUT_S = 90.0
ATTACK_BUDGET_S = 120.0


def _ms(seconds: float | None) -> str:
    return "no answer" if seconds is None else f"{seconds * 1000:.1f} ms"


async def _measure(relay: RelayProcess) -> dict[str, str | float | None]:
    figures: dict[str, str | float | None] = {}
    baseline = await round_trips(relay.base_url, ROUND_TRIPS, budget_s=60)
    figures["baseline p50"] = baseline.quantile(0.5)
    figures["baseline p99"] = baseline.quantile(0.99)
    per_request, statuses = await log_bytes_per_bad_request(relay, rounds=20)
    figures["log bytes / bad request"] = per_request
    figures["bad request statuses"] = ", ".join(f"{k}x{v}" for k, v in sorted(statuses.items()))

    attack = AttackProcess(relay.port)
    try:
        figures["attack in place after s"] = await attack.ready(120)
        figures["healthz under attack"] = await healthz_seconds(relay.base_url, HEALTHZ_TIMEOUT_S)
        under = await round_trips(relay.base_url, ROUND_TRIPS, budget_s=ATTACK_BUDGET_S)
        figures["attack p50"] = under.quantile(0.5)
        figures["attack p99"] = under.quantile(0.99)
        figures["attack round trips ok/failed"] = f"{len(under.seconds)}/{under.failed}"
        figures["healthz after the round trips"] = await healthz_seconds(relay.base_url, HEALTHZ_TIMEOUT_S)
    finally:
        counts = attack.stop()
    figures["100 MB bodies started"] = counts["bodies_started"]
    figures["half-open sockets opened"] = counts["sockets_opened"]
    figures["relay RSS peak MB"] = relay.memory_mb("VmHWM")
    figures["relay alive"] = "yes" if relay.proc.poll() is None else f"exited {relay.proc.returncode}"
    return figures


def _run(src: Path, work: Path, name: str) -> dict[str, str | float | None]:
    print(f"\n--- {name}: {src} ---", flush=True)
    relay = start_relay(src, free_port(), work / f"{name}.log")
    try:
        figures = asyncio.run(_measure(relay))
    finally:
        relay.stop()
    for key, value in figures.items():
        print(f"  {key}: {_cell(key, value)}", flush=True)
    return figures


def _cell(key: str, value: str | float | None) -> str:
    if isinstance(value, str):
        return value
    if "p50" in key or "p99" in key or "healthz" in key:
        return _ms(value)
    if key.endswith(" s") and value is not None:
        return f"{value:.1f} s"
    return "-" if value is None else f"{value:,.0f}"


@pytest.mark.timeout(1800)
def test_relay_under_attack() -> None:
    before_src = os.environ.get("POSAPP_BENCH_BEFORE_SRC")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        results = {}
        if before_src:
            results["before"] = _run(Path(before_src), work, "before")
        results["after"] = _run(THIS_SRC, work, "after")
    names = list(results)
    print("\n" + " | ".join(["figure", *names]))
    for key in results["after"]:
        print(" | ".join([key, *(_cell(key, results[n].get(key)) for n in names)]))
    after = results["after"]
    for name in names:
        base, under = results[name].get("baseline p99"), results[name].get("attack p99")
        if isinstance(base, float) and isinstance(under, float):
            print(f"{name}: p99 under attack / baseline p99 = {under / base:.2f}x")
    assert after["relay alive"] == "yes"
