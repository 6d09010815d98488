"""Screenshots of each main screen (``posapp --demo --snapshot DIR``), for the README and for checking
what a cashier sees. Works offscreen: ``QWidget.grab()`` needs no display."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QWidget

from posapp.domain.actions import OrderAction, check
from posapp.domain.order import Order
from posapp.engine.services import AppServices
from posapp.ui.main_window import MainWindow
from posapp.ui.partial_refund import PartialRefundDialog


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


async def _until_answered(
    dialog: PartialRefundDialog, condition: Callable[[], bool], limit: float = 5.0
) -> None:
    """Waits for Keeta's answer in the dialog; a platform that does not answer leaves it as it is."""
    answered = asyncio.Event()
    dialog.answered.connect(answered.set)
    try:
        while not condition():
            answered.clear()
            await asyncio.wait_for(answered.wait(), limit)
    except TimeoutError:
        pass
    finally:
        dialog.answered.disconnect(answered.set)


def _save(widget: QWidget, path: Path) -> Path:
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def _pick(window: MainWindow, wanted: OrderAction) -> Order | None:
    orders = sorted(window.model.orders(), key=lambda o: (-len(o.lines), -o.placed_at))
    return next((o for o in orders if check(o, wanted)), orders[0] if orders else None)


def _shown(widget: QWidget) -> QWidget:
    """Laid out as the cashier would see it: posted layout events delivered, a dialog at the size it
    asks for as far as the screen (the main window's size) allows."""
    _settle()
    if isinstance(widget, QDialog):
        # Not adjustSize(): it caps a window at 2/3 of the screen, and offscreen that is 533×400.
        wanted = widget.sizeHint().expandedTo(widget.minimumSizeHint())
        parent = widget.parentWidget()
        screen = parent.window().size() if parent is not None else wanted
        widget.resize(wanted.boundedTo(screen))
        _settle()
    return widget


async def screens(window: MainWindow) -> AsyncIterator[tuple[str, QWidget]]:
    """Brings up each main screen and dialog in turn and yields it with its file name (without .png);
    a dialog is closed once the caller has looked at it. The snapshots and the layout check both
    walk this tour, so what is checked is exactly what is shown."""
    window.show()
    window.tabs.setCurrentWidget(window.board)
    new = _pick(window, OrderAction.CONFIRM)
    if new is not None:
        window.board.select(new.order_view_id)
    yield "board", _shown(window)
    busy = _pick(window, OrderAction.PARTIAL_REFUND)
    if busy is not None:
        window.board.select(busy.order_view_id)
    yield "detail", _shown(window)
    window.tabs.setCurrentWidget(window.refunds)
    if window.refunds.proxy.rowCount():
        window.refunds.table.selectRow(0)
        await _wait_for_photos(window)
    yield "refunds", _shown(window)
    window.tabs.setCurrentWidget(window.board)
    if busy is not None:
        dialog = window.open_partial_refund(busy.order_view_id)
        if dialog is not None:
            await _until_answered(dialog, lambda: dialog.refundable_known)
            for spin in list(dialog.counts.values())[:1]:
                spin.setValue(spin.maximum())
            # The amounts on screen are Keeta's answer to exactly these counts.
            await _until_answered(dialog, lambda: dialog.preview is not None)
            yield "partial-refund", _shown(dialog)
            dialog.reject()
    if new is not None and check(new, OrderAction.CANCEL):
        window.board.select(new.order_view_id)
        window.board.order_actions.buttons[OrderAction.CANCEL].click()
        cancel = window.board.order_actions.dialog
        if cancel is not None:
            yield "cancel", _shown(cancel)
            cancel.reject()
    settings = window.open_settings()
    yield "settings", _shown(settings)
    settings.reject()
    window.tabs.setCurrentWidget(window.history)
    window.history.ensure_loaded()
    yield "history", _shown(window)
    if window.delivery is not None:
        window.tabs.setCurrentWidget(window.delivery)
        yield "delivery-tab", _shown(window)  # as it opens; the demo's delivery.png books a courier first
    window.tabs.setCurrentWidget(window.board)


async def write_busy_snapshot(window: MainWindow, services: AppServices, out_dir: Path) -> list[Path]:
    """The ``busy`` scene's own moment: the store paused and items sold out through the cashier's
    controls (the window's later snapshots then show the pause in the top bar); the sold-out dialog."""
    from posapp.ui.store_scene import stage_busy

    out_dir.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240 - one folder, on the Qt thread anyway
    dialog = await stage_busy(window, services)
    if dialog is None:
        return []
    written = _save(_shown(dialog), out_dir / "sold-out.png")
    dialog.close()
    return [written]


async def write_snapshots(window: MainWindow, services: AppServices, out_dir: Path) -> list[Path]:
    """Write one PNG per screen of :func:`screens` into ``out_dir``; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240 - one folder, on the Qt thread anyway
    _ = services  # the window already holds them; kept in the signature for the composition root
    return [_save(widget, out_dir / f"{name}.png") async for name, widget in screens(window)]
