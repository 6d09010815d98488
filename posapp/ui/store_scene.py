"""The ``busy`` snapshot scene (contract.md: store paused, items sold out), staged through the same
controls a cashier uses: a 30-minute pause and three sold-out items, sent to Keeta (the demo's
simulator) and shown in the top bar and the sold-out dialog."""

from __future__ import annotations

import asyncio
import time

from posapp.domain.store_state import StoreMode
from posapp.engine.services import AppServices
from posapp.ui.main_window import MainWindow
from posapp.ui.sold_out_dialog import SoldOutDialog

SCENE_ITEMS = (3008, 3011, 3012)  # the demo menu's curry fish balls, milk tea and lemon tea
SCENE_PAUSE_MINUTES = 30


async def stage_busy(window: MainWindow, services: AppServices, within: float = 15.0) -> SoldOutDialog | None:
    """Pause the store and mark the scene's items sold out; returns the open sold-out dialog (or None
    when this session has no store controls). Waits until Keeta has taken both."""
    busy, sold_out = services.busy, services.sold_out
    if busy is None or sold_out is None:
        return None
    deadline = time.monotonic() + within
    # Keeta's word on the store and its menu are read at start: wait for both before acting.
    while (busy.state.mode is StoreMode.UNKNOWN or not sold_out.items()) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    busy.pause(SCENE_PAUSE_MINUTES)
    known = {item.spu_id for item in sold_out.items()}
    sold_out.mark([spu for spu in SCENE_ITEMS if spu in known] or list(known)[:3], True)
    while (busy.state.sending or any(i.sending for i in sold_out.items())) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    dialog = window.open_sold_out()
    if dialog is not None:
        dialog.reload()
    return dialog
