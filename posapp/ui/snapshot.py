"""Screenshots of each main screen (``posapp --demo --snapshot DIR``), for the README and for checking
what a cashier sees. Works offscreen: ``QWidget.grab()`` needs no display."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QWidget

from posapp.domain.actions import OrderAction, check
from posapp.domain.order import Order
from posapp.engine.services import AppServices
from posapp.ui.main_window import MainWindow


def _settle() -> None:
    # Posted events only (layout, polish): processEvents() here would re-enter the asyncio loop
    # that runs this code under qasync and step other tasks mid-screenshot.
    for _ in range(3):
        QApplication.sendPostedEvents(None, 0)


async def _wait_for_photos(window: MainWindow, limit: float = 5.0) -> None:
    """The customer's photos arrive over the network; a snapshot of "Loading photo…" shows nothing."""
    photos = window.refunds.photos
    if not photos.loading:
        return
    settled = asyncio.Event()
    photos.settled.connect(settled.set)
    try:
        await asyncio.wait_for(settled.wait(), limit)
    except TimeoutError:
        pass  # a photo host that does not answer: the snapshot shows "Loading photo…"
    finally:
        photos.settled.disconnect(settled.set)


def _save(widget: QWidget, path: Path) -> Path:
    _settle()
    if isinstance(widget, QDialog):
        widget.adjustSize()
        _settle()
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def _pick(window: MainWindow, wanted: OrderAction) -> Order | None:
    orders = sorted(window.model.orders(), key=lambda o: (-len(o.lines), -o.placed_at))
    return next((o for o in orders if check(o, wanted)), orders[0] if orders else None)


async def write_snapshots(window: MainWindow, services: AppServices, out_dir: Path) -> list[Path]:
    """Show each main screen in turn and write board.png, detail.png, refunds.png, partial-refund.png,
    cancel.png, settings.png and history.png into ``out_dir``; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240 - one folder, on the Qt thread anyway
    window.show()
    written: list[Path] = []
    window.tabs.setCurrentWidget(window.board)
    new = _pick(window, OrderAction.CONFIRM)
    if new is not None:
        window.board.select(new.order_view_id)
    written.append(_save(window, out_dir / "board.png"))
    busy = _pick(window, OrderAction.PARTIAL_REFUND)
    if busy is not None:
        window.board.select(busy.order_view_id)
    written.append(_save(window, out_dir / "detail.png"))
    window.tabs.setCurrentWidget(window.refunds)
    if window.refunds.proxy.rowCount():
        window.refunds.table.selectRow(0)
        await _wait_for_photos(window)
    written.append(_save(window, out_dir / "refunds.png"))
    window.tabs.setCurrentWidget(window.board)
    if busy is not None:
        dialog = window.open_partial_refund(busy.order_view_id)
        if dialog is not None:
            for spin in list(dialog.counts.values())[:1]:
                spin.setValue(spin.maximum())
            written.append(_save(dialog, out_dir / "partial-refund.png"))
            dialog.reject()
    if new is not None:
        window.board.select(new.order_view_id)
        window.board.order_actions.buttons[OrderAction.CANCEL].click()
        cancel = window.board.order_actions.dialog
        if cancel is not None:
            written.append(_save(cancel, out_dir / "cancel.png"))
            cancel.reject()
    settings = window.open_settings()
    written.append(_save(settings, out_dir / "settings.png"))
    settings.reject()
    window.tabs.setCurrentWidget(window.history)
    window.history.ensure_loaded()
    written.append(_save(window, out_dir / "history.png"))
    window.tabs.setCurrentWidget(window.board)
    _ = services  # the window already holds them; kept in the signature for the composition root
    return written
