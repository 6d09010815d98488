"""Degraded mode: when no relay is set up, or its stream has been down for long, poll open orders.

Keeta has no "list new orders" call, so the poller can only refresh orders the cache already knows
(``order/get`` through :meth:`OrderService.refresh`, merged monotonically like a push). It keeps
status changes, cancellations and refunds of those orders coming while pushes cannot. The mode is
reported: on the sync engine's :class:`ConnectionStatus` (``degraded``) when there is a relay, and on
the poller's own status when there is none.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from posapp.engine.hub import EventHub
from posapp.engine.orders import OrderService
from posapp.engine.sync import ConnectionStatus, LinkState, SyncEngine

log = logging.getLogger(__name__)

NO_RELAY = "no relay is set up: open orders are refreshed every {0:g} s"
STREAM_DOWN = "the relay stream is down: open orders are refreshed every {0:g} s"


@dataclass(frozen=True)
class PollSettings:
    interval: float = 30.0  # seconds between two rounds of order/get while degraded
    stale_after: float = 60.0  # how long the stream may be down before polling starts


class DegradedPoller:
    def __init__(
        self,
        orders: OrderService,
        sync: SyncEngine | None,
        settings: PollSettings | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._orders = orders
        self._sync = sync
        self.settings = settings or PollSettings()
        self._clock = clock
        self._wake = asyncio.Event()
        self._down_since: float | None = clock()  # never connected yet counts as down
        # Only the no-relay case publishes its status; with a relay, the sync engine's is the link's.
        self._hub: EventHub = orders.hub
        self.rounds = 0
        self.active = False
        detail = NO_RELAY.format(self.settings.interval) if sync is None else ""
        self.status = ConnectionStatus(LinkState.OFFLINE, clock(), detail=detail, degraded=sync is None)
        if sync is not None:
            sync.hub.subscribe(ConnectionStatus, self._link_changed)

    def should_poll(self) -> bool:
        if self._sync is None:
            return True
        if self._down_since is None:
            return False
        return self._clock() - self._down_since >= self.settings.stale_after

    async def run(self) -> None:
        while True:
            self._set_active(self.should_poll())
            if self.active:
                await self.poll_once()
            await self._wait(self._next_check())

    async def poll_once(self) -> int:
        """Refresh every open order once; returns how many Keeta answered for."""
        refreshed = 0
        for order in self._orders.open_orders():
            if await self._orders.refresh(order.order_view_id) is not None:
                refreshed += 1
        self.rounds += 1
        log.info("poller: refreshed %d open orders (round %d)", refreshed, self.rounds)
        return refreshed

    def _next_check(self) -> float:
        if self.active or self._down_since is None:
            return self.settings.interval
        return max(0.0, self._down_since + self.settings.stale_after - self._clock())

    async def _wait(self, seconds: float) -> None:
        self._wake.clear()
        # asyncio.timeout, not wait_for: on 3.11 wait_for can swallow a cancel that races the wake-up.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await self._wake.wait()

    def _link_changed(self, status: ConnectionStatus) -> None:
        if status.state is LinkState.CONNECTED:
            self._down_since = None
        elif self._down_since is None:
            self._down_since = self._clock()
        self._wake.set()

    def _set_active(self, active: bool) -> None:
        if active == self.active:
            return
        self.active = active
        log.warning("poller: degraded mode %s", "on" if active else "off")
        if self._sync is not None:
            self._sync.set_degraded(active)
            return
        self.status = ConnectionStatus(
            LinkState.OFFLINE, self.status.since, detail=self.status.detail, degraded=active
        )
        self._hub.publish(self.status)
