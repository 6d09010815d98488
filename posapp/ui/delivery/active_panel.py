"""Active deliveries: pickup code, customer, Zeek status in words with its time, partner name and phone,
predicted accept / show-up / delivery; plus the phone lookup (Zeek's info_by_phone)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from posapp.domain.delivery import BookingUpdate, DeliveryBooking
from posapp.ui.delivery.words import clock_text, eta_text, status_text, tr

COLUMNS = ("Code", "Status", "Partner", "Phone", "Accept", "Show-up", "Delivery")


class ActivePanel(QWidget):
    selected = Signal(str)  # client_order_id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.cancel_button = QPushButton(tr("Cancel courier…"))
        self.cancel_button.setProperty("role", "danger")
        self.cancel_button.setEnabled(False)
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(tr("Customer phone"))
        self.lookup_button = QPushButton(tr("Look up"))
        self.lookup_result = QLabel()
        self.lookup_result.setWordWrap(True)
        self.ids: list[str] = []
        self._build()
        self.table.itemSelectionChanged.connect(self._selection)

    def _build(self) -> None:
        title = QLabel(tr("Couriers under way"))
        title.setProperty("role", "muted")
        lookup = QHBoxLayout()
        lookup.addWidget(self.phone, 1)
        lookup.addWidget(self.lookup_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.cancel_button)
        layout.addLayout(lookup)
        layout.addWidget(self.lookup_result)

    def show_bookings(self, bookings: list[DeliveryBooking], sending: set[str]) -> None:
        keep = self.current()
        self.table.blockSignals(True)
        self.ids = [b.client_order_id for b in bookings]
        self.table.setRowCount(len(bookings))
        for row, booking in enumerate(bookings):
            partner = booking.partner
            p = booking.predictions
            cells = [
                booking.pickup_code, status_text(booking, booking.client_order_id in sending),
                partner.name if partner else "", partner.phone if partner else "",
                eta_text(p.accept), eta_text(p.showup), eta_text(p.delivery),
            ]  # fmt: skip
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setData(Qt.ItemDataRole.UserRole, booking.client_order_id)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        if keep in self.ids:
            self.table.selectRow(self.ids.index(keep))
        self._selection_buttons()

    def select(self, client_order_id: str) -> bool:
        if client_order_id not in self.ids:
            return False
        self.table.selectRow(self.ids.index(client_order_id))
        return True

    def current(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.ids[rows[0].row()] if rows and rows[0].row() < len(self.ids) else None

    def row_text(self, client_order_id: str, column: str) -> str:
        item = self.table.item(self.ids.index(client_order_id), COLUMNS.index(column))
        return item.text() if item is not None else ""

    def _selection(self) -> None:
        self._selection_buttons()
        current = self.current()
        if current:
            self.selected.emit(current)

    def _selection_buttons(self) -> None:
        self.cancel_button.setEnabled(self.current() is not None)

    def show_lookup(self, found: list[BookingUpdate], problem: str = "") -> None:
        if problem:
            self.lookup_result.setText(problem)
            return
        if not found:
            self.lookup_result.setText(tr("No delivery found for this phone."))
            return
        lines = [
            f"{u.order_id} · {tr(u.status.value.replace('_', ' '))} ({u.status_code}) {clock_text(u.at)}"
            + (f" · {u.partner.name} {u.partner.phone}" if u.partner else "")
            for u in found
        ]
        self.lookup_result.setText("\n".join(lines))
