"""The booking form: who and where, amount, pickup code (big), remark, payment type, optional time.

Each field has its own error line right under it; ``show_problems`` fills them from the engine's
field-keyed problems, so the cashier sees exactly which box to fix.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posapp.engine.delivery.forms import FIELDS, DeliveryForm, FieldProblems
from posapp.ui.delivery.words import COD_TYPES, tr

SCHEDULE_DEFAULT_LEAD_S = 45 * 60


class FormPanel(QWidget):
    quote_requested = Signal()
    book_requested = Signal()
    source_changed = Signal(int)  # Keeta order_view_id, or 0 for a manual entry

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = QComboBox()
        self.inputs: dict[str, QLineEdit] = {name: QLineEdit() for name in FIELDS if name != "scheduled_at"}
        self.errors: dict[str, QLabel] = {name: _error_label() for name in FIELDS}
        self.cod = QComboBox()
        for code, text in COD_TYPES:
            self.cod.addItem(tr(str(text)), code)
        self.scheduled = QCheckBox(tr("Deliver at a set time"))
        self.when = QDateTimeEdit()
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setEnabled(False)
        self.quote_button = QPushButton(tr("Get quote"))
        self.book_button = QPushButton(tr("Book courier"))
        self.book_button.setProperty("role", "primary")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self._keeta_order: int | None = None
        self._build()
        self.scheduled.toggled.connect(self.when.setEnabled)
        self.quote_button.clicked.connect(self.quote_requested)
        self.book_button.clicked.connect(self.book_requested)
        self.source.currentIndexChanged.connect(
            lambda _: self.source_changed.emit(self.source.currentData() or 0)
        )

    def _build(self) -> None:
        placeholders = {
            "phone": "91234567",
            "location": "22.281900,114.158900",
            "amount": "128.50",
            "pickup_code": "4 digits",
        }
        labels = {
            "name": tr("Customer name"), "phone": tr("Phone (+852)"), "address": tr("Address"),
            "location": tr("Location (lat,lng)"), "amount": tr("Food amount HK$"),
            "pickup_code": tr("Pickup code"), "remark": tr("Note for the partner"),
        }  # fmt: skip
        form = QFormLayout()
        form.addRow(tr("Order"), self.source)
        for name, edit in self.inputs.items():
            edit.setPlaceholderText(placeholders.get(name, ""))
            form.addRow(labels[name], _with_error(edit, self.errors[name]))
        self.inputs["pickup_code"].setMaxLength(8)
        self.inputs["pickup_code"].setStyleSheet("font-size: 28pt; font-weight: bold; letter-spacing: 6px;")
        form.addRow(tr("Payment"), self.cod)
        when_row = QHBoxLayout()
        when_row.addWidget(self.scheduled)
        when_row.addWidget(self.when, 1)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addLayout(when_row)
        holder_layout.addWidget(self.errors["scheduled_at"])
        form.addRow(tr("When"), holder)
        buttons = QHBoxLayout()
        buttons.addWidget(self.quote_button)
        buttons.addWidget(self.book_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.note)

    # --- orders to choose from ---------------------------------------------------------------------

    def set_sources(self, choices: list[tuple[int, str]]) -> None:
        current = self.source.currentData() or 0
        self.source.blockSignals(True)
        self.source.clear()
        self.source.addItem(tr("Manual entry (phone order)"), 0)
        for order_view_id, label in choices:
            self.source.addItem(label, order_view_id)
        index = self.source.findData(current)
        self.source.setCurrentIndex(max(0, index))
        self.source.blockSignals(False)

    def choose_source(self, order_view_id: int) -> bool:
        index = self.source.findData(order_view_id)
        if index < 0:
            return False
        self.source.setCurrentIndex(index)
        return True

    # --- values ---------------------------------------------------------------------------------------

    def fill(self, form: DeliveryForm) -> None:
        self._keeta_order = form.keeta_order_view_id
        for name, edit in self.inputs.items():
            edit.setText(str(getattr(form, name)))
        self.cod.setCurrentIndex(max(0, self.cod.findData(form.cod_type)))
        self.scheduled.setChecked(form.scheduled_at is not None)
        start = form.scheduled_at or int(QDateTime.currentSecsSinceEpoch()) + SCHEDULE_DEFAULT_LEAD_S
        self.when.setDateTime(QDateTime.fromSecsSinceEpoch(start))
        self.show_problems({})

    def form(self) -> DeliveryForm:
        values = {name: edit.text() for name, edit in self.inputs.items()}
        scheduled = self.when.dateTime().toSecsSinceEpoch() if self.scheduled.isChecked() else None
        return DeliveryForm(
            **values, cod_type=int(self.cod.currentData()), scheduled_at=scheduled,
            keeta_order_view_id=self._keeta_order,
        )  # fmt: skip

    def show_problems(self, problems: FieldProblems) -> None:
        for name, label in self.errors.items():
            text = "\n".join(problems.get(name, []))
            label.setText(text)
            label.setVisible(bool(text))


def _error_label() -> QLabel:
    label = QLabel()
    label.setProperty("role", "problem")
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def _with_error(edit: QWidget, error: QLabel) -> QWidget:
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(edit)
    layout.addWidget(error)
    return holder
