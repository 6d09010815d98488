"""The app's day-long chores on the Qt loop: daily backup, screen kept awake, window raised on relaunch.

Owned by the composition root; it reaches the window and orders through what it is given, nothing global.
The backup runs in a worker thread (the sqlite3 backup API opens its own read connection).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from posapp.runtime.backups import DailyBackup
from posapp.runtime.keep_awake import KeepAwake
from posapp.ui.ops import UiOp

log = logging.getLogger(__name__)

BACKUP_CHECK_MS = 60 * 60 * 1000  # once an hour: the first check after midnight makes the day's backup
AWAKE_CHECK_MS = 30 * 1000


def bring_to_front(window: QWidget) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


class DayServices(QObject):
    def __init__(
        self,
        backup: DailyBackup,
        keep_awake: KeepAwake,
        open_orders: Callable[[], int],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.backup = backup
        self.keep_awake = keep_awake
        self.open_orders = open_orders
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(BACKUP_CHECK_MS)
        self._backup_timer.timeout.connect(self.backup_now)
        self._awake_timer = QTimer(self)
        self._awake_timer.setInterval(AWAKE_CHECK_MS)
        self._awake_timer.timeout.connect(self.check_awake)

    def start(self) -> None:
        self.backup_now()
        self.check_awake()
        self._backup_timer.start()
        self._awake_timer.start()

    def set_open_orders(self, open_orders: Callable[[], int]) -> None:
        """A new session (settings saved) has a new order service."""
        self.open_orders = open_orders
        self.check_awake()

    def backup_now(self) -> None:
        """Copies the cache in a worker thread; a failure is logged (ui/ops.py) and tried next check."""
        UiOp[Path | None](self, name="daily backup").run_blocking(self.backup.run_if_due)

    def check_awake(self) -> None:
        try:
            count = self.open_orders()
        except Exception as exc:  # the cache closed between sessions: try again next tick
            log.debug("open orders unavailable for keep-awake: %s", exc)
            return
        self.keep_awake.update(count)
