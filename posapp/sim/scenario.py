"""The lunch-rush scenario the demo plays against the simulator through its control API.

New orders arrive every few seconds (more delivery than pickup), some customers ask for a refund or
a partial refund, and the business clock runs a little faster than real time so couriers move.
It only uses the public control paths of contract.md, so it works against any running simulator.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from dataclasses import dataclass

import httpx

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RushSettings:
    order_every: float = 6.0  # real seconds between new orders, on average
    pickup_share: float = 0.3
    self_delivery_share: float = 0.3  # of delivery orders: the shop's own courier (Zeek) carries them
    refund_share: float = 0.12
    partial_refund_share: float = 0.5  # of refund requests
    clock_speedup: float = 4.0  # business seconds per real second, on top of real time
    seed: int = 7


class LunchRush:
    def __init__(self, sim_base_url: str, settings: RushSettings | None = None) -> None:
        self._base = sim_base_url.rstrip("/")
        self._settings = settings or RushSettings()
        self._random = random.Random(self._settings.seed)
        self._orders: list[int] = []
        self.created = 0
        self.refunds_requested = 0
        self.skipped = 0

    async def run(self, http: httpx.AsyncClient, stop: asyncio.Event) -> None:
        """Play until ``stop`` is set; a failed control call is logged and the rush goes on."""
        tick = 1.0
        next_order = 0.0
        while not stop.is_set():
            try:
                if next_order <= 0:
                    await self._new_order(http)
                    next_order = self._random.expovariate(1 / self._settings.order_every)
                if self._orders and self._random.random() < self._settings.refund_share * tick / 6:
                    await self._refund_request(http)
                await self._post(http, "/sim/clock/advance", {"seconds": self._settings.clock_speedup * tick})
            except httpx.HTTPError as exc:
                log.warning("lunch rush: simulator call failed: %s", exc)
            next_order -= tick
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=tick)

    async def _new_order(self, http: httpx.AsyncClient) -> None:
        mode = "pickup" if self._random.random() < self._settings.pickup_share else "delivery"
        if mode == "delivery" and self._random.random() < self._settings.self_delivery_share:
            mode = "self-delivery"
        response = await http.post(f"{self._base}/sim/keeta/orders", json={"mode": mode})
        if response.status_code == 409:
            # The store is paused (or everything is sold out): customers cannot order, so none comes.
            self.skipped += 1
            return
        response.raise_for_status()
        self._orders.append(int(str(response.json()["orderViewId"])))
        self._orders = self._orders[-30:]
        self.created += 1

    async def _refund_request(self, http: httpx.AsyncClient) -> None:
        order_id = self._random.choice(self._orders)
        partial = self._random.random() < self._settings.partial_refund_share
        response = await http.post(
            f"{self._base}/sim/keeta/orders/{order_id}/refund-request", json={"partial": partial}
        )
        if response.status_code < 400:  # an order in the wrong state for a refund is simply skipped
            self.refunds_requested += 1

    async def _post(self, http: httpx.AsyncClient, path: str, body: dict[str, object]) -> dict[str, object]:
        response = await http.post(f"{self._base}{path}", json=body)
        response.raise_for_status()
        result: dict[str, object] = response.json()
        return result
