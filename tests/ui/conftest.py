"""Qt + qasync harness for the screens.

Every async test here runs on a qasync loop (dev-environment.md pattern B), so the simulator, the
outbox worker and the widgets share one loop, exactly as in the app.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import peewee
import pytest
from PySide6.QtWidgets import QApplication

from posapp.sim.config import SimConfig
from posapp.sim.server import SimServer, free_port
from posapp.store.db import open_database
from tests.qt_pumping import (  # noqa: F401 - hooks: pytest-qt must not pump Qt outside the loop
    pytest_runtest_call,
    pytest_runtest_setup,
    pytest_runtest_teardown,
)
from tests.ui.harness import WebhookReceiver


def _qasync_loop_factory() -> object:
    from posapp.ui.event_loop import QtEventLoop

    app = QApplication.instance() or QApplication([])
    # Closing a test's window must not quit the app: that would end qasync's loop mid-test.
    app.setQuitOnLastWindowClosed(False)
    return QtEventLoop(app, already_running=False)


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], object]]:
    return {"qasync": _qasync_loop_factory}


@pytest.fixture(autouse=True)
def _collect_qt_garbage() -> Iterator[None]:
    """Collect each test's Qt wrappers while the QApplication is alive; left to interpreter exit,
    PySide6 objects from many qasync loops are torn down in a random order and crash."""
    yield
    gc.collect()


@pytest.fixture
def receiver_port() -> int:
    return free_port()


@pytest.fixture
def sim_config(receiver_port: int) -> SimConfig:
    return dataclasses.replace(
        SimConfig(port=0), webhook_url=f"http://127.0.0.1:{receiver_port}/keeta/webhook"
    )


@pytest.fixture
async def receiver(receiver_port: int) -> AsyncIterator[WebhookReceiver]:
    server = WebhookReceiver(receiver_port)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
def db(tmp_path: Path) -> Iterator[peewee.SqliteDatabase]:
    database = open_database(tmp_path / "cache.sqlite3")
    yield database
    database.close()


@dataclass(frozen=True)
class Env:
    sim: SimServer
    receiver: WebhookReceiver
    tmp_path: Path


@pytest.fixture
def env(
    qapp: QApplication, sim: SimServer, receiver: WebhookReceiver, db: peewee.SqliteDatabase, tmp_path: Path
) -> Env:
    """What a test needs to open the stack. The window itself is built inside the test (``open_stack``):
    Qt objects that outlive one ``run_until_complete`` get their events pumped outside the loop."""
    return Env(sim, receiver, tmp_path)
