"""Python's cyclic garbage collector, run only on the Qt thread.

Left automatic, the collector runs in whichever thread happens to allocate when a generation fills
up: a printer worker importing python-escpos, a keyring read. If it then frees a Qt object caught in
a reference cycle (a closed dialog and its slots), Qt destroys that object in the worker thread: its
timers cannot be unregistered there ("Timers cannot be stopped from another thread") and the next
tick of one of them crashes the app. So automatic collection is switched off and this timer collects
on the Qt thread instead, with the generation thresholds Python itself would use (the same remedy
Anki's GUI uses).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_MS = 500


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
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
                gc.collect(generation)
                return generation
        return None


def _back_to_automatic() -> None:
    gc.enable()


def install(app: QObject) -> GuiThreadCollector:
    """One collector per application (a second call returns the first)."""
    existing = app.findChild(GuiThreadCollector)
    return existing if isinstance(existing, GuiThreadCollector) else GuiThreadCollector(app)
