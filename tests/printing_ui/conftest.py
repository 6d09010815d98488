"""Printing on the screens: the screen tests' qasync harness plus recording TCP printers on 127.0.0.1."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass

import pytest

from posapp.domain.retry import RetryPolicy
from posapp.engine.printing_hooks import Printing
from posapp.printing.queue import PrinterPolicy
from posapp.settings import Settings
from posapp.ui.printing.hookup import PrintingScreens
from tests.printing.recorder import PrinterServer
from tests.ui.conftest import (  # noqa: F401 - the screen tests' fixtures and qasync loop, shared
    Env,
    _collect_qt_garbage,
    db,
    env,
    pytest_asyncio_loop_factories,
    pytest_runtest_call,
    pytest_runtest_setup,
    pytest_runtest_teardown,
    receiver,
    receiver_port,
    sim_config,
)
from tests.ui.harness import TEST_TUNING, Stack, open_stack

FAST = PrinterPolicy(RetryPolicy(first_delay=0.05, max_delay=0.3, max_attempts=0, jitter=False), 2, 3)


@pytest.fixture
def printer() -> Iterator[Callable[..., PrinterServer]]:
    """Starts recording printers (``port`` given: bring a "switched off" printer back on that port)."""
    servers: list[PrinterServer] = []

    def start(port: int = 0) -> PrinterServer:
        server = PrinterServer(port)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def printer_entry(name: str, uri: str, role: str = "both", **extra: str) -> dict[str, str]:
    return {"name": name, "uri": uri, "encoding": "big5", "role": role, **extra}


@dataclass
class PrintStack:
    stack: Stack
    printing: Printing
    screens: PrintingScreens


@contextlib.asynccontextmanager
async def open_printing(place: Env, settings: Settings) -> AsyncIterator[PrintStack]:
    """The board against the simulator, with printing built and attached as the app does it."""
    tuning = dataclasses.replace(TEST_TUNING, printer_policy=FAST)
    async with open_stack(place.sim, place.receiver, place.tmp_path, settings, tuning) as stack:
        printing, screens = stack.core.printing, stack.session.printing
        assert printing is not None and screens is not None
        yield PrintStack(stack, printing, screens)
