"""For the composition root: the delivery tab from a built engine, and its snapshot for ``--snapshot``."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtWidgets import QApplication, QTabWidget

from posapp.engine.delivery.setup import DeliveryEngine
from posapp.engine.orders import OrderService
from posapp.ui.delivery.tab import DeliveryTab


def build_delivery(
    engine: DeliveryEngine,
    orders: OrderService | None,
    *,
    prefer_web_map: bool = True,
    store_location: str = "",
) -> DeliveryTab:
    return DeliveryTab(
        engine.service,
        engine.automation,
        orders,
        tiles_url=engine.settings.tiles_url,
        prefer_web_map=prefer_web_map,
        store_location=store_location,
    )


def write_delivery_snapshot(tabs: QTabWidget, tab: DeliveryTab, out_dir: Path) -> Path:
    """Show the delivery tab (a partner on the map if one is under way) and write ``delivery.png``.

    The map page draws asynchronously: call after the tab has been shown for a moment, or await
    :func:`settle_map` first.
    """
    tabs.setCurrentWidget(tab)
    tab.refresh()
    for _ in range(3):
        # Posted events only (layout, polish): processEvents() would re-enter the qasync loop that
        # runs this and step other tasks in the middle of the screenshot.
        QApplication.sendPostedEvents(None, 0)
    path = out_dir / "delivery.png"
    if not tabs.window().grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


async def settle_map(tab: DeliveryTab, seconds: float = 1.5) -> None:
    """Give the map page time to load and draw (QtWebEngine renders in another process)."""
    await tab.map.wait_loaded()
    tab.refresh()
    await asyncio.sleep(seconds)  # no signal tells when Chromium has painted; a short fixed pause
