"""The alarm that leaves the PC, measured: while the app acknowledges, no alert; after the app is
SIGKILLed, how long until the owner's receiver (a real HTTP server on 127.0.0.1) hears of a new order.

A relay process (SQLite) with the store's alert set by ``posapp relay set-alert --after S``; the app's
own SSE reader and acknowledger in a process of its own (alarm_app.py). Phase 1: orders arrive and
are acknowledged for longer than S: the receiver must stay silent. Phase 2: the app is killed, an
order arrives: the time from the kill to the alert, against S (the relay looks every second).

    .venv/bin/python -m pytest tests/bench/bench_alarm.py -o python_files='bench_*.py' -s -q
    (POSAPP_BENCH_ALERT_AFTER=60 for the default policy; default here 5 s)
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path

import httpx
import pytest

from posapp.relay.server import free_port
from tests.relay.alert_receiver import AlertReceiver
from tests.relay.conftest import add_store
from tests.relay.helpers import SHOP_ID, RelayProcess, keeta_push
from tests.relay.test_cli import _cli


async def _start_app(relay: str, token: str) -> asyncio.subprocess.Process:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.bench.alarm_app", "--relay", relay, "--token", token,
        stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert proc.stdout is not None
    line = await asyncio.wait_for(proc.stdout.readline(), 30)
    assert line.strip() == b"open", line
    return proc


async def _acked(proc: asyncio.subprocess.Process, cursor: int) -> None:
    assert proc.stdout is not None
    while True:
        line = await asyncio.wait_for(proc.stdout.readline(), 30)
        if line.startswith(b"acked ") and int(line.split()[1]) >= cursor:
            return


@pytest.mark.timeout(900)  # with the default policy the phases last minutes
async def test_bench_alarm(tmp_path: Path) -> None:
    after = float(os.environ.get("POSAPP_BENCH_ALERT_AFTER", "5"))
    db = f"sqlite:///{tmp_path}/relay.sqlite3"
    token = await add_store(db)
    receiver = AlertReceiver()
    await receiver.start()
    hook = receiver._server.base_url + "/hook"
    done = await _cli(
        "set-alert", "--db", db, "--shop-id", str(SHOP_ID), "--url", hook, "--after", str(after)
    )
    assert done.returncode == 0, done.stderr
    relay = RelayProcess(db, free_port())
    await relay.start()
    app = await _start_app(relay.base_url, token)
    try:
        async with httpx.AsyncClient(timeout=10) as client:
            # Phase 1: a new order every 0.5 s for 2 × the alert time, each acknowledged by the app.
            orders, started = 0, time.monotonic()
            while time.monotonic() - started < 2 * after + 2:
                r = await client.post(relay.base_url + "/keeta/webhook", content=keeta_push(1001))
                assert r.status_code == 200
                orders += 1
                await _acked(app, orders)
                await asyncio.sleep(0.5)  # the pace of the simulated rush, not a wait for a result
            # The last order is past the alert time + two relay passes too: any alert would be in.
            await asyncio.sleep(after + 2)  # the time the alarm would need, to prove it stays silent
            silent_orders, silent_alerts = orders, len(receiver.arrived)
            # Phase 2: the app dies; a new order comes in right after.
            app.send_signal(signal.SIGKILL)
            await app.wait()
            killed = time.monotonic()
            r = await client.post(relay.base_url + "/keeta/webhook", content=keeta_push(1001))
            assert r.status_code == 200
            pushed = time.monotonic()
            await receiver.wait_delivered(1, within=after + 30)
            alerted = time.monotonic()
    finally:
        if app.returncode is None:
            app.send_signal(signal.SIGKILL)
            await app.wait()
        await relay.kill()
        await receiver.stop()
    kill_to_alert = alerted - killed
    print(
        f"\nalarm bench (SQLite relay, alert after {after:g} s, relay looks every 1 s):\n"
        f"  while acknowledging: {silent_orders} orders over {2 * after + 2 + after + 2:.0f} s,"
        f" alerts received: {silent_alerts}\n"
        f"  app SIGKILLed -> alert at the receiver: {kill_to_alert:.2f} s"
        f" (order pushed {pushed - killed:.2f} s after the kill; alert {alerted - pushed:.2f} s after the"
        f" order = set time + {alerted - pushed - after:.2f} s)"
    )
    assert silent_alerts == 0
    assert kill_to_alert < after + 3
