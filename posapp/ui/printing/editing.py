"""What the printer list and the kitchen-station rules in Settings share: a table of rows edited in
place, its Remove button, a status line that says what happened (again in a new language), and a
test print sent to a printer off the Qt thread."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget

from posapp.engine.printing_hooks import printer_from_entry
from posapp.printing.layouts import test_page
from posapp.printing.printers import Printed, Printer, send_ticket
from posapp.ui.restyle import set_style_property


def rows_table(columns: int, stretch: int, minimum_height: int) -> QTableWidget:
    """One row selected at a time; ``stretch`` takes the width the others leave."""
    table = QTableWidget(0, columns)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.setMinimumHeight(minimum_height)
    return table


def remove_current_row(table: QTableWidget) -> None:
    row = table.currentRow()
    if row >= 0:
        table.removeRow(row)


class StatusLine:
    """A label saying the last outcome; the words are asked again when the language changes."""

    def __init__(self) -> None:
        self.label = QLabel()
        self.label.setWordWrap(True)
        self._note: Callable[[], str] = str

    def say(self, note: Callable[[], str], bad: bool = False) -> None:
        self._note = note
        self.label.setText(note())
        set_style_property(self.label, "role", "problem" if bad else "")

    def retranslate(self) -> None:
        self.label.setText(self._note())


def printer_to_test(entry: dict[str, Any]) -> Printer:
    """The printer an entry of the list describes, without its failover: a test shows this printer.
    Raises KeyError or ValueError for an entry that is no printer."""
    return printer_from_entry({**entry, "failover": ""})


async def print_test_page(printer: Printer, title: str) -> Printed:
    """A test page titled ``title``; the blocking I/O runs in a worker thread."""
    page = test_page(printer.encoding.value, title)
    return await asyncio.get_running_loop().run_in_executor(None, send_ticket, printer, page)
