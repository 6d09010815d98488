"""Merchant partial refund: tick items and counts → reason → Keeta's money preview → apply.

The preview is a read (awaited here, with the buttons disabled meanwhile); the apply goes through
the outbox like every other action. Any change after a preview asks for a fresh preview.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from posapp.domain.order import Order
from posapp.domain.outbox_action import OutboxAction
from posapp.engine.keeta_terms import PartRefundType, RefundPreview, reason_required
from posapp.engine.orders import ActionRefused, OrderService
from posapp.ui import labels
from posapp.ui.board_model import seq_text
from posapp.ui.errors import cashier_text
from posapp.ui.ops import UiOp


class PartialRefundDialog(QDialog):
    applied = Signal(OutboxAction)

    def __init__(self, service: OrderService, order: Order, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._order = order
        self._previewed: tuple[tuple[tuple[int, int], ...], RefundPreview] | None = None
        self._note: Callable[[], str] = str  # what the preview line says, asked again on a language change
        self.setMinimumWidth(620)
        self.counts: dict[int, QSpinBox] = {}
        self.steps = [QLabel(), QLabel(), QLabel()]
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps[0])
        layout.addLayout(self._line_grid())
        layout.addWidget(self.steps[1])
        self.reason = QComboBox()
        self.reason.setMinimumHeight(48)
        for code, label in labels.partial_refund_reasons():
            self.reason.addItem(label, int(code))
        self.reason_text = QLineEdit()
        layout.addWidget(self.reason)
        layout.addWidget(self.reason_text)
        layout.addWidget(self.steps[2])
        self.preview_label = QLabel()
        self.preview_label.setWordWrap(True)
        layout.addWidget(self.preview_label)
        self.close_button = QPushButton()
        self.preview_button = QPushButton()
        self.apply_button = QPushButton()
        self.apply_button.setProperty("role", "danger")
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.apply_button)
        layout.addLayout(buttons)
        self.close_button.clicked.connect(self.reject)
        self.preview_button.clicked.connect(self._preview)
        self.apply_button.clicked.connect(self._apply)
        self.reason.currentIndexChanged.connect(self._changed)
        self.reason_text.textChanged.connect(self._changed)
        self.retranslate()

    def retranslate(self) -> None:
        """Every word again in the current language; ticked counts, reason and text stay as they are."""
        self.setWindowTitle(self.tr("Partial refund for {0}").format(seq_text(self._order)))
        self.steps[0].setText(self.tr("1. How many of each item to refund?"))
        self.steps[1].setText(self.tr("2. Why?"))
        self.steps[2].setText(self.tr("3. Check the amount with Keeta, then refund."))
        for code, label in labels.partial_refund_reasons():
            index = self.reason.findData(int(code))
            if index >= 0:
                self.reason.setItemText(index, label)
        self.reason_text.setPlaceholderText(self.tr("Write the reason the customer will see"))
        self.close_button.setText(self.tr("Close"))
        self.preview_button.setText(self.tr("Show refund amount"))
        self.apply_button.setText(self.tr("Refund"))
        self._changed()
        self._say(self._note)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _say(self, note: Callable[[], str]) -> None:
        self._note = note
        self.preview_label.setText(note())

    def _line_grid(self) -> QGridLayout:
        grid = QGridLayout()
        for row, line in enumerate(self._order.lines):
            name = f"{line.name}  {line.name_zh}".strip()
            grid.addWidget(QLabel(f"{line.count}× {name}"), row, 0)
            grid.addWidget(QLabel(line.total.format()), row, 1, Qt.AlignmentFlag.AlignRight)
            spin = QSpinBox()
            spin.setRange(0, line.count)
            spin.setMinimumHeight(48)
            spin.setMinimumWidth(90)
            spin.valueChanged.connect(self._changed)
            self.counts[line.line_id] = spin
            grid.addWidget(spin, row, 2)
        return grid

    # --- state -------------------------------------------------------------------------------------

    def chosen(self) -> tuple[tuple[int, int], ...]:
        return tuple((line_id, spin.value()) for line_id, spin in self.counts.items() if spin.value() > 0)

    def refund_type(self) -> PartRefundType:
        return PartRefundType(int(self.reason.currentData()))

    def _changed(self) -> None:
        other = reason_required(self.refund_type())
        self.reason_text.setVisible(other)
        reason_ok = not other or bool(self.reason_text.text().strip())
        fresh = self._previewed is not None and self._previewed[0] == self.chosen()
        self.preview_button.setEnabled(bool(self.chosen()))
        self.apply_button.setEnabled(fresh and reason_ok)
        if not fresh:
            chosen = bool(self.chosen())
            self._say(lambda: self.tr("Choose items, then press “Show refund amount”.") if chosen else "")

    # --- talking to Keeta ------------------------------------------------------------------------------

    def _preview(self) -> None:
        chosen = self.chosen()
        self.preview_button.setEnabled(False)
        self._say(lambda: self.tr("Asking Keeta…"))
        work = self._service.preview_partial_refund(self._order.order_view_id, chosen)
        UiOp(self, success=partial(self._previewed_as, chosen), failure=self._preview_failed).run(work)

    def _previewed_as(self, chosen: tuple[tuple[int, int], ...], preview: RefundPreview) -> None:
        self.preview_button.setEnabled(bool(self.chosen()))
        self._previewed = (chosen, preview)
        self._changed()
        self._say(lambda: self.tr("Keeta will refund the customer {0}.").format(preview.total.format()))

    def _preview_failed(self, error: Exception) -> None:
        self.preview_button.setEnabled(bool(self.chosen()))
        self._previewed = None
        self._say(partial(cashier_text, error))

    @property
    def preview(self) -> RefundPreview | None:
        return self._previewed[1] if self._previewed else None

    def _apply(self) -> None:
        try:
            action: OutboxAction = self._service.apply_partial_refund(
                self._order.order_view_id, self.chosen(), self.refund_type(), self.reason_text.text()
            )
        except ActionRefused as refused:
            self._say(partial(cashier_text, refused))
            return
        self.applied.emit(action)
        self.accept()
