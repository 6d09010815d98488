"""Active deliveries: pickup code, customer, Zeek status in words with its time, partner name and phone,
predicted accept / show-up / delivery; plus the phone lookup (Zeek's info_by_phone)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from posapp.domain.delivery import BookingUpdate, DeliveryBooking
from posapp.ui.delivery.words import clock_text, eta_text, status_text, status_words, tr, translate

COLUMNS = (
    QT_TRANSLATE_NOOP("Delivery", "Code"),
    QT_TRANSLATE_NOOP("Delivery", "Status"),
    QT_TRANSLATE_NOOP("Delivery", "Partner"),  # name over phone: the status words keep their width
    QT_TRANSLATE_NOOP("Delivery", "Accept"),
    QT_TRANSLATE_NOOP("Delivery", "Show-up"),
    QT_TRANSLATE_NOOP("Delivery", "Delivery"),
)
STATUS = COLUMNS.index("Status")
# What a narrow tab (1024 px) gives up first, so nothing runs past the table's edge: the times, which
# the map and the status words also tell.
GIVE_UP = (COLUMNS.index("Show-up"), COLUMNS.index("Accept"), COLUMNS.index("Delivery"))
STATUS_ROOM = 140  # px the status words keep before a column is given up
MIN_ROWS = 2  # the list never shrinks below this many couriers; it grows with them, the map keeps the rest
ROW_HEIGHT = 46  # two lines (status and its time; partner and phone), and a finger-sized row


class ActivePanel(QWidget):
    selected = Signal(str)  # client_order_id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(str(c)) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._size_columns()
        self.table.viewport().installEventFilter(self)  # fitted again whenever its width changes
        self.table.setAccessibleName(translate("Delivery", "Zeek deliveries"))
        self.cancel_button = QPushButton(translate("Delivery", "Cancel courier…"))
        self.cancel_button.setProperty("role", "danger")
        self.cancel_button.setEnabled(False)
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(translate("Delivery", "Look up a customer phone"))
        self.phone.setMinimumHeight(48)
        self.lookup_button = QPushButton(translate("Delivery", "Look up"))
        self.lookup_result = QLabel()
        self.lookup_result.setWordWrap(True)
        self.ids: list[str] = []
        self._build()
        self.table.itemSelectionChanged.connect(self._selection)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return False

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        room = self.table.viewport().width()
        for column in GIVE_UP:
            self.table.setColumnHidden(column, False)
        for column in GIVE_UP:
            shown = [c for c in range(len(COLUMNS)) if c != STATUS and not self.table.isColumnHidden(c)]
            if sum(header.sectionSizeHint(c) for c in shown) + STATUS_ROOM <= room:
                break
            self.table.setColumnHidden(column, True)

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        bold = QFont(header.font())
        bold.setBold(True)
        self._code_font = bold
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # The status words take what is left and wrap onto a second line rather than being cut.
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.Stretch)
        rows = self.table.verticalHeader()
        rows.setDefaultSectionSize(ROW_HEIGHT)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        frame = 2 * self.table.frameWidth()
        self.table.setMinimumHeight(header.sizeHint().height() + MIN_ROWS * ROW_HEIGHT + frame)
        # As tall as its couriers: one booking leaves the map most of the height.
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def _build(self) -> None:
        title = QLabel(translate("Delivery", "Couriers under way"))
        title.setProperty("role", "muted")
        controls = QHBoxLayout()
        controls.addWidget(self.cancel_button)
        controls.addSpacing(24)
        controls.addWidget(self.phone, 1)
        controls.addWidget(self.lookup_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(title)
        layout.addWidget(self.table, 1)
        layout.addLayout(controls)
        layout.addWidget(self.lookup_result)
        self.lookup_result.setVisible(False)

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
                f"{partner.name}\n{partner.phone}".strip() if partner else "",
                eta_text(p.accept), eta_text(p.showup), eta_text(p.delivery),
            ]  # fmt: skip
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setData(Qt.ItemDataRole.UserRole, booking.client_order_id)
                    item.setFont(self._code_font)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self._fit_columns()  # longer names or times may need a column given up, or give one back
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
        self.lookup_result.setVisible(True)
        if problem:
            self.lookup_result.setText(problem)
            return
        if not found:
            self.lookup_result.setText(translate("Delivery", "No delivery found for this phone."))
            return
        lines = [
            f"{u.order_id} · {status_words(u.status)} {clock_text(u.at)}"
            + (f" · {u.partner.name} {u.partner.phone}" if u.partner else "")
            for u in found
        ]
        self.lookup_result.setText("\n".join(lines))
