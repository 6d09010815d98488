"""The store's status in the top bar, and the pause / reopen / sold-out controls behind it.

Always visible: "Open", "Paused until 13:30", "Paused until you reopen", "Closed by Keeta" (suspended,
and not by this app) or "Store status unknown" until Keeta has been asked. A tap opens the menu:
pause 15 / 30 / 60 minutes or until reopened, reopen now, sold-out items. The widget only calls
:class:`BusyMode`; what Keeta says comes back through the bridge (``store_changed``).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from posapp.domain.store_state import PAUSE_CHOICES, StoreMode, StoreState
from posapp.engine.busy_mode import BusyMode
from posapp.ui.timefmt import local_hm

log = logging.getLogger(__name__)


def store_text(state: StoreState) -> str:
    """The top bar's words for ``state`` in the current language."""
    if state.mode is StoreMode.PAUSED:
        if state.pause_until is None:
            text = QCoreApplication.translate("StoreStatus", "Paused until you reopen")
        else:
            text = QCoreApplication.translate("StoreStatus", "Paused until {0}").format(
                local_hm(state.pause_until)
            )
        if state.left_on_at_closing:
            text += " · " + QCoreApplication.translate("StoreStatus", "still paused at closing time")
        elif state.over_limit:
            text += " · " + QCoreApplication.translate("StoreStatus", "paused a long time")
    elif state.mode is StoreMode.OPEN:
        text = QCoreApplication.translate("StoreStatus", "Store open")
    elif state.mode is StoreMode.CLOSED_BY_KEETA:
        text = QCoreApplication.translate("StoreStatus", "Closed by Keeta")
    else:
        text = QCoreApplication.translate("StoreStatus", "Store status unknown")
    if state.sending:
        text += " · " + QCoreApplication.translate("StoreStatus", "sending…")
    return text


class StoreStatusButton(QToolButton):
    sold_out_requested = Signal()

    def __init__(self, busy: BusyMode, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.busy = busy
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMinimumHeight(40)
        self.menu_ = QMenu(self)
        self.pause_actions: dict[int | None, QAction] = {}
        for minutes in PAUSE_CHOICES:
            action = self.menu_.addAction("")
            action.triggered.connect(lambda _=False, m=minutes: self.pause(m))
            self.pause_actions[minutes] = action
        self.menu_.addSeparator()
        self.reopen_action = self.menu_.addAction("")
        self.reopen_action.triggered.connect(self.reopen)
        self.menu_.addSeparator()
        self.sold_out_action = self.menu_.addAction("")
        self.sold_out_action.triggered.connect(self.sold_out_requested.emit)
        self.setMenu(self.menu_)
        self.problem = ""
        self.state = busy.state
        self.retranslate()
        self.show_state(busy.state)

    def use(self, busy: BusyMode) -> None:
        """The session reconnected: the controls act on the new engine's busy mode."""
        self.busy = busy
        self.show_state(busy.state)

    def pause(self, minutes: int | None) -> None:
        self.busy.pause(minutes)

    def reopen(self) -> None:
        self.busy.reopen()

    def show_state(self, state: StoreState) -> None:
        self.state = state
        text = store_text(state)
        self.problem = ""
        if state.problem:
            self.problem = _problem_text(state)
        self.setText(text)
        self.setToolTip(self.problem or text)
        paused = state.mode is StoreMode.PAUSED
        warn = state.mode is StoreMode.CLOSED_BY_KEETA or state.over_limit or state.left_on_at_closing
        self.setProperty("role", "danger" if warn else ("warning" if paused else ""))
        self.style().unpolish(self)
        self.style().polish(self)
        self.reopen_action.setEnabled(state.mode in (StoreMode.PAUSED, StoreMode.CLOSED_BY_KEETA))

    def retranslate(self) -> None:
        words = {
            15: self.tr("Pause 15 minutes"),
            30: self.tr("Pause 30 minutes"),
            60: self.tr("Pause 60 minutes"),
            None: self.tr("Pause until I reopen"),
        }
        for minutes, action in self.pause_actions.items():
            action.setText(words[minutes])
        self.reopen_action.setText(self.tr("Reopen now"))
        self.sold_out_action.setText(self.tr("Sold-out items…"))
        self.show_state(self.state)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _problem_text(state: StoreState) -> str:
    log.warning("store pause/reopen failed: %s (code %s)", state.problem, state.problem_code)
    if state.problem_code is None:
        return QCoreApplication.translate(
            "StoreStatus", "Keeta did not answer the last pause or reopen. Try again."
        )
    return QCoreApplication.translate(
        "StoreStatus", "Keeta refused the last pause or reopen. The details are in the log."
    )
