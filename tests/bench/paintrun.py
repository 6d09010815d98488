"""The cashier app of the webhook → painted benchmark, in a process of its own.

The app (``AppCore``, ``Bridge``, ``MainWindow``, opened as ``boardrun`` opens it) runs offscreen in one
qasync loop, streaming one store from the relay. For every pushed order (id ≥ ``boardseed.PUSHED_ID``)
it notes when the app's sync engine took the event off the stream, when the event was committed to the
cache, when its row entered the board's model and when the board next finished painting — the frame in
which the cashier could first see it. Times are ``time.monotonic_ns`` (one clock for every process
on the host), so the parent can subtract the moment it sent the webhook.

Commands arrive on a queue: ``"report"`` sends the times noted since the last report; ``"stop"`` ends.
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path
from queue import Queue
from typing import Any

from tests.bench.boardrun import note

# order id → stage → monotonic ns; the stages, in order, of one new order through the app
Seen = dict[int, dict[str, int]]
APP_STAGES = ("received", "stored", "model", "painted")


def run(work: str, info: Any, board_orders: int, commands: Queue[Any], results: Queue[Any]) -> None:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        _run(Path(work), info, board_orders, commands, results)
    except BaseException as exc:  # the parent reports it; a child traceback alone is easy to miss
        results.put(f"{type(exc).__name__}: {exc}")
        raise


def _run(work: Path, info: Any, board_orders: int, commands: Queue[Any], results: Queue[Any]) -> None:
    from PySide6.QtCore import qInstallMessageHandler

    from posapp.app import qt_application
    from posapp.paths import AppPaths
    from posapp.ui.event_loop import QtEventLoop
    from tests.bench.boardrun import _quiet_platform
    from tests.bench.boardseed import seed_cache

    seed_cache(AppPaths.under(work).ensure().cache_db, board_orders)
    qInstallMessageHandler(_quiet_platform)
    app = qt_application()  # as posapp starts it: the garbage collector runs on the Qt thread
    app.setQuitOnLastWindowClosed(False)
    loop = QtEventLoop(app)
    asyncio.set_event_loop(loop)
    profile_to = os.environ.get("BENCH_PAINT_PROFILE")  # a file for cProfile's stats of the app process
    profiler = None
    if profile_to:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    with loop:
        loop.run_until_complete(_main(work, info, board_orders, commands, results))
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile_to)


async def _main(work: Path, info: Any, board_orders: int, commands: Queue[Any], results: Queue[Any]) -> None:
    from tests.bench.boardrun import _open
    from tests.waiting import until

    figures: dict[str, float] = {"orders": board_orders}
    window, core = await _open(work, info, figures)
    try:
        core.start()
        await until(lambda: core.status.state.value == "connected", within=30)
        watch = PaintWatch(window, core)
        results.put({"ready": True, **figures, "views": len(watch.viewports)})
        loop = asyncio.get_running_loop()
        while (command := await loop.run_in_executor(None, commands.get)) != "stop":
            if command == "report":
                results.put((time.process_time(), watch.take()))
    finally:
        note("app stopping")
        await core.stop()
        window.close()


def board_viewports(window: Any) -> list[Any]:
    """Every widget that shows a new order: the viewports of the item views showing the board's model
    (through any proxies), the new-order cards, and the counts of orders without a card (the lane's
    button, "More new orders (N)": past the cards shown, a new order is a count until one is freed).
    Whichever of them paints first after the row is in the model, that is the frame the cashier sees
    the order in (one frame paints every widget marked dirty by then)."""
    from PySide6.QtCore import QAbstractProxyModel
    from PySide6.QtWidgets import QAbstractItemView

    found = []
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        while isinstance(model, QAbstractProxyModel):
            model = model.sourceModel()
        if model is window.model:
            found.append(view.viewport())
    from posapp.ui.new_cards import NewOrderCards

    for cards in window.findChildren(NewOrderCards):  # new orders are cards, drawn in a scroll area
        shown = (cards.viewport(), cards.widget(), cards.more)
        found.extend(widget for widget in shown if widget is not None)
    found.extend(window.board.lanes.buttons)
    if not found:
        raise RuntimeError("no view shows the board's model: the benchmark cannot see a new order painted")
    return found


class PaintWatch:
    def __init__(self, window: Any, core: Any) -> None:
        from PySide6.QtCore import QEvent, QObject

        from posapp.domain.order import Order
        from posapp.ui.board_model import ORDER_ROLE
        from tests.bench.boardseed import PUSHED_ID

        self.model = window.model
        self.viewports = board_viewports(window)
        self._stages: dict[int, dict[str, int]] = {}  # still on its way to the screen
        self._unpainted: set[int] = set()
        self._seen: Seen = {}
        loop = asyncio.get_running_loop()
        applier = core.sync._apply  # the sync engine's "commit this event": received → stored

        def apply(event: Any) -> Any:
            received = time.monotonic_ns()
            outcome = applier(event)
            result = outcome.result
            if result is not None and result.new_order and (result.order_view_id or 0) >= PUSHED_ID:
                self._stages[result.order_view_id] = {"received": received, "stored": time.monotonic_ns()}
            return outcome

        core.sync._apply = apply

        def inserted(_parent: object, first: int, last: int) -> None:
            now = time.monotonic_ns()
            for row in range(first, last + 1):
                order = self.model.index(row, 0).data(ORDER_ROLE)
                if isinstance(order, Order) and order.order_view_id >= PUSHED_ID:
                    self._stages.setdefault(order.order_view_id, {}).setdefault("model", now)
                    self._unpainted.add(order.order_view_id)

        def painted() -> None:
            now = time.monotonic_ns()
            for order_id in self._unpainted:
                self._seen[order_id] = {**self._stages.pop(order_id, {}), "painted": now}
            self._unpainted.clear()

        class Watch(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint and self_unpainted():
                    loop.call_soon(painted)  # runs once this paint has been drawn
                return False

        def self_unpainted() -> bool:
            return bool(self._unpainted)

        self.model.rowsInserted.connect(inserted)
        self._filters = [Watch(viewport) for viewport in self.viewports]
        for viewport, watch in zip(self.viewports, self._filters, strict=True):
            viewport.installEventFilter(watch)

    def take(self) -> Seen:
        seen, self._seen = self._seen, {}
        return seen
