"""The booking form: who and where, amount, pickup code (big), remark, payment type, optional time.

Each field has its own error line right under it; ``show_problems`` fills them from the engine's
field-keyed problems, so the cashier sees exactly which box to fix.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QColor, QFont, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from posapp.domain.courier_booking import courier_booking
from posapp.domain.order import Fulfilment, Order
from posapp.engine.delivery.forms import FIELDS, DeliveryForm, FieldProblems
from posapp.ui.delivery.words import COD_TYPES, tr, translate
from posapp.ui.order_id import ORDER_ID
from posapp.ui.themes import palette

SCHEDULE_DEFAULT_LEAD_S = 45 * 60
FIELD_HEIGHT = 36  # px: big enough for a finger, small enough for the quotes to fit below
TOOLTIP_ROLE = Qt.ItemDataRole.ToolTipRole


@dataclass(frozen=True)
class SourceChoice:
    """One Keeta order in the "Order" list; ``refused`` (translated) greys it out and says why."""

    order_view_id: int
    label: str
    refused: str = ""


class FormPanel(QWidget):
    quote_requested = Signal()
    book_requested = Signal()
    source_changed = Signal(ORDER_ID)  # the Keeta order the form is for, or 0 for a manual entry

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = QComboBox()
        self.source.setItemDelegate(QStyledItemDelegate(self.source))  # so disabled entries show grey
        self.inputs: dict[str, QLineEdit] = {name: QLineEdit() for name in FIELDS if name != "scheduled_at"}
        self.errors: dict[str, QLabel] = {name: _error_label() for name in FIELDS}
        self.cod = QComboBox()
        for code, text in COD_TYPES:
            self.cod.addItem(tr(str(text)), code)
        self.scheduled = QCheckBox(translate("Delivery", "Deliver at a set time"))
        self.when = QDateTimeEdit()
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setVisible(False)  # shown only once "at a set time" is ticked: less to read otherwise
        self.quote_button = QPushButton(translate("Delivery", "Get quote"))
        self.book_button = QPushButton(translate("Delivery", "Book courier"))
        self.book_button.setProperty("role", "primary")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self._keeta_order: int | None = None
        self._build()
        self.scheduled.toggled.connect(self.when.setVisible)
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
            "pickup_code": translate("Delivery", "4 digits"),
        }
        for name, edit in self.inputs.items():
            edit.setPlaceholderText(placeholders.get(name, ""))
            edit.setMinimumHeight(FIELD_HEIGHT)
        for box in (self.source, self.cod, self.when):
            box.setMinimumHeight(FIELD_HEIGHT)
        for combo in (self.source, self.cod):
            # Long payment wordings would otherwise set the whole form's width; the box elides them.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
        code = self.inputs["pickup_code"]
        code.setMaxLength(8)
        code.setMinimumWidth(130)
        code.setProperty("role", "pickup-code")  # large, and larger still with the text size setting
        grid = QGridLayout()
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        # Two short fields per row where they fit, so the form leaves room for Zeek's tables below.
        self._row(grid, 0, translate("Delivery", "Order"), self.source)
        self._pair(
            grid,
            1,
            ("name", translate("Delivery", "Customer name")),
            ("phone", translate("Delivery", "Phone (+852)")),
        )
        self._row(grid, 2, translate("Delivery", "Address"), self._field("address"))
        self._pair(
            grid,
            3,
            ("location", translate("Delivery", "Location")),
            ("amount", translate("Delivery", "Food HK$")),
        )
        grid.addWidget(_label(translate("Delivery", "Pickup code")), 4, 0)
        grid.addWidget(self._field("pickup_code"), 4, 1)
        when = QVBoxLayout()
        when.setSpacing(2)
        when.addWidget(self.scheduled)
        when.addWidget(self.when)
        when.addWidget(self.errors["scheduled_at"])
        grid.addLayout(when, 4, 2, 1, 2)
        self._row(grid, 5, translate("Delivery", "Payment"), self.cod)
        self._row(grid, 6, translate("Delivery", "Partner note"), self._field("remark"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.quote_button)
        buttons.addWidget(self.book_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addWidget(self.note)

    def _field(self, name: str) -> QWidget:
        return _with_error(self.inputs[name], self.errors[name])

    def _row(self, grid: QGridLayout, row: int, label: str, field: QWidget) -> None:
        words = _label(label)
        inner = field.findChild(QLineEdit)  # a field with its error line: the input is inside
        words.setBuddy(field if isinstance(field, (QLineEdit, QComboBox)) or inner is None else inner)
        grid.addWidget(words, row, 0)
        grid.addWidget(field, row, 1, 1, 3)

    def _pair(self, grid: QGridLayout, row: int, *fields: tuple[str, str]) -> None:
        for column, (name, label) in zip((0, 2), fields, strict=True):
            words, field = _label(label), self._field(name)
            words.setBuddy(self.inputs[name])  # what a screen reader calls the field
            grid.addWidget(words, row, column)
            grid.addWidget(field, row, column + 1)

    # --- orders to choose from ---------------------------------------------------------------------

    def set_sources(self, choices: list[SourceChoice]) -> None:
        """The orders to book for; one with a ``refused`` reason is listed greyed, with the reason."""
        current = self.source.currentData() or 0
        self.source.blockSignals(True)
        self.source.clear()
        self.source.addItem(translate("Delivery", "Manual entry (phone order)"), 0)
        model = self.source.model()
        for choice in choices:
            label = f"{choice.label} · {choice.refused}" if choice.refused else choice.label
            self.source.addItem(label, choice.order_view_id)
            if choice.refused and isinstance(model, QStandardItemModel):
                item = model.item(self.source.count() - 1)
                item.setEnabled(False)  # it cannot be chosen
                item.setToolTip(choice.refused)
                font = QFont(self.source.font())
                font.setItalic(True)
                item.setFont(font)
        # The combo's own menu-like painter ignores both; a plain item delegate follows this rule.
        self.source.view().setStyleSheet(
            f"QListView::item {{ min-height: {FIELD_HEIGHT}px; padding: 0 6px; }}"
            f"QListView::item:disabled {{ color: {_muted_colour().name()}; }}"
        )
        index = self.source.findData(current)
        if index > 0 and not self.is_choosable(index):
            index = 0  # the order just became one the shop may not book (e.g. cancelled)
        self.source.setCurrentIndex(max(0, index))
        self.source.blockSignals(False)

    def is_choosable(self, index: int) -> bool:
        model = self.source.model()
        if not isinstance(model, QStandardItemModel):
            return True
        item = model.item(index)
        return item is not None and item.isEnabled()

    def choose_source(self, order_view_id: int) -> bool:
        index = self.source.findData(order_view_id)
        if index < 0 or not self.is_choosable(index):
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
            text = "\n".join(tr(p) for p in problems.get(name, []))
            label.setText(text)
            label.setVisible(bool(text))


def _muted_colour() -> QColor:
    """The theme's muted text a third of the way towards the panel: plainly greyed in every theme."""
    app = QApplication.instance()
    colours = palette(str(app.property("posappTheme")) if app is not None else "light")
    muted, panel = QColor(colours.muted), QColor(colours.panel)

    def mix(a: int, b: int) -> int:
        return round(a * 0.65 + b * 0.35)

    return QColor(
        mix(muted.red(), panel.red()), mix(muted.green(), panel.green()), mix(muted.blue(), panel.blue())
    )


def _label(text: str) -> QLabel:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label


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


def source_choices(orders: list[Order]) -> list[SourceChoice]:
    """The order list's entries: open delivery orders, those Keeta's riders deliver greyed with the
    reason. Pure (runs in the worker that read the orders; Qt's translate is thread-safe)."""
    choices = []
    for order in orders:
        if order.fulfilment is not Fulfilment.DELIVERY:
            continue
        verdict = courier_booking(order)
        number = order.seq_no if order.seq_no.startswith("#") else f"#{order.seq_no}"
        label = f"{number} · {order.money.items.format()}"
        choices.append(SourceChoice(order.order_view_id, label, "" if verdict else tr(verdict.reason)))
    return choices
