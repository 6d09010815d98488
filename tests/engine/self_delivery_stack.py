"""The Keeta and Zeek sides of the engine against the real simulator, for self-delivery tests.

One outbox worker holds both platforms (as in ``AppCore``); the order service caches Keeta orders,
the delivery engine books Zeek couriers, decrypts contacts and reports progress back to Keeta.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx

from posapp.demo.stack import keeta_config_for
from posapp.domain.order import Order, OrderStatus
from posapp.domain.retry import RetryPolicy
from posapp.engine.delivery.settings import DeliverySettings
from posapp.engine.delivery.setup import DeliveryEngine, build_delivery_engine
from posapp.engine.delivery.zeek_sender import ZeekActionSender
from posapp.engine.keeta_sender import KeetaActionSender
from posapp.engine.orders import OrderService
from posapp.engine.outbox import OutboxWorker
from posapp.keeta.client import KeetaClient
from posapp.sim.server import SimServer
from posapp.store.models import OutboxActionRecord
from tests.delivery.conftest import zeek_client_for
from tests.waiting import until


@dataclass
class SelfDeliveryStack:
    sim: SimServer
    http: httpx.AsyncClient
    keeta: KeetaClient
    worker: OutboxWorker
    orders: OrderService
    engine: DeliveryEngine
    tasks: list[asyncio.Task[Any]] = field(default_factory=list)

    async def new_order(self, mode: str) -> int:
        answer = await self.http.post(f"{self.sim.base_url}/sim/keeta/orders", json={"mode": mode})
        answer.raise_for_status()
        return int(answer.json()["orderViewId"])

    async def accepted_order(self, mode: str) -> Order:
        """A new order of ``mode``, in the cache and accepted through the outbox."""
        order_view_id = await self.new_order(mode)
        assert await self.orders.refresh(order_view_id) is not None
        self.orders.confirm(order_view_id)
        await until(lambda: _status(self.orders, order_view_id) is OrderStatus.ACCEPTED)
        order = self.orders.order(order_view_id)
        assert order is not None
        return order

    async def keeta_view(self, order_view_id: int) -> dict[str, Any]:
        answer = await self.http.get(f"{self.sim.base_url}/sim/keeta/orders/{order_view_id}")
        answer.raise_for_status()
        view: dict[str, Any] = answer.json()
        return view

    async def zeek_view(self, order_id: str) -> dict[str, Any]:
        answer = await self.http.get(f"{self.sim.base_url}/sim/zeek/orders/{order_id}")
        answer.raise_for_status()
        view: dict[str, Any] = answer.json()
        return view

    async def advance(self, seconds: float) -> None:
        answer = await self.http.post(f"{self.sim.base_url}/sim/clock/advance", json={"seconds": seconds})
        answer.raise_for_status()


def _status(orders: OrderService, order_view_id: int) -> OrderStatus | None:
    order = orders.order(order_view_id)
    return None if order is None else order.status


def outbox_rows(action: str) -> list[OutboxActionRecord]:
    return list(OutboxActionRecord.select().where(OutboxActionRecord.action == action))


@contextlib.asynccontextmanager
async def open_self_delivery(
    sim: SimServer, *, reports: bool = True, poll_interval_s: float = 0.1
) -> AsyncIterator[SelfDeliveryStack]:
    """``reports=False`` leaves the Keeta side out of the delivery engine (a build without reports)."""
    keeta = KeetaClient(keeta_config_for(sim.ctx.config, f"{sim.base_url}/keeta/api/open"))
    zeek = zeek_client_for(sim)
    worker = OutboxWorker(
        {"keeta": KeetaActionSender(keeta), "zeek": ZeekActionSender(zeek)},
        RetryPolicy(first_delay=0.05, max_delay=0.2, max_attempts=3),
    )
    orders = OrderService(keeta, worker)
    settings = DeliverySettings(poll_interval_s=poll_interval_s)
    engine = build_delivery_engine(zeek, worker, orders if reports else None, settings, keeta=keeta)
    stack = SelfDeliveryStack(sim, httpx.AsyncClient(timeout=10), keeta, worker, orders, engine)
    stack.tasks.append(asyncio.get_running_loop().create_task(worker.run()))
    engine.start()
    try:
        yield stack
    finally:
        for task in stack.tasks:
            task.cancel()
        await asyncio.gather(*stack.tasks, return_exceptions=True)
        await engine.stop()
        await orders.aclose()
        await keeta.aclose()
        await stack.http.aclose()
