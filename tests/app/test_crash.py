"""The app process killed with SIGKILL at the worst moments loses nothing and repeats nothing.

A child process (tests/app/crash_app.py) runs AppCore against the simulator and relay of this test,
freezes at a hook and reports it on stdout; the test then kills it with SIGKILL and starts it again.
Every wait is on a line from the child's stdout, never on a timer.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from posapp.demo.stack import PlatformStack, StackInfo
from posapp.keeta.client import KeetaClient
from posapp.keeta.config import KeetaConfig
from tests.app.test_end_to_end import create_order, sim_order

ROOT = Path(__file__).resolve().parents[2]


class Child:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.lines: list[str] = []

    @classmethod
    async def spawn(cls, config: dict[str, Any]) -> Child:
        env = {**os.environ, "POSAPP_CRASH_CONFIG": json.dumps(config), "PYTHONPATH": str(ROOT)}
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.app.crash_app",
            cwd=ROOT, env=env, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        child = cls(process)
        await child.line(lambda line: line == "ready")
        return child

    async def line(self, wanted: Callable[[str], bool], limit: float = 20.0) -> str:
        assert self.process.stdout is not None
        async with asyncio.timeout(limit):
            while True:
                raw = await self.process.stdout.readline()
                if not raw:
                    raise AssertionError(f"the app exited early; it said: {self.lines}")
                text = raw.decode().strip()
                self.lines.append(text)
                if wanted(text):
                    return text

    async def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        assert await self.process.wait() == -signal.SIGKILL

    async def stop(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(b"stop\n")
        await self.process.stdin.drain()
        assert await self.process.wait() == 0


@pytest.fixture
async def stack(tmp_path: Path) -> AsyncIterator[StackInfo]:
    platforms = PlatformStack(tmp_path / "platforms")
    info = await platforms.start()
    try:
        yield info
    finally:
        await platforms.stop()


def app_config(info: StackInfo, db: Path, **extra: Any) -> dict[str, Any]:
    sim = info.sim_config
    keeta = {
        "app_id": sim.app_id,
        "secret": sim.secret,
        "access_token": sim.token,
        "shop_id": sim.shop_id,
        "base_url": info.keeta_base_url,
    }
    return {"db": str(db), "relay_url": info.relay_url, "token": info.store_token, "keeta": keeta, **extra}


def cache_counts(db: Path, order_id: int) -> tuple[int, int, int | None]:
    """(order rows, stored platform events for it, committed stream cursor)."""
    conn = sqlite3.connect(db)
    try:
        counts = [
            conn.execute(f"SELECT COUNT(*) FROM {table} WHERE order_view_id = ?", (order_id,)).fetchone()[0]
            for table in ("orders", "events")
        ]
        (cursor,) = conn.execute("SELECT MAX(cursor) FROM sync_cursor").fetchone()
    finally:
        conn.close()
    return int(counts[0]), int(counts[1]), cursor


@pytest.mark.parametrize("hook", ["before-apply", "mid-apply"])
async def test_killed_between_event_received_and_applied_loses_nothing(
    stack: StackInfo, tmp_path: Path, hook: str
) -> None:
    db = tmp_path / "cache.sqlite3"
    first = await Child.spawn(app_config(stack, db, hook=hook))
    order_id = await create_order(stack)
    paused = await first.line(lambda line: line.startswith(f"paused {hook} "))
    cursor = int(paused.split()[-1])
    await first.kill()
    assert cache_counts(db, order_id) == (0, 0, None)  # nothing of the event was committed

    second = await Child.spawn(app_config(stack, db))
    await second.line(lambda line: line == f"applied {cursor} {order_id}")
    await second.stop()
    assert cache_counts(db, order_id) == (1, 1, cursor)
    assert sum(line.startswith(f"applied {cursor} ") for line in second.lines) == 1


@pytest.mark.parametrize("hook", ["before-send", "after-send"])
async def test_killed_between_action_written_and_platform_answered_sends_once(
    stack: StackInfo, tmp_path: Path, hook: str
) -> None:
    db = tmp_path / "cache.sqlite3"
    order_id = await create_order(stack)
    first = await Child.spawn(app_config(stack, db, hook=hook, confirm=order_id))
    await first.line(lambda line: line.startswith(f"paused {hook} confirm"))
    await first.kill()

    second = await Child.spawn(app_config(stack, db))
    await second.line(lambda line: line.startswith("action ") and line.endswith(" confirm done"))
    await second.stop()

    sends = [line for line in first.lines + second.lines if line == f"sending confirm {order_id}"]
    assert len(sends) == 1
    view = await sim_order(stack, order_id)
    assert view["status"] == 30
    pushes = view["pushes"]
    assert isinstance(pushes, list) and sum(p["eventId"] == 1002 for p in pushes) == 1


@pytest.mark.parametrize("hook", ["before-send", "after-send"])
async def test_partial_refund_killed_between_sent_and_answered_refunds_once(
    stack: StackInfo, tmp_path: Path, hook: str
) -> None:
    """The write Keeta carries out but whose answer never lands is checked at restart, not resent."""
    db = tmp_path / "cache.sqlite3"
    order_id = await create_order(stack)
    line = int((await sim_order(stack, order_id))["orderInfo"]["products"][0]["id"])
    async with KeetaClient(KeetaConfig(**app_config(stack, db)["keeta"])) as keeta:
        await keeta.confirm(order_id)  # before the child runs: its hook stops at the first send
    config = app_config(stack, db, hook=hook, refund=[order_id, line])
    first = await Child.spawn(config)
    await first.line(lambda text: text.startswith(f"paused {hook} partial_refund"))
    await first.kill()

    second = await Child.spawn(app_config(stack, db))
    await second.line(lambda text: text.startswith("action ") and text.endswith(" partial_refund done"))
    await second.stop()

    sends = [text for text in first.lines + second.lines if text == f"sending partial_refund {order_id}"]
    assert len(sends) == 1
    view = await sim_order(stack, order_id)
    assert len(view["refunds"]) == 1 and view["refundedCounts"] == {str(line): 1}
