"""One run of the board benchmark, in a process of its own (so its memory and CPU are the app's alone).

The app (``AppCore``, the ``Bridge`` and the ``MainWindow``) runs in one qasync loop on the Qt thread, as
``posapp`` does; the simulator and the relay run in a process of their own, as they do in a shop (the
relay on a server), so the CPU and memory figures are the app's alone.

Phases: seed the cache; import the app's modules (once per start, whatever the cache holds); open
(cache load + model + first paint of the window); filter (search text
and lane switches on the proxy, each until repainted); memory (RSS); idle CPU (process CPU time over
a quiet stretch with the 1 s tick running and the relay stream connected); streaming (a signed 1001
POSTed to the relay's webhook until its row is in the board's model).
"""

from __future__ import annotations

import asyncio
import functools
import gc
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from queue import Queue
from typing import Any

import httpx

Figures = dict[str, float]
SEARCHES = ("5", "58", "581", "9123", "milk", "奶茶", "#12", "")  # typing, then clearing the box


def note(text: str) -> None:
    """Progress on stderr: a phase that hangs should say which one it is."""
    print(f"[board bench {os.getpid()}] {text}", file=sys.stderr, flush=True)


def rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # peak, where /proc is missing


def run(size: int, work: str, pushes: int, idle_seconds: float, out: Queue[Any]) -> None:
    """Entry point of the child process: puts one ``Figures`` dict (or an error text) on ``out``."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        out.put(_run(size, Path(work), pushes, idle_seconds))
    except BaseException as exc:  # the parent reports it; a child traceback alone is easy to miss
        out.put(f"{type(exc).__name__}: {exc}")
        raise


def _run(size: int, work: Path, pushes: int, idle_seconds: float) -> Figures:
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from posapp.paths import AppPaths
    from posapp.ui import gui_thread_gc
    from posapp.ui.event_loop import QtEventLoop
    from tests.bench.boardseed import seed_cache

    figures: Figures = {"orders": size}
    figures["seed_s"] = seed_cache(AppPaths.under(work).ensure().cache_db, size)
    qInstallMessageHandler(_quiet_platform)
    app = QApplication([])
    app.setQuitOnLastWindowClosed(False)
    gui_thread_gc.install(app)  # as posapp runs: the collector's sweeps over the board count as idle CPU
    figures["rss_qt_mb"] = rss_mb()
    loop = QtEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(_main(work, figures, pushes, idle_seconds))
    return figures


def _quiet_platform(_kind: object, _context: object, message: str) -> None:
    # The offscreen platform cannot raise or flash a window; it says so at every new-order alert.
    if "This plugin does not support" not in message:
        print(message, file=sys.stderr)


async def _main(work: Path, figures: Figures, pushes: int, idle_seconds: float) -> None:
    from tests.bench.platformproc import platforms_in_subprocess

    with platforms_in_subprocess(work / "platforms") as info:
        await _measure(work, info, figures, pushes, idle_seconds)


async def _measure(work: Path, info: Any, figures: Figures, pushes: int, idle_seconds: float) -> None:
    from tests.bench.boardseed import push_bodies
    from tests.waiting import until

    bodies = push_bodies(pushes, info.sim_config.shop_id, info.sim_config.app_id, info.sim_config.secret,
                         info.relay_url)  # fmt: skip
    start = time.perf_counter()
    import posapp.app
    import posapp.demo.runner
    import posapp.ui.main_window  # noqa: F401

    figures["import_ms"] = (time.perf_counter() - start) * 1000
    gc.collect()
    figures["rss_before_open_mb"] = rss_mb()
    note("opening the window")
    window, core = await _open(work, info, figures)
    try:
        note("filtering")
        _filters(window, figures)
        gc.collect()
        figures["rss_open_mb"] = rss_mb()
        note("connecting to the relay")
        core.start()
        await until(lambda: core.status.state.value == "connected", within=20)
        note("idle")
        await _idle(figures, idle_seconds)
        note("streaming")
        await _stream(window, info.relay_url, bodies, figures)
        gc.collect()
        figures["rss_end_mb"] = rss_mb()
    finally:
        await core.stop()
        window.close()


async def _open(work: Path, info: Any, figures: Figures) -> tuple[Any, Any]:
    """Cache load + model + first paint, as ``posapp`` does it: the session builder, then show."""
    from PySide6.QtWidgets import QApplication

    from posapp.demo.runner import demo_inputs, demo_settings
    from posapp.paths import AppPaths
    from posapp.session import open_session
    from tests.ui.harness import SilentChime

    paths = AppPaths.under(work)
    start = time.perf_counter()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    session = open_session(app, demo_inputs(paths, info, demo_settings(info)), chime=SilentChime(),
                           show=False, start=False)  # fmt: skip
    window, core = session.window, session.core
    built = time.perf_counter()
    # The board as a whole: new orders are cards, other lanes a table; whichever shows, this frame has it.
    # The window may paint before the cache's orders are read (in a worker): open ends at the first
    # frame painted with them.
    first = _next_paint(window.board)
    with_orders = _painted_once_loaded(window)
    window.show()
    end = await asyncio.wait_for(with_orders, 60)
    figures["open_ms"] = (end - start) * 1000
    figures["open_build_ms"] = (built - start) * 1000
    figures["open_first_paint_ms"] = ((first.result() if first.done() else end) - built) * 1000
    figures["open_paint_ms"] = (end - built) * 1000
    figures["board_rows"] = window.model.rowCount()
    assert figures["board_rows"] >= figures["orders"], "the board opened without the cache's orders"
    return window, core


def _painted_once_loaded(window: Any) -> asyncio.Future[float]:
    """Resolves with the time the board has painted a frame holding the cache's open orders."""
    if not window.model.loading:
        return _next_paint(window.board)
    done: asyncio.Future[float] = asyncio.get_running_loop().create_future()

    def loaded() -> None:
        # Watching from inside the slot: the frame the reset asks for cannot slip past unseen.
        painted = _next_paint(window.board)
        painted.add_done_callback(lambda p: done.done() or done.set_result(p.result()))

    window.board_loaded.connect(loaded)
    return done


def _next_paint(widget: Any) -> asyncio.Future[float]:
    """Resolves with the time just after ``widget``'s next paint has been drawn.

    Qt events are pumped by the loop itself: calling ``processEvents()`` inside a coroutine would step
    other asyncio tasks re-entrantly under qasync.
    """
    from PySide6.QtCore import QEvent, QObject

    loop = asyncio.get_running_loop()
    done: asyncio.Future[float] = loop.create_future()

    def finish() -> None:
        if not done.done():
            done.set_result(time.perf_counter())

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                loop.call_soon(finish)  # runs once this paint event has been handled
            return False

    watch = Watch(widget)
    widget.installEventFilter(watch)
    done.add_done_callback(lambda _: widget.removeEventFilter(watch))
    return done


def _timed_ms(table: Any, action: Callable[[], object]) -> float:
    """One change of the board: the proxy filters synchronously, then the table repaints at once."""
    start = time.perf_counter()
    action()
    table.viewport().repaint()
    return (time.perf_counter() - start) * 1000


def _filters(window: Any, figures: Figures) -> None:
    board = window.board
    table = board.table
    searches = [_timed_ms(table, functools.partial(board.search.setText, text)) for text in SEARCHES]
    lanes = [_timed_ms(table, functools.partial(board.lanes.setCurrentIndex, i)) for i in (1, 2, 3, 4, 0)]
    figures["search_max_ms"] = max(searches)
    figures["search_median_ms"] = statistics.median(searches)
    figures["lane_max_ms"] = max(lanes)
    figures["lane_median_ms"] = statistics.median(lanes)


async def _idle(figures: Figures, seconds: float) -> None:
    cpu, wall = time.process_time(), time.perf_counter()
    await asyncio.sleep(seconds)  # the measured stretch itself, not a wait for a condition
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    figures["idle_cpu_pct"] = cpu / wall * 100


async def _stream(window: Any, relay_url: str, bodies: list[tuple[int, bytes]], figures: Figures) -> None:
    from posapp.domain.order import Order
    from posapp.ui.board_model import ORDER_ROLE

    model = window.model
    loop = asyncio.get_running_loop()
    waiting: dict[int, asyncio.Future[float]] = {}

    def inserted(_parent: object, first: int, last: int) -> None:
        for row in range(first, last + 1):
            order = model.index(row, 0).data(ORDER_ROLE)
            future = waiting.get(order.order_view_id) if isinstance(order, Order) else None
            if future is not None and not future.done():
                future.set_result(time.perf_counter())

    model.rowsInserted.connect(inserted)
    latencies: list[float] = []
    url = relay_url.rstrip("/") + "/keeta/webhook"
    async with httpx.AsyncClient(timeout=10) as http:
        for order_view_id, body in bodies:
            waiting[order_view_id] = loop.create_future()
            sent = time.perf_counter()
            try:
                answer = await http.post(url, content=body, headers={"Content-Type": "application/json"})
            except httpx.HTTPError as exc:
                note(
                    f"push {len(latencies)} failed after {time.perf_counter() - sent:.3f}s: {exc!r} {figures}"
                )
                raise
            answer.raise_for_status()
            on_board = await asyncio.wait_for(waiting[order_view_id], 10)
            latencies.append((on_board - sent) * 1000)
            await asyncio.sleep(0.02)  # the push schedule (50/s at most), not a wait for a condition
    latencies.sort()
    figures["stream_p50_ms"] = latencies[len(latencies) // 2]
    figures["stream_p99_ms"] = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    figures["stream_max_ms"] = latencies[-1]
    figures["stream_count"] = len(latencies)
