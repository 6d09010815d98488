"""Zeek's answer to a quote: the quotation for this amount, and the amount → mode conversion table."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from posapp.domain.delivery import Quote
from posapp.domain.money import Money
from posapp.engine.delivery.service import QuoteResult
from posapp.ui.delivery.words import eta_full_text, km, tr, translate

MODE_WORDS = {
    "SHORT_RANGE": QT_TRANSLATE_NOOP("Delivery", "Short range"),
    "STANDARD": QT_TRANSLATE_NOOP("Delivery", "Standard"),
    "LONG_DISTANCE": QT_TRANSLATE_NOOP("Delivery", "Long distance"),
    "CITY_WIDE": QT_TRANSLATE_NOOP("Delivery", "City-wide"),
    "UNKNOWN": QT_TRANSLATE_NOOP("Delivery", "Unknown"),
}
CONVERSION_ROWS = 3  # room kept before the first quote; Zeek lists up to four amount bands
ROW_HEIGHT = 28


class _FitTable(QTableWidget):
    """As tall as its header and ``rows`` rows (measured once styled): Zeek's answer is short and read
    at a glance, never scrolled."""

    def __init__(self, columns: int, rows: int) -> None:
        super().__init__(0, columns)
        self.rows = rows  # before Zeek has answered

    def sizeHint(self) -> QSize:
        header = self.horizontalHeader().sizeHint().height()
        rows = self.rowCount() or self.rows
        return QSize(super().sizeHint().width(), header + rows * ROW_HEIGHT + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


def _table(headers: list[str], rows: int) -> QTableWidget:
    table = _FitTable(len(headers), rows)
    table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


class QuotesPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.quote_table = _table(
            [
                translate("Delivery", "Mode"), translate("Delivery", "Fee"), translate("Delivery", "ETA"),
                translate("Delivery", "Direct"), translate("Delivery", "Travel"),
            ], 1,
        )  # fmt: skip
        self.conversion_table = _table(
            [
                translate("Delivery", "Food amount"), translate("Delivery", "Mode"),
                translate("Delivery", "Fee"), translate("Delivery", "ETA"),
            ], CONVERSION_ROWS,
        )  # fmt: skip
        self.quote_table.setAccessibleName(translate("Delivery", "Quotation for this order"))
        self.conversion_table.setAccessibleName(translate("Delivery", "Fees by food amount"))
        self.title = QLabel(translate("Delivery", "Quotation for this order"))
        self.title.setProperty("role", "muted")
        self.conversion_title = QLabel(
            translate("Delivery", "Amount → delivery mode (until the basket is final)")
        )
        self.conversion_title.setProperty("role", "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for widget in (self.title, self.quote_table, self.conversion_title, self.conversion_table):
            layout.addWidget(widget)
        layout.addStretch(1)

    def show_result(self, result: QuoteResult) -> None:
        chosen = [result.quote] if result.quote is not None else []
        self.quote_table.setRowCount(len(chosen))
        for row, quote in enumerate(chosen):
            _fill(self.quote_table, row, [
                _mode(quote), _fee(quote), eta_full_text(quote.eta),
                km(quote.direct_distance_m), km(quote.travel_distance_m),
            ])  # fmt: skip
        self.conversion_table.setRowCount(len(result.table))
        for row, quote in enumerate(result.table):
            _fill(
                self.conversion_table,
                row,
                [_band(quote), _mode(quote), _fee(quote), eta_full_text(quote.eta)],
            )
            if result.quote is not None and _same_band(quote, result.quote):
                _bold(self.conversion_table, row)  # the band this order's amount falls in
        self.conversion_table.updateGeometry()

    def clear(self) -> None:
        self.quote_table.setRowCount(0)
        self.conversion_table.setRowCount(0)
        self.conversion_table.updateGeometry()


def _fill(table: QTableWidget, row: int, cells: list[str]) -> None:
    for column, text in enumerate(cells):
        table.setItem(row, column, QTableWidgetItem(text))


def _bold(table: QTableWidget, row: int) -> None:
    for column in range(table.columnCount()):
        item = table.item(row, column)
        if item is not None:
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)


def _same_band(a: Quote, b: Quote) -> bool:
    return a.mode == b.mode and a.min_amount == b.min_amount


def _mode(quote: Quote) -> str:
    return tr(str(MODE_WORDS.get(quote.mode.value, quote.mode.value)))


def _fee(quote: Quote) -> str:
    return quote.fee.format() if quote.fee is not None else "–"


def _band(quote: Quote) -> str:
    low = _dollars(quote.min_amount)
    return f"{low} +" if quote.max_amount is None else f"{low} – {_dollars(quote.max_amount)}"


def _dollars(money: Money) -> str:
    """Band limits are whole dollars: "HK$500" reads faster than "HK$500.00" in a narrow column."""
    return money.format().removesuffix(".00")
