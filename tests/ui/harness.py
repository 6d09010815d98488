"""The real app stack for screen tests: Keeta client → outbox worker → order service → bridge → window,
against the simulator on 127.0.0.1; pushes come in through a tiny webhook receiver and the applier,
the way the sync engine delivers them."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import shiboken6

from posapp.domain.order import Order
from posapp.domain.retry import RetryPolicy
from posapp.engine.apply import EventApplier
from posapp.engine.keeta_delivery import KeetaDelivery
from posapp.engine.orders import OrderService
from posapp.engine.outbox import OutboxWorker
from posapp.engine.relay_source import StreamEvent
from posapp.engine.services import AppServices
from posapp.engine.unreadable import UnreadableEvents
from posapp.keeta.client import KeetaClient
from posapp.keeta.config import NO_RETRY, KeetaConfig
from posapp.secrets import MemorySecretStore
from posapp.settings import Settings, SettingsFile
from posapp.sim.server import SimServer
from posapp.ui.alerts import Chime
from posapp.ui.bridge import Bridge
from posapp.ui.main_window import MainWindow
from tests.waiting import until


class WebhookReceiver:
    """Accepts the simulator's signed pushes and keeps their raw bodies (a relay stand-in)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.bodies: asyncio.Queue[bytes] = asyncio.Queue()
        self._server: asyncio.Server | None = None

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", self.port)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.decode("latin-1").split("\r\n"):
                name, _, value = line.partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            body = await reader.readexactly(length) if length else b""
            if body.strip():
                self.bodies.put_nowait(body)
            answer = b'{"code":0,"message":"Success"}'
            writer.write(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                + f"Content-Length: {len(answer)}\r\n\r\n".encode()
                + answer
            )
            await writer.drain()
        finally:
            writer.close()


class SilentChime(Chime):
    """Counts plays without touching audio hardware (the test machine may have none)."""

    def __init__(self) -> None:
        self.problem = None
        self.plays = 0
        self._effect = None


@dataclass
class Stack:
    sim: SimServer
    receiver: WebhookReceiver
    http: httpx.AsyncClient
    client: KeetaClient
    worker: OutboxWorker
    service: OrderService
    services: AppServices
    bridge: Bridge
    window: MainWindow
    chime: SilentChime
    applier: EventApplier = field(default_factory=lambda: EventApplier("test"))
    tasks: list[asyncio.Task[Any]] = field(default_factory=list)
    cursor: int = 0

    async def _feed(self) -> None:
        while True:
            body = await self.receiver.bodies.get()
            self.cursor += 1
            applied = self.applier(StreamEvent(self.cursor, "keeta", body))
            self.service.event_applied(applied)
            if self.services.unreadable is not None:
                self.services.unreadable.event_applied(applied)

    async def new_order(self, mode: str = "delivery") -> Order:
        """Ask the simulator for an order and wait until it is on the board."""
        answer = await self.http.post(f"{self.sim.base_url}/sim/keeta/orders", json={"mode": mode})
        order_view_id = int(answer.json()["orderViewId"])
        await until(lambda: self.window.model.order(order_view_id) is not None)
        order = self.window.model.order(order_view_id)
        assert order is not None
        return order

    async def sim_view(self, order_view_id: int) -> dict[str, Any]:
        answer = await self.http.get(f"{self.sim.base_url}/sim/keeta/orders/{order_view_id}")
        answer.raise_for_status()
        data: dict[str, Any] = answer.json()
        return data

    async def request_refund(self, order_view_id: int, partial: bool) -> None:
        url = f"{self.sim.base_url}/sim/keeta/orders/{order_view_id}/refund-request"
        (await self.http.post(url, json={"partial": partial})).raise_for_status()
        await until(lambda: _has_pending_refund(self.window.model.order(order_view_id)))

    async def close(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        if self.services.unreadable is not None:
            await self.services.unreadable.aclose()
        await self.service.aclose()
        self.window.close()
        # Delete now: a deleteLater() left pending when the loop ends crashes the interpreter at exit.
        shiboken6.delete(self.bridge)
        shiboken6.delete(self.window)
        await self.client.aclose()
        await self.http.aclose()


def _has_pending_refund(order: Order | None) -> bool:
    return order is not None and order.pending_refund is not None


async def build_stack(sim: SimServer, receiver: WebhookReceiver, tmp_path: Path) -> Stack:
    cfg = sim.ctx.config
    keeta = KeetaConfig(
        app_id=cfg.app_id,
        secret=cfg.secret,
        access_token=cfg.token,
        shop_id=cfg.shop_id,
        base_url=f"{sim.base_url}/keeta/api/open",
        retry=NO_RETRY,
    )
    client = KeetaClient(keeta)
    worker = OutboxWorker(
        {"keeta": KeetaDelivery(client)}, RetryPolicy(first_delay=0.05, max_delay=0.2, max_attempts=3)
    )
    service = OrderService(client, worker)
    settings_file = SettingsFile(tmp_path / "settings.json")
    unreadable = UnreadableEvents(service.refresh, hub=service.hub)
    unreadable.load()
    services = AppServices(service, settings_file, MemorySecretStore(), Settings(), unreadable=unreadable)
    bridge = Bridge(service.hub)
    chime = SilentChime()
    window = MainWindow(services, bridge, chime=chime)
    window.show()
    stack = Stack(sim, receiver, httpx.AsyncClient(timeout=10), client, worker, service, services, bridge,
                  window, chime)  # fmt: skip
    loop = asyncio.get_running_loop()
    stack.tasks.append(loop.create_task(worker.run()))
    stack.tasks.append(loop.create_task(stack._feed()))
    return stack


@contextlib.asynccontextmanager
async def open_stack(sim: SimServer, receiver: WebhookReceiver, tmp_path: Path) -> AsyncIterator[Stack]:
    stack = await build_stack(sim, receiver, tmp_path)
    try:
        yield stack
    finally:
        await stack.close()
