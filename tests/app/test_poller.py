"""Degraded mode: no relay, or a relay down for long → open orders are refreshed with order/get."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import httpx

from posapp.demo.stack import PlatformStack, StackInfo
from posapp.domain.order import OrderStatus
from posapp.domain.retry import RetryPolicy
from posapp.engine.assembly import Tuning, build_core
from posapp.engine.core import AppCore
from posapp.engine.orders import OrderUpdate
from posapp.engine.poller import PollSettings
from posapp.engine.stream_fallback import Channel
from posapp.engine.sync import ConnectionStatus, LinkState
from posapp.keeta.client import KeetaClient
from posapp.relay.server import RelayServer
from posapp.sim.server import SimServer
from tests.app.support import KEETA_ONLY, Signal, simulator_only
from tests.app.test_end_to_end import create_order, status_is

RECONNECT_FAST = RetryPolicy(first_delay=0.05, max_delay=0.2, max_attempts=0)
FAST_POLL = PollSettings(interval=0.1, stale_after=0.3)


async def create_order_at(sim: SimServer) -> int:
    async with httpx.AsyncClient() as http:
        answer = await http.post(f"{sim.base_url}/sim/keeta/orders", json={"mode": "pickup"})
        answer.raise_for_status()
        return int(answer.json()["orderViewId"])


class Seen:
    """Order updates and link statuses, with one signal for waiting on either."""

    def __init__(self, core: AppCore) -> None:
        self.signal = Signal()
        self.statuses: list[ConnectionStatus] = []
        core.hub.subscribe(OrderUpdate, self.signal.fire)
        core.hub.subscribe(ConnectionStatus, self._status)

    def _status(self, status: ConnectionStatus) -> None:
        self.statuses.append(status)
        self.signal.fire()


async def test_without_a_relay_the_poller_keeps_known_orders_current(sim: SimServer, tmp_path: Path) -> None:
    shop = simulator_only(sim)
    keeta = shop.keeta_config()
    core = build_core(tmp_path / "cache.sqlite3", shop.settings(**KEETA_ONLY), shop.secrets(),
                      tuning=Tuning(poll=FAST_POLL))  # fmt: skip
    seen = Seen(core)
    assert core.sync is None and core.status.degraded
    async with KeetaClient(keeta) as tablet:  # Keeta's own tablet in the shop
        order_id = await create_order_at(sim)
        await core.orders.refresh(order_id)  # the app knew the order before it lost its pushes
        core.start()
        try:
            await tablet.confirm(order_id)
            await seen.signal.until(status_is(core, order_id, OrderStatus.ACCEPTED))
            assert seen.statuses and seen.statuses[-1].degraded
            assert "no relay" in core.status.detail and core.poller.rounds >= 1
        finally:
            await core.stop()


async def test_a_relay_down_for_long_turns_polling_on_and_its_return_turns_it_off(
    stack: tuple[PlatformStack, StackInfo], tmp_path: Path
) -> None:
    platforms, info = stack
    core = build_core(
        tmp_path / "cache.sqlite3",
        info.settings(**KEETA_ONLY),
        info.secrets(),
        tuning=Tuning(sync_backoff=RECONNECT_FAST, poll=FAST_POLL),
    )
    seen = Seen(core)
    core.start()
    try:
        order_id = await create_order(info)
        await seen.signal.until(status_is(core, order_id, OrderStatus.NEW))
        assert core.status.state is LinkState.CONNECTED and not core.status.degraded
        # A start slower than stale_after (a loaded machine) may have polled once before connecting.
        rounds_before = core.poller.rounds

        assert platforms.relay is not None
        relay_config = platforms.relay.app.state.relay.config
        port = platforms.relay.port
        await platforms.relay.stop()
        await seen.signal.until(lambda: core.status.degraded and core.status.state is not LinkState.CONNECTED)

        # Confirmed on Keeta's tablet while the relay is down: only order/get can tell the app.
        async with KeetaClient(info.keeta_config()) as tablet:
            await tablet.confirm(order_id)
        await seen.signal.until(status_is(core, order_id, OrderStatus.ACCEPTED))
        assert core.poller.rounds > rounds_before

        db_url = f"sqlite:///{tmp_path / 'platforms' / 'relay.sqlite3'}"
        platforms.relay = RelayServer(dataclasses.replace(relay_config), db_url, port=port)
        await platforms.relay.start()
        await seen.signal.until(lambda: core.status.state is LinkState.CONNECTED and not core.status.degraded)
        # A relay that was down is not a proxy that breaks streams: the app stays on SSE.
        assert core.source is not None and core.source.channel is Channel.SSE
        rounds = core.poller.rounds
        later = await create_order(info)
        await seen.signal.until(status_is(core, later, OrderStatus.NEW))
        assert core.poller.rounds == rounds  # back on the stream, no more polling
    finally:
        await core.stop()
