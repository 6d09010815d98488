"""Simulator → relay → app sync → cache → outbox → simulator, all over real HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import httpx

from posapp.demo.stack import PlatformStack, StackInfo
from posapp.domain.order import Order, OrderStatus
from posapp.domain.retry import RetryPolicy
from posapp.engine.assembly import Tuning, build_core
from posapp.engine.core import AppCore
from posapp.engine.orders import OrderUpdate
from posapp.engine.outbox import ActionChanged
from posapp.engine.sync import LinkState
from posapp.keeta.codes import CancelCode
from posapp.store.outbox import ActionState, OutboxAction


def make_core(tmp_path: Path, info: StackInfo) -> AppCore:
    return build_core(tmp_path / "cache.sqlite3", info.settings(zeek_app_id=0), info.secrets(), tuning=QUICK)


# Quick retries: the tests wait for the outbox and the stream, not for the product's patience.
QUICK = Tuning(
    outbox_policy=RetryPolicy(first_delay=0.05, max_delay=0.2),
    sync_backoff=RetryPolicy(first_delay=0.05, max_delay=0.2, max_attempts=0),
)


class Watch:
    """Collects order updates and action changes; waits for a condition without sleeping blindly."""

    def __init__(self, core: AppCore) -> None:
        self.changed = asyncio.Event()
        self.actions: list[OutboxAction] = []
        core.hub.subscribe(OrderUpdate, self._order)
        core.hub.subscribe(ActionChanged, lambda changed: self._action(changed.action))

    def _order(self, update: OrderUpdate) -> None:
        self.changed.set()

    def _action(self, action: OutboxAction) -> None:
        self.actions.append(action)
        self.changed.set()

    async def until(self, condition: Callable[[], bool], limit: float = 10.0) -> None:
        async with asyncio.timeout(limit):
            while not condition():
                self.changed.clear()
                await self.changed.wait()


async def create_order(info: StackInfo, mode: str = "delivery") -> int:
    async with httpx.AsyncClient() as http:
        answer = await http.post(f"{info.sim_url}/sim/keeta/orders", json={"mode": mode})
        answer.raise_for_status()
        return int(answer.json()["orderViewId"])


async def sim_order(info: StackInfo, order_id: int) -> dict[str, object]:
    async with httpx.AsyncClient() as http:
        answer = await http.get(f"{info.sim_url}/sim/keeta/orders/{order_id}")
        answer.raise_for_status()
        result: dict[str, object] = answer.json()
        return result


def status_is(core: AppCore, order_id: int, status: OrderStatus) -> Callable[[], bool]:
    def check() -> bool:
        order: Order | None = core.orders.order(order_id)
        return order is not None and order.status is status

    return check


async def test_pushed_order_reaches_the_cache_and_accept_reaches_keeta(
    stack: tuple[PlatformStack, StackInfo], tmp_path: Path
) -> None:
    _, info = stack
    core = make_core(tmp_path, info)
    watch = Watch(core)
    core.start()
    try:
        order_id = await create_order(info)
        await watch.until(status_is(core, order_id, OrderStatus.NEW))
        assert core.sync is not None and core.sync.status.state is LinkState.CONNECTED

        core.orders.confirm(order_id)
        core.orders.confirm(order_id)  # a second tap on the same button sends nothing more
        await watch.until(status_is(core, order_id, OrderStatus.ACCEPTED))
        await watch.until(lambda: any(a.state is ActionState.DONE for a in watch.actions))
        confirms = [a for a in watch.actions if a.action == "confirm" and a.state is ActionState.SENDING]
        assert len(confirms) == 1
        view = await sim_order(info, order_id)
        assert view["status"] in (30, "confirmed", "CONFIRMED")

        core.orders.cancel(order_id, CancelCode.STAFF_SHORTAGE)
        await watch.until(status_is(core, order_id, OrderStatus.CANCELLED))
    finally:
        await core.stop()


async def test_app_offline_catches_up_without_missing_or_doubling(
    stack: tuple[PlatformStack, StackInfo], tmp_path: Path
) -> None:
    _, info = stack
    first = make_core(tmp_path, info)
    watch = Watch(first)
    first.start()
    early = await create_order(info)
    await watch.until(status_is(first, early, OrderStatus.NEW))
    await first.stop()

    # Orders placed while the counter PC is off wait in the relay.
    missed = [await create_order(info, mode) for mode in ("delivery", "pickup", "delivery")]

    second = make_core(tmp_path, info)
    watch2 = Watch(second)
    second.start()
    try:
        await watch2.until(lambda: all(second.orders.order(o) is not None for o in missed))
        ids = [order.order_view_id for order in second.orders.open_orders()]
        assert sorted(ids) == sorted([early, *missed])
    finally:
        await second.stop()


async def test_app_acknowledges_what_it_applied_so_the_relay_can_prune(
    stack: tuple[PlatformStack, StackInfo], tmp_path: Path
) -> None:
    from posapp.relay.storage import storage_for_url

    _, info = stack
    core = make_core(tmp_path, info)
    watch = Watch(core)
    core.start()
    try:
        ids = [await create_order(info) for _ in range(3)]
        await watch.until(lambda: all(core.orders.order(o) is not None for o in ids))
    finally:
        await core.stop()  # flushes the last acknowledgement
    storage = storage_for_url(f"sqlite:///{tmp_path / 'platforms' / 'relay.sqlite3'}")
    await storage.open()
    try:
        store = await storage.store_by_shop(info.sim_config.shop_id)
    finally:
        await storage.close()
    assert store is not None
    assert store.last_seq >= 3
    assert store.acked_seq == store.last_seq
