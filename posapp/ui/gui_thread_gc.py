"""Python's cyclic garbage collector, run only on the Qt thread.

Left automatic, the collector runs in whichever thread happens to allocate when a generation fills
up: a printer worker importing python-escpos, a keyring read. If it then frees a Qt object caught in
a reference cycle (a closed dialog and its slots), Qt destroys that object in the worker thread: its
timers cannot be unregistered there ("Timers cannot be stopped from another thread") and the next
tick of one of them crashes the app. So automatic collection is switched off and this timer collects
on the Qt thread instead, with the generation thresholds Python itself would use (the same remedy
Anki's GUI uses).

A full collection walks every object alive: ~40 ms with 10,000 orders on the board. Python spaces
its own full collections by how much the old generation grew; the generation count alone here made
one every few seconds, most of the idle CPU (tests/bench/bench_board.py). So a full collection waits
until its last one's cost is a small share of the time since (a young collection runs meanwhile).
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject, QTimer

CHECK_MS = 500
FULL_SHARE = 0.002  # of the time, at most, spent in full collections


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self.clock = time.monotonic
        self._next_full = 0.0  # the clock's time from which a full collection may run again
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.collect_if_due)
        gc.disable()
        self._timer.start()
        self.destroyed.connect(_back_to_automatic)

    def collect_if_due(self) -> int | None:
        """Collects the oldest generation that is over its threshold; the generation collected, or None."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                if generation == 2 and self.clock() < self._next_full:
                    generation = 1  # the young ones now; everything once the last full sweep is paid off
                start = self.clock()
                gc.collect(generation)
                if generation == 2:
                    end = self.clock()
                    self._next_full = end + (end - start) / FULL_SHARE
                return generation
        return None


def _back_to_automatic() -> None:
    gc.enable()


def install(app: QObject) -> GuiThreadCollector:
    """One collector per application (a second call returns the first)."""
    existing = app.findChild(GuiThreadCollector)
    return existing if isinstance(existing, GuiThreadCollector) else GuiThreadCollector(app)
