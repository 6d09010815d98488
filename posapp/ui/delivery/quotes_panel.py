"""Zeek's answer to a quote: the quotation for this amount, and the amount → mode conversion table."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from posapp.domain.delivery import Quote
from posapp.engine.delivery.service import QuoteResult
from posapp.ui.delivery.words import eta_text, km, tr

MODE_WORDS = {
    "SHORT_RANGE": "Short range", "STANDARD": "Standard", "LONG_DISTANCE": "Long distance",
    "CITY_WIDE": "City-wide", "UNKNOWN": "Unknown",
}  # fmt: skip


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.setMaximumHeight(170)
    return table


class QuotesPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.quote_table = _table([tr("Mode"), tr("Fee"), tr("ETA"), tr("Direct"), tr("Travel")])
        self.conversion_table = _table([tr("Food amount"), tr("Mode"), tr("Fee"), tr("ETA")])
        self.title = QLabel(tr("Quotation"))
        self.title.setProperty("role", "muted")
        self.conversion_title = QLabel(tr("Amount → delivery mode (until the basket is final)"))
        self.conversion_title.setProperty("role", "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.quote_table, self.conversion_title, self.conversion_table):
            layout.addWidget(widget)

    def show_result(self, result: QuoteResult) -> None:
        chosen = [result.quote] if result.quote is not None else []
        self.quote_table.setRowCount(len(chosen))
        for row, quote in enumerate(chosen):
            _fill(self.quote_table, row, [
                MODE_WORDS.get(quote.mode.value, quote.mode.value), _fee(quote), _eta(quote),
                km(quote.direct_distance_m), km(quote.travel_distance_m),
            ])  # fmt: skip
        self.conversion_table.setRowCount(len(result.table))
        for row, quote in enumerate(result.table):
            _fill(self.conversion_table, row, [
                _band(quote), MODE_WORDS.get(quote.mode.value, quote.mode.value), _fee(quote), _eta(quote),
            ])  # fmt: skip

    def clear(self) -> None:
        self.quote_table.setRowCount(0)
        self.conversion_table.setRowCount(0)


def _fill(table: QTableWidget, row: int, cells: list[str]) -> None:
    for column, text in enumerate(cells):
        table.setItem(row, column, QTableWidgetItem(text))


def _fee(quote: Quote) -> str:
    return quote.fee.format() if quote.fee is not None else "–"


def _eta(quote: Quote) -> str:
    return eta_text(quote.eta)


def _band(quote: Quote) -> str:
    low = quote.min_amount.format()
    return f"{low} +" if quote.max_amount is None else f"{low} – {quote.max_amount.format()}"
