"""Qt objects caught in reference cycles are freed on the Qt thread, never in a worker thread."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject, QThread, QTimer
from pytestqt.qtbot import QtBot

from posapp.app import qt_application
from posapp.ui.gui_thread_gc import GuiThreadCollector


class _Cyclic(QObject):
    def __init__(self, freed_in: list[QThread]) -> None:
        super().__init__()
        self.me = self  # a cycle: only the cyclic collector frees it
        self.ticker = QTimer(self)
        self.ticker.start(10_000)
        self.destroyed.connect(lambda *_: freed_in.append(QThread.currentThread()))


def _churn_in_a_worker() -> None:
    def allocate() -> None:
        keep = [[i] for i in range(200_000)]  # many containers: fills generation 0 again and again
        del keep

    worker = threading.Thread(target=allocate)
    worker.start()
    worker.join()


def test_the_app_collects_cycles_on_the_qt_thread_only(qtbot: QtBot) -> None:
    app = qt_application()
    assert app.findChild(GuiThreadCollector) is not None
    assert not gc.isenabled()
    freed_in: list[QThread] = []
    _Cyclic(freed_in)
    _churn_in_a_worker()
    assert freed_in == []  # the worker's allocations collected nothing
    # Python counts live allocations: the worker's are gone again, so the Qt thread makes some that
    # stay, as a running app does, and the next tick of the collector's timer is due to collect.
    alive = [[i] for i in range(5 * gc.get_threshold()[0])]
    qtbot.waitUntil(lambda: bool(freed_in), timeout=20_000)
    assert freed_in == [app.thread()]
    assert len(alive) > gc.get_threshold()[0]


def test_a_second_install_is_the_same_collector() -> None:
    app = qt_application()
    assert qt_application() is app
    assert len(app.findChildren(GuiThreadCollector)) == 1
