"""The ``busy`` snapshot scene (contract.md: store paused, items sold out), staged through the same
controls a cashier uses: a 30-minute pause and three sold-out items, sent to Keeta (the demo's
simulator) and shown in the top bar and the sold-out dialog."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from posapp.domain.store_state import StoreMode
from posapp.engine.services import AppServices
from posapp.ui.main_window import MainWindow
from posapp.ui.sold_out_dialog import SoldOutDialog

log = logging.getLogger(__name__)

SCENE_ITEMS = (3008, 3011, 3012)  # the demo menu's curry fish balls, milk tea and lemon tea
SCENE_PAUSE_MINUTES = 30


async def stage_busy(window: MainWindow, services: AppServices, within: float = 15.0) -> SoldOutDialog | None:
    """Pause the store and mark the scene's items sold out; returns the open sold-out dialog (None when
    this session has no store controls). Waits (at most ``within`` s) until Keeta has taken both."""
    busy, sold_out = services.busy, services.sold_out
    if busy is None or sold_out is None:
        return None
    changed = asyncio.Event()
    # Through the window's Bridge, like every screen part: the engine's hub is not the UI's to hear.
    window.bridge.store_changed.connect(lambda _state: changed.set())
    window.bridge.items_changed.connect(lambda _items: changed.set())

    async def until(condition: Callable[[], bool]) -> None:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(within):
                while not condition():
                    changed.clear()
                    await changed.wait()
        if not condition():
            log.warning("busy scene: Keeta did not answer in %.0f s; showing what there is", within)

    # Keeta's word on the store and its menu are read at start: both are needed before acting.
    await until(lambda: busy.state.mode is not StoreMode.UNKNOWN and bool(sold_out.items()))
    busy.pause(SCENE_PAUSE_MINUTES)
    known = [item.spu_id for item in sold_out.items()]
    chosen = [spu for spu in SCENE_ITEMS if spu in known] or known[:3]
    if chosen:
        sold_out.mark(chosen, True)
    await until(lambda: not busy.state.sending and not any(i.sending for i in sold_out.items()))
    return window.open_sold_out()
