"""Merchant partial refund: which order, each line as the kitchen made it (variant, add-ons, note), how
many Keeta still lets the shop refund, the amount per line and the total — all before anything is sent.

Keeta's preview (a read, keeta.md §7.3) runs as soon as the dialog opens (without products: every line
with its refundable count) and again shortly after every change of the counts (with the products: the
amount of each line and the total). Only a preview of exactly the chosen counts enables "Refund"; the
refund itself goes through the outbox like every other action.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from posapp.domain.money import Money
from posapp.domain.order import Order, OrderLine
from posapp.domain.outbox_action import OutboxAction
from posapp.engine.keeta_terms import PartRefundType, PreviewLine, RefundPreview, reason_required
from posapp.engine.orders import ActionRefused, OrderService
from posapp.ui import labels
from posapp.ui.board_model import seq_text
from posapp.ui.errors import cashier_text
from posapp.ui.ops import UiOp
from posapp.ui.stepper import Stepper
from posapp.ui.timefmt import local_hm

# Long enough that pressing + three times asks Keeta once, short enough to feel immediate.
PREVIEW_DELAY_MS = 350

Chosen = tuple[tuple[int, int], ...]


def line_description(line: OrderLine) -> str:
    """One order line as the kitchen made it: names, the variant (Hot/Iced…), add-ons and the note —
    two lines of the same dish differ only here."""
    title = " ".join(part for part in (line.name, line.name_zh) if part)
    if line.spec:
        title += f" ({line.spec})"
    extras = [
        f"+ {option.name_zh or option.name}" + (f" ×{option.count}" if option.count > 1 else "")
        for option in line.options
    ]
    text = title
    if extras:
        text += "\n" + "  ".join(extras)
    if line.remark:
        text += f"\n⚠ {line.remark}"
    return text


class _LineRow:
    """The widgets of one order line."""

    def __init__(self, line: OrderLine) -> None:
        self.line = line
        self.description = QLabel(line_description(line))
        self.description.setWordWrap(True)
        self.bought = QLabel()
        self.refundable = QLabel()
        self.amount = QLabel()
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.count = Stepper(0, line.count, 0)
        self.refundable_count: int | None = None  # None until Keeta's preview says


class PartialRefundDialog(QDialog):
    applied = Signal(OutboxAction)
    answered = Signal()  # Keeta answered a preview (or failed to): counts or amounts on screen changed

    def __init__(self, service: OrderService, order: Order, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._order = order
        self._previewed: tuple[Chosen, RefundPreview] | None = None
        self._asked = 0  # previews asked so far: only the answer to the latest one is shown
        self._refundable_error: Callable[[], str] | None = None
        self._note: Callable[[], str] = str  # what the preview line says, asked again on a language change
        self.setMinimumWidth(680)
        self.rows: dict[int, _LineRow] = {}
        self.heading = QLabel()
        self.heading.setProperty("role", "seq")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.steps = [QLabel(), QLabel(), QLabel()]
        self.column_titles = [QLabel(), QLabel(), QLabel(), QLabel()]
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.steps[0])
        layout.addWidget(self._line_area(), 1)
        self.total_label = QLabel()
        self.total_label.setProperty("role", "seq")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.total_label)
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
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(PREVIEW_DELAY_MS)
        self._debounce.timeout.connect(self._preview)
        self.close_button.clicked.connect(self.reject)
        self.preview_button.clicked.connect(self._preview)
        self.apply_button.clicked.connect(self._apply)
        self.reason.currentIndexChanged.connect(self._changed)
        self.reason_text.textChanged.connect(self._changed)
        self.retranslate()
        QTimer.singleShot(0, self._load_refundable)

    @property
    def counts(self) -> dict[int, Stepper]:
        """The count chooser of each line, by Keeta's line id."""
        return {line_id: row.count for line_id, row in self.rows.items()}

    def retranslate(self) -> None:
        """Every word again in the current language; chosen counts, reason and text stay as they are."""
        order = self._order
        self.setWindowTitle(self.tr("Partial refund for {0}").format(seq_text(order)))
        self.heading.setText(self.tr("Order {0}").format(seq_text(order)))
        self.summary.setText(
            self.tr("{0} · placed {1} · customer paid {2} · Keeta order {3}").format(
                labels.fulfilment_text(order.fulfilment),
                local_hm(order.placed_at),
                labels.amount_text(order.money.shown("total_paid")),
                order.order_view_id,
            )
        )
        self.steps[0].setText(self.tr("1. How many of each item to refund?"))
        self.steps[1].setText(self.tr("2. Why?"))
        self.steps[2].setText(self.tr("3. Check the amount, then refund."))
        titles = (self.tr("Item"), self.tr("Bought"), self.tr("Refund"), self.tr("Amount"))
        for title, text in zip(self.column_titles, titles, strict=True):
            title.setText(text)
        for code, reason in labels.partial_refund_reasons():
            index = self.reason.findData(int(code))
            if index >= 0:
                self.reason.setItemText(index, reason)
        self.reason_text.setPlaceholderText(self.tr("Write the reason the customer will see"))
        self.close_button.setText(self.tr("Close"))
        self.preview_button.setText(self.tr("Ask Keeta again"))
        self.apply_button.setText(self.tr("Refund"))
        self._show_rows()
        self._changed()
        self._say(self._note)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _say(self, note: Callable[[], str]) -> None:
        self._note = note
        self.preview_label.setText(note())

    def _line_area(self) -> QScrollArea:
        """The lines scroll inside the dialog, so a long order still leaves the buttons on a small screen."""
        inner = QWidget()
        grid = QGridLayout(inner)
        for column, label in enumerate(self.column_titles):
            label.setProperty("role", "muted")
            grid.addWidget(label, 0, column)
        for index, line in enumerate(self._order.lines, start=1):
            row = _LineRow(line)
            row.count.valueChanged.connect(self._counts_changed)
            self.rows[line.line_id] = row
            grid.addWidget(row.description, index, 0)
            bought = QVBoxLayout()
            bought.addWidget(row.bought)
            bought.addWidget(row.refundable)
            grid.addLayout(bought, index, 1)
            grid.addWidget(row.count, index, 2)
            grid.addWidget(row.amount, index, 3)
        grid.setColumnStretch(0, 1)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(inner)
        area.setMinimumHeight(min(3, len(self._order.lines)) * 64 + 30)
        return area

    # --- state -------------------------------------------------------------------------------------

    def chosen(self) -> Chosen:
        counts = ((line_id, row.count.value()) for line_id, row in self.rows.items())
        return tuple((line_id, count) for line_id, count in counts if count > 0)

    def refund_type(self) -> PartRefundType:
        return PartRefundType(int(self.reason.currentData()))

    @property
    def preview(self) -> RefundPreview | None:
        """Keeta's answer for exactly the counts now chosen, or ``None``."""
        if self._previewed is None or self._previewed[0] != self.chosen():
            return None
        return self._previewed[1]

    @property
    def refundable_known(self) -> bool:
        return all(row.refundable_count is not None for row in self.rows.values())

    def _counts_changed(self) -> None:
        self._changed()
        if self.chosen():
            self._debounce.start()
        else:
            self._debounce.stop()

    def _changed(self) -> None:
        other = reason_required(self.refund_type())
        self.reason_text.setVisible(other)
        reason_ok = not other or bool(self.reason_text.text().strip())
        preview = self.preview
        self.preview_button.setEnabled(bool(self.chosen()))
        self.apply_button.setEnabled(preview is not None and reason_ok)
        self._show_rows()
        if not self.chosen() and self._refundable_error is None:
            self._say(lambda: self.tr("Choose how many of an item to refund."))

    def _show_rows(self) -> None:
        preview = self.preview
        amounts = {line.line_id: line.amount for line in preview.lines} if preview is not None else {}
        for line_id, row in self.rows.items():
            row.bought.setText(self.tr("bought {0}").format(row.line.count))
            if row.refundable_count is None:
                row.refundable.setText(self.tr("checking…") if self._refundable_error is None else "")
            elif row.refundable_count == 0:
                row.refundable.setText(self.tr("all refunded"))
            else:
                row.refundable.setText(self.tr("{0} can be refunded").format(row.refundable_count))
            count = row.count.value()
            amount = amounts.get(line_id)
            row.amount.setText(amount.format() if count and amount is not None else ("…" if count else ""))
        if preview is not None:
            self.total_label.setText(self.tr("Refund to the customer: {0}").format(preview.total.format()))
        else:
            self.total_label.setText("")

    # --- talking to Keeta ------------------------------------------------------------------------------

    def _load_refundable(self) -> None:
        """What Keeta still lets the shop refund, line by line (already refunded items are not)."""
        work = self._service.preview_partial_refund(self._order.order_view_id, None)
        UiOp(self, success=self._refundable_known, failure=self._refundable_failed).run(work)

    def _refundable_known(self, preview: RefundPreview) -> None:
        self._set_refundable(preview.lines)
        self.answered.emit()

    def _refundable_failed(self, error: Exception) -> None:
        self._refundable_error = partial(cashier_text, error)
        self._say(self._refundable_error)
        self._show_rows()
        self.answered.emit()

    def _set_refundable(self, lines: tuple[PreviewLine, ...]) -> None:
        by_id = {line.line_id: line for line in lines}
        for line_id, row in self.rows.items():
            found = by_id.get(line_id)
            # A line Keeta does not list cannot be refunded.
            row.refundable_count = max(0, min(found.refundable_count, row.line.count)) if found else 0
            row.count.setMaximum(row.refundable_count)
            row.count.setEnabled(row.refundable_count > 0)
        self._changed()

    def _preview(self) -> None:
        chosen = self.chosen()
        if not chosen:
            return
        self._debounce.stop()
        self._asked += 1
        asked = self._asked
        self._say(lambda: self.tr("Asking Keeta for the amount…"))
        work = self._service.preview_partial_refund(self._order.order_view_id, chosen)
        UiOp(
            self,
            success=partial(self._previewed_as, asked, chosen),
            failure=partial(self._preview_failed, asked),
        ).run(work)

    def _previewed_as(self, asked: int, chosen: Chosen, preview: RefundPreview) -> None:
        if asked != self._asked:
            return  # a newer question is on its way
        self._previewed = (chosen, preview)
        self._changed()
        total = preview.total
        self._say(lambda: self._ready_text(total))
        self.answered.emit()

    def _preview_failed(self, asked: int, error: Exception) -> None:
        if asked != self._asked:
            return
        self._previewed = None
        self._say(partial(cashier_text, error))
        self._changed()
        self.answered.emit()

    def _ready_text(self, total: Money) -> str:
        text = self.tr("Keeta will refund the customer {0}. Press “Refund” to send it.")
        return text.format(total.format())

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
