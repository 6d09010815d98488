"""The real app for screen tests, built by the product's own builder (``posapp/session.py``) against the
simulator on 127.0.0.1; the simulator's pushes reach a tiny webhook receiver that stands in for the
relay's stream (a fake transport), so they go through the product's sync engine and applier."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from PySide6.QtWidgets import QApplication

from posapp.domain.order import Order
from posapp.domain.retry import RetryPolicy
from posapp.engine.assembly import Transports, Tuning, read_session_secrets
from posapp.engine.core import AppCore
from posapp.engine.orders import OrderService
from posapp.engine.outbox import OutboxWorker
from posapp.engine.relay_source import OnOpen, StreamEvent
from posapp.engine.services import AppServices
from posapp.keeta.client import KeetaClient
from posapp.keeta.config import NO_RETRY
from posapp.secrets import MemorySecretStore
from posapp.session import Session, SessionInputs, open_session
from posapp.settings import (
    SECRET_KEETA_APP_SECRET,
    SECRET_KEETA_TOKEN,
    SECRET_ZEEK_SECRET,
    Settings,
    SettingsChange,
    SettingsFile,
)
from posapp.sim.server import SimServer
from posapp.ui.alerts import Chime
from posapp.ui.bridge import Bridge
from posapp.ui.main_window import MainWindow
from tests.streamed import streamed
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


class ReceiverSource:
    """The webhook receiver as the relay's stream: each body it keeps is the next event, in order."""

    def __init__(self, receiver: WebhookReceiver) -> None:
        self._receiver = receiver

    async def events(self, after: int | None, on_open: OnOpen | None = None) -> AsyncIterator[StreamEvent]:
        if on_open is not None:
            on_open()
        cursor = after or 0
        while True:
            body = await self._receiver.bodies.get()
            cursor += 1
            yield streamed(cursor, "keeta", body)  # as the relay would stream it


@dataclass
class Stack:
    """The product's session (``posapp/session.py``) on the simulator, with the test's handles."""

    sim: SimServer
    receiver: WebhookReceiver | None
    http: httpx.AsyncClient
    session: Session
    chime: SilentChime
    reconnects: list[SettingsChange]  # each change the session asked a new connection for
    inputs: SessionInputs

    @property
    def core(self) -> AppCore:
        return self.session.core

    @property
    def client(self) -> KeetaClient:
        return self.session.core.keeta

    @property
    def worker(self) -> OutboxWorker:
        return self.session.core.worker

    @property
    def service(self) -> OrderService:
        return self.session.core.orders

    @property
    def services(self) -> AppServices:
        return self.session.services

    @property
    def bridge(self) -> Bridge:
        return self.session.bridge

    @property
    def window(self) -> MainWindow:
        return self.session.window

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
        await self.session.close()
        await self.http.aclose()


def _has_pending_refund(order: Order | None) -> bool:
    return order is not None and order.pending_refund is not None


def stack_settings(sim: SimServer, base: Settings | None = None, zeek: bool = False) -> Settings:
    """``base`` (or the defaults) set up against the simulator's Keeta (and Zeek, with ``zeek``); pushes
    come through the receiver."""
    cfg = sim.ctx.config
    settings = (base or Settings()).replace(
        keeta_base_url=f"{sim.base_url}/keeta/api/open", keeta_app_id=cfg.app_id, keeta_shop_id=cfg.shop_id
    )
    if zeek:
        settings = settings.replace(
            zeek_base_url=f"{sim.base_url}/zeek", zeek_app_id=cfg.zeek_appid, zeek_merchant_id=cfg.merchant_id
        )
    return settings


# Quick retries: a test waits for the outbox, not for the product's patience.
TEST_TUNING = Tuning(
    keeta_retry=NO_RETRY,
    outbox_policy=RetryPolicy(first_delay=0.05, max_delay=0.2, max_attempts=3),
    sync_backoff=RetryPolicy(first_delay=0.05, max_delay=0.2, max_attempts=0),
)


async def build_stack(
    sim: SimServer,
    receiver: WebhookReceiver | None,
    tmp_path: Path,
    settings: Settings | None = None,
    tuning: Tuning = TEST_TUNING,
    zeek: bool = False,
) -> Stack:
    """The app on the simulator; ``receiver`` None: no pushes (the degraded poller reads Keeta)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    cfg = sim.ctx.config
    keyring = MemorySecretStore()  # holds what the session read from it
    keyring.set(SECRET_KEETA_APP_SECRET, cfg.secret)
    keyring.set(SECRET_KEETA_TOKEN, cfg.token)
    keyring.set(SECRET_ZEEK_SECRET, cfg.zeek_secret)
    events = Transports(events=ReceiverSource(receiver)) if receiver is not None else Transports()
    inputs = SessionInputs(
        tmp_path / "cache.sqlite3", SettingsFile(tmp_path / "settings.json"), keyring,
        read_session_secrets(keyring), stack_settings(sim, settings, zeek), transports=events, tuning=tuning,
    )  # fmt: skip
    chime = SilentChime()
    reconnects: list[SettingsChange] = []
    session = open_session(app, inputs, chime=chime, reconnect=reconnects.append)
    await until(lambda: not session.window.model.loading)  # the cache's open orders are on the board
    return Stack(sim, receiver, httpx.AsyncClient(timeout=10), session, chime, reconnects, inputs)


@contextlib.asynccontextmanager
async def open_stack(
    sim: SimServer,
    receiver: WebhookReceiver | None,
    tmp_path: Path,
    settings: Settings | None = None,
    tuning: Tuning = TEST_TUNING,
    zeek: bool = False,
) -> AsyncIterator[Stack]:
    stack = await build_stack(sim, receiver, tmp_path, settings, tuning, zeek)
    try:
        yield stack
    finally:
        await stack.close()
