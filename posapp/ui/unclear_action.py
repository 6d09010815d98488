"""An action whose answer was lost and whose effect Keeta's (or Zeek's) state cannot show: the person
decides, with both facts side by side — what was asked, and what the platform shows now.

"It went through" closes the action without sending; "Send again" sends it once more. Nothing is sent
until one of them is tapped (posapp/engine/outbox.py).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from posapp.domain.order import Order, OrderStatus
from posapp.domain.outbox_action import OutboxAction
from posapp.domain.refund import RefundStatus
from posapp.ui import labels


class UnclearAction(QFrame):
    settled = Signal(int, bool)  # outbox action id, True = it went through (False = send again)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self._action: OutboxAction | None = None
        self._order: Order | None = None
        self.title = QLabel()
        self.title.setProperty("role", "problem")
        self.title.setWordWrap(True)
        self.asked = QLabel()
        self.asked.setWordWrap(True)
        self.shows = QLabel()
        self.shows.setWordWrap(True)
        self.went_through = QPushButton()
        self.went_through.setProperty("role", "ok")
        self.send_again = QPushButton()
        self.send_again.setProperty("role", "danger")
        self.went_through.clicked.connect(lambda: self._settle(True))
        self.send_again.clicked.connect(lambda: self._settle(False))
        buttons = QHBoxLayout()
        buttons.addWidget(self.went_through)
        buttons.addWidget(self.send_again)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.asked)
        layout.addWidget(self.shows)
        layout.addLayout(buttons)
        self.set_action(None)

    def set_action(self, action: OutboxAction | None, order: Order | None = None) -> None:
        self._action, self._order = action, order
        self.setVisible(action is not None)
        self.retranslate()

    def retranslate(self) -> None:
        self.went_through.setText(self.tr("It went through"))
        self.send_again.setText(self.tr("Send again"))
        action = self._action
        if action is None:
            return
        what = labels.action_text(action.action)
        self.title.setText(
            self.tr("The answer to “{0}” was lost. Check the order in the Keeta app, then tell us.").format(
                what
            )
        )
        self.asked.setText(self.tr("You asked: {0}").format(self._asked_text(action)))
        self.shows.setText(self.tr("Keeta shows: {0}").format(self._shows_text(action.platform_view or {})))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _settle(self, went_through: bool) -> None:
        if self._action is not None:
            self.went_through.setEnabled(False)
            self.send_again.setEnabled(False)
            self.settled.emit(self._action.id, went_through)

    # --- the two facts --------------------------------------------------------------------------

    def _line_name(self, line_id: int) -> str:
        if self._order is not None:
            for line in self._order.lines:
                if line.line_id == line_id:
                    return line.name
        return self.tr("item {0}").format(line_id)

    def _lines_text(self, lines: dict[str, Any]) -> str:
        return ", ".join(f"{int(count)} × {self._line_name(int(line))}" for line, count in lines.items())

    def _asked_text(self, action: OutboxAction) -> str:
        what = labels.action_text(action.action)
        products = action.payload.get("products")
        if isinstance(products, list) and products:
            lines = {str(line): count for line, count in products}
            return self.tr("{0} of {1}").format(what, self._lines_text(lines))
        return what

    def _shows_text(self, view: dict[str, Any]) -> str:
        if "error" in view:
            return self.tr("nothing — Keeta could not be reached to check.")
        parts: list[str] = []
        status = view.get("status")
        if isinstance(status, str) and status in {s.value for s in OrderStatus}:
            parts.append(self.tr("order is “{0}”").format(labels.status_text(OrderStatus(status))))
        refund = view.get("refund")
        if isinstance(refund, str) and refund in {s.value for s in RefundStatus}:
            parts.append(
                self.tr("refund request is “{0}”").format(labels.refund_status_text(RefundStatus(refund)))
            )
        new_refunds = view.get("new_refunds")
        if isinstance(new_refunds, list):
            if not new_refunds:
                parts.append(self.tr("no new partial refund"))
            for refund_view in new_refunds:
                parts.append(
                    self.tr("a new partial refund of {0}").format(self._lines_text(refund_view["lines"]))
                )
        before, now = view.get("refundable_before"), view.get("refundable_now")
        if isinstance(before, dict) and isinstance(now, dict) and self._action is not None:
            for line, _count in self._action.payload.get("products", []):
                was, left = before.get(str(line)), now.get(str(line))
                parts.append(
                    self.tr("{0}: {1} refundable before, {2} now").format(
                        self._line_name(int(line)), was, left
                    )
                )
        return "; ".join(parts) if parts else self.tr("nothing that settles it.")
