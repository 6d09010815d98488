"""The selected order's print state (a badge in the detail header) and its Reprint buttons.

A job that may or may not have printed (the connection broke mid-ticket, the app stopped while
printing) is never resent by itself: the cashier looks at the printer and answers here.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from posapp.domain.order import Order, OrderStatus
from posapp.domain.print_job import JobKind, JobState, JobView
from posapp.engine.printing_hooks import Printing
from posapp.printing.service import OrderPrintState, PrintService
from posapp.ui.restyle import set_style_property

_REPRINTABLE = (OrderStatus.ACCEPTED, OrderStatus.READY, OrderStatus.COMPLETED)


class PrintStateBadge(QLabel):
    """Whether the order's tickets printed, are printing, wait for a printer, or need a look."""

    def __init__(self, service: PrintService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._order: Order | None = None
        self.state = OrderPrintState.NONE
        self.show_order(None)

    def show_order(self, order: Order | None) -> None:
        self._order = order
        self.refresh()

    def refresh(self) -> None:
        order = self._order
        self.setVisible(order is not None)
        if order is None:
            return
        self.state = self._service.print_state(order.order_view_id)
        if self.state is OrderPrintState.NONE and order.status is OrderStatus.NEW:
            self.hide()  # tickets print on accepting: "not printed" says nothing about a new order
            return
        jobs = [j for j in self._service.jobs_for(order.order_view_id) if j.state is not JobState.CANCELLED]
        text, role = self._words(self.state, jobs)
        self.setText(text)
        set_style_property(self, "role", role)

    def _words(self, state: OrderPrintState, jobs: list[JobView]) -> tuple[str, str]:
        if state is OrderPrintState.ATTENTION:
            return self.tr("Tickets: check the printer – did it print?"), "problem"
        if state is OrderPrintState.PRINTED:
            return self.tr("Tickets printed ✔"), ""
        if state is OrderPrintState.PENDING:
            waiting = next((j for j in jobs if j.state is JobState.QUEUED and j.last_error), None)
            if waiting is not None:
                return self.tr("Tickets waiting for printer {0}").format(waiting.printer), "problem"
            return self.tr("Printing tickets…"), "muted"
        return self.tr("Tickets not printed"), "muted"

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)


class ReprintPanel(QWidget):
    """Reprint kitchen ticket / receipt, and the answer for a ticket that may not have printed."""

    changed = Signal()  # jobs of the shown order were added or answered

    def __init__(self, printing: Printing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._printing = printing
        self._order: Order | None = None
        self.kitchen_button = QPushButton()
        self.receipt_button = QPushButton()
        self.question = QLabel()
        self.question.setWordWrap(True)
        set_style_property(self.question, "role", "problem")
        self.printed_button = QPushButton()
        self.again_button = QPushButton()
        self._build()
        self.kitchen_button.clicked.connect(lambda: self.reprint(JobKind.KITCHEN))
        self.receipt_button.clicked.connect(lambda: self.reprint(JobKind.RECEIPT))
        self.printed_button.clicked.connect(lambda: self.resolve(printed=True))
        self.again_button.clicked.connect(lambda: self.resolve(printed=False))
        self.retranslate()
        self.show_order(None)

    def _build(self) -> None:
        reprint = QHBoxLayout()
        reprint.addWidget(self.kitchen_button)
        reprint.addWidget(self.receipt_button)
        answer = QHBoxLayout()
        answer.addWidget(self.question, 1)
        answer.addWidget(self.printed_button)
        answer.addWidget(self.again_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(reprint)
        layout.addLayout(answer)

    def retranslate(self) -> None:
        self.kitchen_button.setText(self.tr("Reprint kitchen ticket"))
        self.receipt_button.setText(self.tr("Reprint receipt"))
        self.printed_button.setText(self.tr("It printed"))
        self.again_button.setText(self.tr("Print it again"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_order(self, order: Order | None) -> None:
        self._order = order
        self.refresh()

    def refresh(self) -> None:
        order = self._order
        can_reprint = order is not None and order.status in _REPRINTABLE
        self.kitchen_button.setVisible(can_reprint and self._printing.has_printer(JobKind.KITCHEN))
        self.receipt_button.setVisible(can_reprint and self._printing.has_printer(JobKind.RECEIPT))
        unsure = self._uncertain()
        if unsure:
            kinds = ", ".join(self._kind_text(j.kind) for j in unsure)
            self.question.setText(self.tr("Did it print? {0} (printer {1})").format(kinds, unsure[0].printer))
        for widget in (self.question, self.printed_button, self.again_button):
            widget.setVisible(bool(unsure))

    def _uncertain(self) -> list[JobView]:
        if self._order is None:
            return []
        jobs = self._printing.service.jobs_for(self._order.order_view_id)
        return [j for j in jobs if j.state is JobState.UNCERTAIN]

    def _kind_text(self, kind: JobKind) -> str:
        return {
            JobKind.KITCHEN: self.tr("kitchen ticket"),
            JobKind.RECEIPT: self.tr("receipt"),
            JobKind.CANCEL: self.tr("cancel slip"),
            JobKind.TEST: self.tr("test page"),
            JobKind.REFUND: self.tr("refund slip"),
            JobKind.COURIER: self.tr("courier slip"),
            JobKind.UNACCEPTED: self.tr("unaccepted-order slip"),
        }.get(kind, kind.value)

    def reprint(self, kind: JobKind) -> None:
        if self._order is not None and self._printing.reprint(self._order, kind):
            self.changed.emit()

    def resolve(self, printed: bool) -> None:
        for job in self._uncertain():
            self._printing.service.resolve(job.id, printed)
        self.refresh()
        self.changed.emit()
