"""Qt + qasync harness for the screens.

Every async test here runs on a qasync loop (dev-environment.md pattern B), so the simulator, the
outbox worker and the widgets share one loop, exactly as in the app.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from pathlib import Path

import peewee
import pytest
from PySide6.QtWidgets import QApplication

from posapp.sim.config import SimConfig
from posapp.sim.server import SimServer, free_port
from posapp.store.db import open_database
from tests.ui.harness import Stack, WebhookReceiver, build_stack


def _qasync_loop_factory() -> object:
    import qasync

    app = QApplication.instance() or QApplication([])
    return qasync.QEventLoop(app, already_running=False)


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> Mapping[str, Callable[[], object]]:
    return {"qasync": _qasync_loop_factory}


@pytest.fixture(autouse=True)
def _no_event_pumping_outside_the_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """pytest-qt pumps Qt events between test phases (pytestqt.plugin._process_events). Under qasync
    that steps asyncio tasks while no loop is running, and they die with "no running event loop"
    (pytest-qt has no qasync support: pytest-dev/pytest-qt#448). The loop pumps Qt itself here."""
    import pytestqt.plugin

    monkeypatch.setattr(pytestqt.plugin, "_process_events", lambda: None)


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


@pytest.fixture
async def stack(
    qapp: QApplication, sim: SimServer, receiver: WebhookReceiver, db: peewee.SqliteDatabase, tmp_path: Path
) -> AsyncIterator[Stack]:
    built = await build_stack(sim, receiver, tmp_path)
    try:
        yield built
    finally:
        await built.close()
