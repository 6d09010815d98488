"""The app's parts under the supervisor, on the real stack (simulator + relay on 127.0.0.1).

A part that dies is restarted and the connection bar says so meanwhile; the relay line never claims
"connected" while the sync task is down. Shutdown closes every part even when one fails to close.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from posapp.demo.stack import PlatformStack, StackInfo
from posapp.domain.order import OrderStatus
from posapp.engine.core import AppCore
from posapp.engine.sync import LinkState
from posapp.session import bridge_for
from posapp.ui.connection_bar import ConnectionBar
from tests.app.test_end_to_end import Watch, create_order, make_core, status_is
from tests.waiting import until


async def test_a_sync_task_that_dies_is_restarted_and_shown_on_the_bar(
    stack: tuple[PlatformStack, StackInfo], tmp_path: Path, qapp: QApplication
) -> None:
    _, info = stack
    core: AppCore = make_core(tmp_path, info)
    assert core.sync is not None
    bar = ConnectionBar()
    bridge = bridge_for(core.hub)  # the screen hears the engine only through the Bridge
    bridge.connection_changed.connect(bar.set_status)
    bridge.task_health.connect(bar.set_task_health)
    watch = Watch(core)
    seen_while_down: list[tuple[str, bool]] = []
    bridge.task_health.connect(
        lambda h: h.down and seen_while_down.append((bar.relay.text(), bar.tasks.isVisibleTo(bar)))
    )
    real_run = core.sync.run
    released = asyncio.Event()
    attempts = 0

    async def dies_once_connected() -> None:
        """The real sync, made to fail once it has connected (a fault no handler inside catches)."""
        nonlocal attempts
        attempts += 1
        if attempts == 1:
            task = asyncio.ensure_future(real_run())
            await until(lambda: core.sync is not None and core.sync.status.state is LinkState.CONNECTED)
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            raise RuntimeError("injected fault")
        released.set()
        await real_run()

    core.sync.run = dies_once_connected  # type: ignore[method-assign]
    core.start()
    try:
        await asyncio.wait_for(released.wait(), 10)
        # While it was down: the relay line said offline (not "connected") and the bar named the part.
        assert seen_while_down and "OFFLINE" in seen_while_down[0][0] and seen_while_down[0][1]
        assert "relay sync" in bar.tasks.text()
        order = await create_order(info)
        await watch.until(status_is(core, order, OrderStatus.NEW))
        assert core.supervisor.down == [] and not bar.tasks.isVisibleTo(bar)
        assert bar.relay.text().startswith("Relay: ✔ connected")
    finally:
        await core.stop()


async def test_stop_closes_every_part_even_when_one_fails(
    stack: tuple[PlatformStack, StackInfo], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _, info = stack
    core = make_core(tmp_path, info)
    core.start()

    async def broken_close() -> None:
        raise OSError("socket already gone")

    core.orders.aclose = broken_close  # type: ignore[method-assign]
    with caplog.at_level(logging.ERROR, logger="posapp.engine.core"):
        await core.stop()
    assert any("stopping orders failed" in r.getMessage() for r in caplog.records)
    assert core.http.is_closed  # the parts after the failing one were closed too
    assert core.db.is_closed()
