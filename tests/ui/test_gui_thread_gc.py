"""Qt objects caught in reference cycles are freed on the Qt thread, never in a worker thread."""

from __future__ import annotations

import gc
import threading

import pytest
from PySide6.QtCore import QObject, QThread, QTimer
from pytestqt.qtbot import QtBot

from posapp.app import qt_application
from posapp.ui.gui_thread_gc import FULL_SHARE, GuiThreadCollector


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


def test_a_full_collection_waits_until_the_last_one_is_a_small_share_of_the_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    collector = qt_application().findChild(GuiThreadCollector)
    assert isinstance(collector, GuiThreadCollector)
    now = [1000.0]
    collected: list[int] = []

    def collect(generation: int) -> int:
        collected.append(generation)
        if generation == 2:
            now[0] += 0.04  # a full sweep over a big board
        return 0

    monkeypatch.setattr(collector, "clock", lambda: now[0])
    monkeypatch.setattr(collector, "_next_full", 0.0)
    monkeypatch.setattr(gc, "collect", collect)
    monkeypatch.setattr(gc, "get_count", lambda: (0, 0, gc.get_threshold()[2] + 1))  # the old one is due
    assert collector.collect_if_due() == 2
    now[0] += 1.0
    assert collector.collect_if_due() == 1  # too soon after 40 ms of sweeping: the young ones only
    now[0] += 0.04 / FULL_SHARE
    assert collector.collect_if_due() == 2
    assert collected == [2, 1, 2]
