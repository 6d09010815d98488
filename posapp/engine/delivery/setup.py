"""Wires the delivery engine for the composition root: Zeek client (direct or through the relay's
gateway), the outbox delivery, the booking service, the tracker and the automation.

The outbox worker is shared with Keeta: the root passes ``engine.delivery`` to it under ``"zeek"``
(``OutboxWorker({"keeta": ..., "zeek": engine.delivery})``) before building the service.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from typing import Any

import httpx

from posapp.engine.delivery.automation import AutoDispatch
from posapp.engine.delivery.outbox_delivery import ZeekDelivery
from posapp.engine.delivery.service import DeliveryService
from posapp.engine.delivery.settings import DeliverySettings
from posapp.engine.delivery.tracking import Tracker
from posapp.engine.orders import OrderService
from posapp.engine.outbox import OutboxWorker
from posapp.zeek.client import ZeekClient
from posapp.zeek.config import ZeekConfig

AUTOMATION_TICK_S = 5.0


class BearerTransport(httpx.AsyncBaseTransport):
    """Adds the relay's store token to every request (gateway mode: the relay signs for Zeek)."""

    def __init__(self, token: str, inner: httpx.AsyncBaseTransport | None = None) -> None:
        self._token = token
        self._inner = inner or httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        request.headers["Authorization"] = f"Bearer {self._token}"
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


def zeek_config(settings: Any, secret: str, *, gateway_url: str = "") -> ZeekConfig:
    """From the app's Settings; with ``gateway_url`` (the relay) calls go to ``<relay>/v1/zeek/<path>``."""
    base = f"{gateway_url.rstrip('/')}/v1/zeek" if gateway_url else settings.zeek_base_url
    return ZeekConfig(
        appid=settings.zeek_app_id, secret=secret, client_merchant_id=settings.zeek_merchant_id, base_url=base
    )


def zeek_client(config: ZeekConfig, relay_token: str = "") -> ZeekClient:
    return ZeekClient(config, transport=BearerTransport(relay_token) if relay_token else None)


@dataclass
class DeliveryEngine:
    client: ZeekClient
    service: DeliveryService
    tracker: Tracker
    automation: AutoDispatch
    settings: DeliverySettings
    _tasks: list[asyncio.Task[None]] = field(default_factory=list)

    def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._tasks.append(loop.create_task(self.tracker.run(), name="zeek-tracking"))
        self._tasks.append(loop.create_task(self._automate(), name="delivery-automation"))

    async def _automate(self) -> None:
        while True:
            self.automation.tick()
            await asyncio.sleep(AUTOMATION_TICK_S)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        await self.automation.aclose()
        await self.client.aclose()


def build_delivery_engine(
    client: ZeekClient,
    worker: OutboxWorker,
    orders: OrderService | None,
    settings: DeliverySettings | None = None,
    default_prep_minutes: int = 15,
) -> DeliveryEngine:
    """``worker`` must already hold ``ZeekDelivery(client)`` under ``"zeek"`` (see :func:`zeek_delivery`)."""
    chosen = settings or DeliverySettings()
    service = DeliveryService(client, worker, chosen)
    tracker = Tracker(client, service, chosen.poll_interval_s)
    automation = AutoDispatch(service, orders, chosen, default_prep_minutes)
    return DeliveryEngine(client, service, tracker, automation, chosen)


def zeek_delivery(client: ZeekClient) -> ZeekDelivery:
    return ZeekDelivery(client)
