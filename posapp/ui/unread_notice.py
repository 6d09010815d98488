"""The red notice for platform events the app could not read: the cashier must check those orders.

It stays on the main window (and comes back after a restart) until the engine reads the order again
or the cashier dismisses it, because an unread event may be a new order nobody else will announce.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from posapp.engine.unreadable import UnreadableEvent

PLATFORM_NAMES = {"keeta": "Keeta", "zeek": "Zeek"}
SHOWN_ORDERS = 3  # more order numbers do not fit a line; the rest are in the log and in Keeta


class UnreadNotice(QFrame):
    def __init__(self, dismiss: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "alarm")
        self._items: list[UnreadableEvent] = []
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.dismiss_button = QPushButton()
        self.dismiss_button.clicked.connect(dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.dismiss_button)
        self.show_items([])

    def show_items(self, items: list[UnreadableEvent]) -> None:
        self._items = list(items)
        self._render()

    def _render(self) -> None:
        self.setVisible(bool(self._items))
        by_platform: dict[str, list[UnreadableEvent]] = {}
        for item in self._items:
            by_platform.setdefault(item.kind, []).append(item)
        lines = [self._line(PLATFORM_NAMES.get(kind, kind), group) for kind, group in by_platform.items()]
        self.text.setText("\n".join(lines))
        self.dismiss_button.setText(self.tr("Checked – dismiss"))

    def _line(self, platform: str, items: list[UnreadableEvent]) -> str:
        refs = list(dict.fromkeys(item.order_ref for item in items if item.order_ref))
        shown = ", ".join(f"#{ref}" for ref in refs[:SHOWN_ORDERS]) + (
            "…" if len(refs) > SHOWN_ORDERS else ""
        )
        if len(items) == 1:
            if refs:
                return self.tr("1 {0} event could not be read — order {1}, check it in {0}").format(
                    platform, shown
                )
            return self.tr("1 {0} event could not be read — check the latest orders in {0}").format(platform)
        if refs:
            return self.tr("{1} {0} events could not be read — orders {2}, check them in {0}").format(
                platform, len(items), shown
            )
        return self.tr("{1} {0} events could not be read — check the latest orders in {0}").format(
            platform, len(items)
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)
