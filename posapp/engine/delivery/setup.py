"""Wires the delivery engine for the composition root: Zeek client (direct or through the relay's
gateway), the outbox delivery, the booking service, the tracker and the automation.

The outbox worker is shared with Keeta: ``AppCore`` registers a ``ZeekActionSender`` under ``"zeek"``
before building the service. The Zeek client itself comes from ``AppCore`` (direct or gateway).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from posapp.engine.delivery.automation import AutoDispatch
from posapp.engine.delivery.contacts import ContactBook, forget_old_contacts
from posapp.engine.delivery.keeta_reports import KeetaReports
from posapp.engine.delivery.service import DeliveryService
from posapp.engine.delivery.settings import DeliverySettings
from posapp.engine.delivery.tracking import Tracker
from posapp.engine.orders import OrderService
from posapp.engine.outbox import OutboxWorker
from posapp.keeta.client import KeetaClient
from posapp.zeek.client import ZeekClient
from posapp.zeek.config import ZeekConfig

AUTOMATION_TICK_S = 5.0


def zeek_config(settings: Any, secret: str) -> ZeekConfig:
    """From the app's Settings. Gateway mode is applied by ``engine/transport.py``, not here."""
    return ZeekConfig(
        appid=settings.zeek_app_id,
        secret=secret,
        client_merchant_id=settings.zeek_merchant_id,
        base_url=settings.zeek_base_url,
    )


@dataclass
class DeliveryEngine:
    client: ZeekClient
    service: DeliveryService
    tracker: Tracker
    automation: AutoDispatch
    settings: DeliverySettings
    reports: KeetaReports | None = None  # self-delivery progress back to Keeta (needs the Keeta side)
    contacts: ContactBook | None = None  # self-delivery customers decrypted (needs the Keeta client)
    orders: OrderService | None = None
    _tasks: list[asyncio.Task[None]] = field(default_factory=list)

    def runners(self) -> dict[str, Callable[[], Coroutine[Any, Any, None]]]:
        """The long-running parts, for the app's supervisor (:meth:`start` runs them unsupervised)."""
        return {"zeek-tracking": self.tracker.run, "delivery-automation": self._automate}

    def begin(self) -> None:
        """The one-off work at start; the long-running parts are in :meth:`runners`."""
        if self.reports is not None:
            self.reports.catch_up()
        if self.contacts is not None:
            forget_old_contacts(int(time.time()))
        if self.contacts is not None and self.orders is not None:
            contacts, orders = self.contacts, self.orders
            loop = asyncio.get_running_loop()
            self._tasks.append(loop.create_task(self._decrypt(contacts, orders), name="decrypt-contacts"))

    def start(self) -> None:
        self.begin()
        loop = asyncio.get_running_loop()
        for name, run in self.runners().items():
            self._tasks.append(loop.create_task(run(), name=name))

    @staticmethod
    async def _decrypt(contacts: ContactBook, orders: OrderService) -> None:
        # The open self-delivery orders at start, in batches of at most 50 values; only those are read,
        # in a worker thread (decoding every open order held the window for a second at 10,000).
        await contacts.decrypt(await asyncio.to_thread(orders.open_self_delivery_orders_in_worker))

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
        if self.contacts is not None:
            await self.contacts.aclose()
        await self.client.aclose()


def build_delivery_engine(
    client: ZeekClient,
    worker: OutboxWorker,
    orders: OrderService | None,
    settings: DeliverySettings | None = None,
    default_prep_minutes: int = 15,
    keeta: KeetaClient | None = None,
) -> DeliveryEngine:
    """``worker`` must already hold ``ZeekActionSender(client)`` under ``"zeek"``."""
    chosen = settings or DeliverySettings()
    service = DeliveryService(client, worker, chosen)
    tracker = Tracker(client, service, chosen.poll_interval_s)
    automation = AutoDispatch(service, orders, chosen, default_prep_minutes)
    # With the Keeta side present, the worker also holds the "keeta" sender the reports go through.
    reports = KeetaReports(service, worker) if orders is not None else None
    contacts = ContactBook(keeta, orders) if keeta is not None else None
    service.contacts = contacts
    return DeliveryEngine(client, service, tracker, automation, chosen, reports, contacts, orders)
