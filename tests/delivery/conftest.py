"""The delivery engine and tab against the real simulator on 127.0.0.1, on a qasync loop (as the app)."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import peewee
import pytest
from PySide6.QtWidgets import QApplication

from posapp.domain.retry import RetryPolicy
from posapp.engine.delivery.settings import DeliverySettings
from posapp.engine.delivery.setup import DeliveryEngine, build_delivery_engine
from posapp.engine.delivery.zeek_sender import ZeekActionSender
from posapp.engine.outbox import OutboxWorker
from posapp.sim.server import SimServer
from posapp.store.db import open_database
from posapp.zeek.client import ZeekClient
from posapp.zeek.config import ZeekConfig
from tests.qt_pumping import (  # noqa: F401 - hooks: pytest-qt must not pump Qt outside the loop
    pytest_runtest_call,
    pytest_runtest_setup,
    pytest_runtest_teardown,
)
from tests.ui.harness import TEST_TUNING
from tests.waiting import until  # noqa: F401  (re-exported for the tests here)

# Central, about 1 km from the simulator's shop in Sheung Wan.
CUSTOMER_LOCATION = "22.281900,114.158900"


_APP: list[QApplication] = []  # the QApplication must outlive every loop; a local would be collected


def _qasync_loop_factory() -> object:
    from posapp.ui.event_loop import QtEventLoop

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([])
        _APP.append(app)
    app.setQuitOnLastWindowClosed(False)
    return QtEventLoop(app, already_running=False)


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], object]]:
    return {"qasync": _qasync_loop_factory}


@pytest.fixture
def db(tmp_path: Path) -> Iterator[peewee.SqliteDatabase]:
    database = open_database(tmp_path / "cache.sqlite3")
    yield database
    database.close()


@dataclass
class Delivery:
    sim: SimServer
    http: httpx.AsyncClient
    client: ZeekClient
    worker: OutboxWorker
    engine: DeliveryEngine
    tasks: list[asyncio.Task[Any]] = field(default_factory=list)

    async def advance(self, seconds: float) -> None:
        answer = await self.http.post(f"{self.sim.base_url}/sim/clock/advance", json={"seconds": seconds})
        answer.raise_for_status()

    async def sim_order(self, order_id: str) -> dict[str, Any]:
        answer = await self.http.get(f"{self.sim.base_url}/sim/zeek/orders/{order_id}")
        answer.raise_for_status()
        data: dict[str, Any] = answer.json()
        return data

    async def sim_config(self, **changes: Any) -> None:
        answer = await self.http.post(f"{self.sim.base_url}/sim/zeek/config", json=changes)
        answer.raise_for_status()


ZEEK_RETRY = RetryPolicy(first_delay=0.01, max_delay=0.01, max_attempts=2, jitter=False)
# The app on the simulator with its delivery tab (tests.ui.harness.open_stack(..., zeek=True)).
DELIVERY_TUNING = dataclasses.replace(
    TEST_TUNING, zeek_retry=ZEEK_RETRY, zeek_lang="en", delivery=DeliverySettings(poll_interval_s=0.1)
)


def zeek_client_for(sim: SimServer) -> ZeekClient:
    cfg = sim.ctx.config
    config = ZeekConfig(
        appid=cfg.zeek_appid,
        secret=cfg.zeek_secret,
        client_merchant_id=cfg.merchant_id,
        base_url=f"{sim.base_url}/zeek",
        lang="en",
        retry=ZEEK_RETRY,
    )
    return ZeekClient(config)


@contextlib.asynccontextmanager
async def open_delivery(sim: SimServer, settings: DeliverySettings | None = None) -> AsyncIterator[Delivery]:
    client = zeek_client_for(sim)
    worker = OutboxWorker(
        {"zeek": ZeekActionSender(client)}, RetryPolicy(first_delay=0.05, max_delay=0.2, max_attempts=3)
    )
    chosen = settings or DeliverySettings(poll_interval_s=0.1)
    engine = build_delivery_engine(client, worker, None, chosen)
    stack = Delivery(sim, httpx.AsyncClient(timeout=10), client, worker, engine)
    stack.tasks.append(asyncio.get_running_loop().create_task(worker.run()))
    engine.start()
    try:
        yield stack
    finally:
        for task in stack.tasks:
            task.cancel()
        await asyncio.gather(*stack.tasks, return_exceptions=True)
        await engine.stop()
        await stack.http.aclose()
