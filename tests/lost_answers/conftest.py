"""A Keeta + Zeek outbox stack against the real simulator over HTTP, with request counting per path."""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import peewee
import pytest

from posapp.domain.retry import RetryPolicy
from posapp.engine.delivery.service import DeliveryService
from posapp.engine.delivery.settings import DeliverySettings
from posapp.engine.delivery.zeek_sender import ZeekActionSender
from posapp.engine.keeta_sender import KeetaActionSender
from posapp.engine.outbox import OutboxWorker
from posapp.keeta.client import KeetaClient
from posapp.keeta.config import KeetaConfig
from posapp.sim.server import SimServer
from posapp.store import outbox
from posapp.store.db import open_database
from posapp.store.outbox import ActionState, OutboxAction
from posapp.zeek.client import ZeekClient
from posapp.zeek.config import ZeekConfig
from tests.waiting import until

# Tight enough that a held ("timeout") call costs a fraction of a second.
CLIENT_TIMEOUT = 0.4
READ_RETRY = RetryPolicy(first_delay=0.01, max_delay=0.02, max_attempts=2)
OUTBOX_RETRY = RetryPolicy(first_delay=0.02, max_delay=0.05, max_attempts=3)
SETTLED = (ActionState.DONE, ActionState.FAILED, ActionState.NEEDS_PERSON)


class CountingTransport(httpx.AsyncBaseTransport):
    """Every request the app sends, by URL path, whatever the simulator does with it."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.paths: Counter[str] = Counter()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.paths[request.url.path] += 1
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()

    def total(self) -> int:
        return sum(self.paths.values())

    def to(self, api_path: str) -> int:
        return sum(n for path, n in self.paths.items() if path.endswith("/" + api_path))


@dataclass
class Stack:
    sim: SimServer
    http: httpx.AsyncClient
    keeta: KeetaClient
    zeek: ZeekClient
    worker: OutboxWorker
    bookings: DeliveryService
    counted: CountingTransport

    async def arm(self, path: str, mode: str, count: int = 1) -> None:
        answer = await self.http.post("/sim/faults", json={"path": path, "mode": mode, "count": count})
        answer.raise_for_status()

    async def new_order(self, mode: str = "delivery") -> int:
        answer = await self.http.post("/sim/keeta/orders", json={"mode": mode})
        answer.raise_for_status()
        order_view_id: int = answer.json()["orderViewId"]
        return order_view_id

    async def refund_request(self, order_view_id: int, partial: bool = False) -> None:
        path = f"/sim/keeta/orders/{order_view_id}/refund-request"
        (await self.http.post(path, json={"partial": partial})).raise_for_status()

    async def view(self, order_view_id: int) -> dict[str, Any]:
        answer = await self.http.get(f"/sim/keeta/orders/{order_view_id}")
        answer.raise_for_status()
        data: dict[str, Any] = answer.json()
        return data

    async def settled(self, action: OutboxAction, within: float = 15.0) -> OutboxAction:
        await until(lambda: outbox.get(action.id).state in SETTLED, within=within)
        return outbox.get(action.id)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[peewee.SqliteDatabase]:
    database = open_database(tmp_path / "cache.sqlite3")
    yield database
    database.close()


def keeta_config(sim: SimServer) -> KeetaConfig:
    c = sim.ctx.config
    return KeetaConfig(
        app_id=c.app_id, secret=c.secret, access_token=c.token, shop_id=c.shop_id,
        base_url=f"{sim.base_url}/keeta/api/open", timeout=CLIENT_TIMEOUT, retry=READ_RETRY,
    )  # fmt: skip


def zeek_config(sim: SimServer) -> ZeekConfig:
    c = sim.ctx.config
    return ZeekConfig(
        appid=c.zeek_appid, secret=c.zeek_secret, client_merchant_id=c.merchant_id,
        base_url=f"{sim.base_url}/zeek", lang="en", timeout_s=CLIENT_TIMEOUT, retry=READ_RETRY,
    )  # fmt: skip


@contextlib.asynccontextmanager
async def open_stack(sim: SimServer) -> AsyncIterator[Stack]:
    counted = CountingTransport()
    keeta = KeetaClient(keeta_config(sim), transport=counted)
    zeek = ZeekClient(zeek_config(sim), transport=counted)
    worker = OutboxWorker({"keeta": KeetaActionSender(keeta), "zeek": ZeekActionSender(zeek)}, OUTBOX_RETRY)
    bookings = DeliveryService(zeek, worker, DeliverySettings(poll_interval_s=3600))
    http = httpx.AsyncClient(base_url=sim.base_url, timeout=10)
    task = asyncio.get_running_loop().create_task(worker.run())
    try:
        yield Stack(sim, http, keeta, zeek, worker, bookings, counted)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await http.aclose()
        await keeta.aclose()
        await zeek.aclose()


@pytest.fixture
async def stack(db: peewee.SqliteDatabase, sim: SimServer) -> AsyncIterator[Stack]:
    async with open_stack(sim) as opened:
        yield opened
