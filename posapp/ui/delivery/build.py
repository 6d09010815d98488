"""The delivery tab's snapshot for ``--snapshot`` (the tab itself is built by ``posapp/session.py``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QTabWidget

from posapp.ui.delivery.tab import DeliveryTab


def write_delivery_snapshot(tabs: QTabWidget, tab: DeliveryTab, out_dir: Path) -> Path:
    """Show the delivery tab (a partner on the map if one is under way) and write ``delivery.png``
    (await :func:`settle_map` first)."""
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


async def settle_map(tab: DeliveryTab) -> None:
    """The map is ready and shows the tab's current delivery (tiles fill in when they arrive)."""
    await tab.map.wait_loaded()
    tab.refresh()
