"""Shared test set-up: headless Qt, an in-memory keyring, and the platform simulator on 127.0.0.1."""

from __future__ import annotations

import os

# Qt aborts the process without a display; must be set before any QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

import dataclasses
import gc
import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import QCoreApplication

from posapp.sim.config import SimConfig
from posapp.sim.server import SimServer
from posapp.ui import gui_thread_gc

FIXTURES = Path(__file__).parent / "fixtures"

# As in the app (posapp.ui.gui_thread_gc): Qt objects must never be collected in a worker thread.
gc.disable()


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_main_thread() -> Iterator[None]:
    yield
    app = QCoreApplication.instance()
    if app is not None:
        gui_thread_gc.install(app)
    gc.collect()


class MemoryKeyring(KeyringBackend):
    """A keyring that lives only for the test run, so no test touches a real secret store."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def load_fixture(relative: str) -> Any:
    return json.loads((FIXTURES / relative).read_text(encoding="utf-8"))


@pytest.fixture
def sim_config() -> SimConfig:
    """Default simulator settings on a free port; tests override fields with dataclasses.replace."""
    return SimConfig(port=0)


@pytest.fixture
async def sim(sim_config: SimConfig) -> AsyncIterator[SimServer]:
    """The real simulator serving HTTP on 127.0.0.1 inside the test's event loop."""
    server = SimServer(dataclasses.replace(sim_config, port=sim_config.port or 0))
    await server.start()
    try:
        yield server
    finally:
        await server.stop()
