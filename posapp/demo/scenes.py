"""The named scenes ``posapp --demo --snapshot DIR --scene NAME`` plays before it writes its PNGs.

Each scene is a moment a cashier meets: the lunch rush, a new order in its last minute before Keeta
cancels it, the very first start with nothing set up, a paused store with sold-out items, and a day
with 10,000 orders in the history. The orders come from the simulator through the relay, as in the
live demo, so the screens show what the app really makes of them.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from posapp.demo.history_seed import seed_history
from posapp.demo.stack import StackInfo
from posapp.domain.order import OrderStatus
from posapp.engine.core import AppCore
from posapp.ui.main_window import MainWindow

SCENES = ("rush", "late", "first-run", "busy", "10k")
SIZES = ((1024, 768), (1366, 768), (1920, 1080))
LANGUAGES = ("en", "zh_HK")
DEFAULT_SIZE = (1366, 768)
LATE_SECONDS = 255  # the late scene is drawn this long after its order came: 45 s before auto-cancel
HISTORY_ORDERS = 10_000


@dataclass(frozen=True)
class SnapshotRequest:
    folder: Path
    size: tuple[int, int] = DEFAULT_SIZE
    language: str = "en"
    scene: str = "rush"

    @property
    def clock_ahead(self) -> float:
        """Seconds the window's clock runs ahead of the platforms' (the late scene's last minute)."""
        return LATE_SECONDS if self.scene == "late" else 0.0


def window_size(text: str) -> tuple[int, int]:
    """``--size WxH``: at least 1024×768 (the smallest counter screen the app is laid out for)."""
    width, sep, height = text.lower().partition("x")
    if not sep or not width.isdigit() or not height.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1366x768")
    size = int(width), int(height)
    if size[0] < 1024 or size[1] < 768 or size[0] > 7680 or size[1] > 4320:
        raise argparse.ArgumentTypeError(f"{text!r}: the window must be between 1024x768 and 7680x4320")
    return size


def shifted_clock(ahead: float) -> Callable[[], float]:
    if not ahead:
        return time.time
    return lambda: time.time() + ahead


async def play(
    request: SnapshotRequest, window: MainWindow, core: AppCore, info: StackInfo, http: httpx.AsyncClient
) -> list[int]:
    """Brings the shop to the scene's moment; returns the orders the snapshots should show first."""
    if request.scene == "late":
        return await _late(core, info, http)
    ids = await _rush(core, info, http)
    # "busy" is staged by the snapshot writer through the cashier's own controls (ui.store_scene).
    if request.scene == "10k":
        seed_history(HISTORY_ORDERS, [o for o in map(core.orders.order, ids) if o is not None])
        window.history.show_today()
    return ids


async def _rush(core: AppCore, info: StackInfo, http: httpx.AsyncClient) -> list[int]:
    """A fixed lunch-time scene: new orders, some accepted, one ready, refund requests waiting."""
    sim = info.sim_url
    # The first is the shop's own delivery: the delivery tab books its Zeek courier.
    modes = ["self-delivery", "pickup", "delivery", "delivery", "pickup", "delivery", "delivery"]
    ids = [await create_order(http, sim, mode) for mode in modes]
    await until(lambda: all(core.orders.order(i) is not None for i in ids))
    for order_id in ids[:4]:
        core.orders.confirm(order_id)
    await until(lambda: all(_status(core, i) is OrderStatus.ACCEPTED for i in ids[:4]))
    core.orders.prepare(ids[1])
    await until(lambda: _status(core, ids[1]) is OrderStatus.READY)
    for order_id, partial in ((ids[2], False), (ids[3], True)):
        url = f"{sim}/sim/keeta/orders/{order_id}/refund-request"
        answer = await http.post(url, json={"partial": partial})
        answer.raise_for_status()
    await until(lambda: len(core.orders.pending_refunds()) >= 2)
    return ids


async def _late(core: AppCore, info: StackInfo, http: httpx.AsyncClient) -> list[int]:
    """Two new orders the window sees in their last minute (its clock runs ``LATE_SECONDS`` ahead),
    and one already accepted, so the board shows the loud countdown next to a calm lane."""
    ids = [await create_order(http, info.sim_url, mode) for mode in ("pickup", "delivery", "delivery")]
    await until(lambda: all(core.orders.order(i) is not None for i in ids))
    core.orders.confirm(ids[2])
    await until(lambda: _status(core, ids[2]) is OrderStatus.ACCEPTED)
    return ids


async def create_order(http: httpx.AsyncClient, sim: str, mode: str) -> int:
    answer = await http.post(f"{sim}/sim/keeta/orders", json={"mode": mode})
    answer.raise_for_status()
    return int(answer.json()["orderViewId"])


def _status(core: AppCore, order_id: int) -> OrderStatus | None:
    order = core.orders.order(order_id)
    return None if order is None else order.status


async def until(condition: Callable[[], bool], limit: float = 20.0) -> None:
    """Polls a cache condition while the loop keeps the window painting; the demo is not a test."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the demo scene did not reach its state in time")
        await asyncio.sleep(0.05)
