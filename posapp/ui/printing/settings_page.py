"""The printer part of Settings: printers (address, encoding, role, failover, station, copies),
auto-print switches, kitchen stations (stations.py) and a guided test page that prints off the Qt
thread, so a printer that does not answer never freezes it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from posapp.engine.printing_hooks import MAX_COPIES, printer_from_entry
from posapp.printing.printers import PrintError
from posapp.settings import Settings
from posapp.ui.ops import UiOp
from posapp.ui.printing.editing import (
    StatusLine,
    print_test_page,
    printer_to_test,
    remove_current_row,
    rows_table,
)
from posapp.ui.printing.stations import StationSettings

NAME, URI, ENCODING, ROLE, FAILOVER, STATION, COPIES = range(7)
URI_HINT = (
    "tcp://192.168.1.50:9100 · usb://04b8:0e15 · serial:///dev/ttyUSB0 · win32://Printer Name"
    " · pdf:///path.pdf · pdf:///folder/"
)


class PrinterSettingsPage(QGroupBox):
    def __init__(self, current: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = rows_table(7, stretch=URI, minimum_height=150)
        # Narrow enough that the address keeps room inside the Settings page at 1024×768.
        widths = ((NAME, 110), (ENCODING, 150), (ROLE, 150), (FAILOVER, 110), (STATION, 110), (COPIES, 60))
        for column, width in widths:
            self.table.setColumnWidth(column, width)
        # The printer's name must read whole; a long address may end in "…" (its cell shows it all).
        self.table.setProperty("keyColumns", [NAME])
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        self.test_button = QPushButton()
        self.auto_kitchen = QCheckBox()
        self.auto_receipt = QCheckBox()
        self.cancel_slip = QCheckBox()
        self.refund_slip = QCheckBox()
        self.auto_kitchen.setChecked(current.auto_print_kitchen)
        self.auto_receipt.setChecked(current.auto_print_receipt)
        self.cancel_slip.setChecked(current.print_cancel_slip)
        self.refund_slip.setChecked(current.print_refund_slip)
        self.hint = QLabel()
        self.hint.setProperty("role", "muted")
        self.hint.setWordWrap(True)
        self.status_line = StatusLine()
        self.status = self.status_line.label
        self.stations = StationSettings(current, self.entries)
        self._build()
        for entry in current.printers:
            self.add_printer(entry)
        self.table.itemChanged.connect(lambda _item: self.stations.refresh_stations())
        self.stations.refresh_stations()
        self.add_button.clicked.connect(lambda: self.add_printer({}))
        self.remove_button.clicked.connect(self.remove_printer)
        self.test_button.clicked.connect(self.print_test)
        self.retranslate()

    def retranslate(self) -> None:
        """Every word again in the current language; the printers as typed stay."""
        self.setTitle(self.tr("Printers"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Address"),
                self.tr("Chinese text"),
                self.tr("Prints"),
                self.tr("If down, use"),
                self.tr("Station"),
                self.tr("Copies"),
            ]
        )
        self.add_button.setText(self.tr("Add printer"))
        self.remove_button.setText(self.tr("Remove printer"))
        self.test_button.setText(self.tr("Print test page"))
        self.auto_kitchen.setText(self.tr("Print the kitchen ticket when an order is accepted"))
        self.auto_receipt.setText(self.tr("Print the customer receipt when an order is accepted"))
        self.cancel_slip.setText(self.tr("Print a CANCELLED slip in the kitchen"))
        self.refund_slip.setText(self.tr("Print a REFUND slip at the counter when a refund is agreed"))
        self.hint.setText(self.tr("Address, for example: {0}").format(URI_HINT))
        for row in range(self.table.rowCount()):
            for column, items in ((ENCODING, self._encodings()), (ROLE, self._roles())):
                combo = self.table.cellWidget(row, column)
                if isinstance(combo, QComboBox):
                    for key, label in items:
                        combo.setItemText(combo.findData(key), label)
        self.status_line.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _encodings(self) -> list[tuple[str, str]]:
        return [("big5", self.tr("Big5 (Hong Kong)")), ("gb18030", "GB18030"),
                ("raster", self.tr("As a picture (any printer)"))]  # fmt: skip

    def _roles(self) -> list[tuple[str, str]]:
        return [("both", self.tr("Kitchen and receipts")), ("kitchen", self.tr("Kitchen tickets")),
                ("receipt", self.tr("Customer receipts"))]  # fmt: skip

    def _build(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.test_button)
        switches = QVBoxLayout()
        for box in (self.auto_kitchen, self.auto_receipt, self.cancel_slip, self.refund_slip):
            switches.addWidget(box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addLayout(switches)
        layout.addWidget(self.status)
        layout.addWidget(self.stations)

    # --- rows ----------------------------------------------------------------------------------------

    def add_printer(self, entry: dict[str, Any]) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        default_name = self.tr("Kitchen") if row == 0 else self.tr("Printer {0}").format(row + 1)
        self.table.setItem(row, NAME, QTableWidgetItem(str(entry.get("name") or default_name)))
        self.table.setItem(row, URI, QTableWidgetItem(str(entry.get("uri") or "tcp://")))
        encoding = str(entry.get("encoding") or "big5")
        self.table.setCellWidget(row, ENCODING, _combo(self._encodings(), encoding))
        role = _combo(self._roles(), str(entry.get("role") or "both"))
        role.currentIndexChanged.connect(lambda _index: self.stations.refresh_stations())
        self.table.setCellWidget(row, ROLE, role)
        self.table.setItem(row, FAILOVER, QTableWidgetItem(str(entry.get("failover") or "")))
        self.table.setItem(row, STATION, QTableWidgetItem(str(entry.get("station") or "")))
        copies = QSpinBox()
        copies.setRange(1, MAX_COPIES)
        copies.setValue(max(1, min(MAX_COPIES, int(entry.get("copies") or 1))))
        self.table.setCellWidget(row, COPIES, copies)
        self.table.selectRow(row)
        return row

    def remove_printer(self) -> None:
        remove_current_row(self.table)

    def entry(self, row: int) -> dict[str, Any]:
        return {
            "name": _text(self.table.item(row, NAME)),
            "uri": _text(self.table.item(row, URI)),
            "encoding": _data(self.table.cellWidget(row, ENCODING)),
            "role": _data(self.table.cellWidget(row, ROLE)),
            "failover": _text(self.table.item(row, FAILOVER)),
            "station": _text(self.table.item(row, STATION)),
            "copies": _number(self.table.cellWidget(row, COPIES)),
        }

    def entries(self) -> list[dict[str, Any]]:
        return [self.entry(row) for row in range(self.table.rowCount())]

    # --- checking and saving -------------------------------------------------------------------------

    def problem(self) -> str:
        """Words for the first thing wrong with the printer list, or "" when it can be saved."""
        entries = self.entries()
        names = [e["name"] for e in entries]
        for entry in entries:
            if not entry["name"]:
                return self.tr("Every printer needs a name.")
            if names.count(entry["name"]) > 1:
                return self.tr("Two printers are called “{0}”; give each its own name.").format(entry["name"])
            try:
                printer_from_entry(entry)
            except (KeyError, ValueError):
                return self.tr("The address of “{0}” is not a printer address.").format(entry["name"])
            failover = entry["failover"]
            if failover and (failover == entry["name"] or failover not in names):
                text = self.tr("“{0}” should fall back to another printer in this list, not “{1}”.")
                return text.format(entry["name"], failover)
        return ""

    def validate(self) -> bool:
        """The printer list, then the station rules (their words also in this page's status line)."""
        stations_ok = self.stations.validate()
        problem = self.problem() or self.stations.problem()
        self._say(lambda: self.problem() or self.stations.problem(), bad=bool(problem))
        return not problem and stations_ok

    def values(self) -> dict[str, Any]:
        return {
            **self.stations.values(),
            "printers": self.entries(),
            "auto_print_kitchen": self.auto_kitchen.isChecked(),
            "auto_print_receipt": self.auto_receipt.isChecked(),
            "print_cancel_slip": self.cancel_slip.isChecked(),
            "print_refund_slip": self.refund_slip.isChecked(),
        }

    # --- the test page -------------------------------------------------------------------------------

    def print_test(self) -> None:
        UiOp[bool](self, name="printer test page").run(self.print_test_now())

    async def print_test_now(self) -> bool:
        """Print the selected printer's test page; the blocking I/O runs in a worker thread."""
        row = self.table.currentRow()
        if row < 0:
            self._say(lambda: self.tr("Choose a printer in the list first."), bad=True)
            return False
        entry = self.entry(row)
        try:
            printer = printer_to_test(entry)
        except (KeyError, ValueError):
            name = entry["name"]
            self._say(lambda: self.tr("The address of “{0}” is not a printer address.").format(name), True)
            return False
        self.test_button.setEnabled(False)
        self._say(lambda: self.tr("Printing the test page on {0}…").format(printer.name))
        try:
            printed = await print_test_page(printer, printer.uri)
        except (PrintError, OSError, ValueError) as exc:
            why = str(exc)
            self._say(lambda: self.tr("The test page did not print: {0}").format(why), bad=True)
            return False
        finally:
            self.test_button.setEnabled(True)
        self._say(lambda: self._test_sent(printed.printer))
        return True

    def _test_sent(self, printer: str) -> str:
        text = self.tr("Test page sent to {0}. If its Chinese line reads 香港茶餐廳 叉燒飯 測試, keep "
                       "this setting; if not, try another “Chinese text” choice.")  # fmt: skip
        return text.format(printer)

    def _say(self, note: Callable[[], str], bad: bool = False) -> None:
        self.status_line.say(note, bad)


def _combo(items: list[tuple[str, str]], current: str) -> QComboBox:
    combo = QComboBox()
    for key, label in items:
        combo.addItem(label, key)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def _text(item: QTableWidgetItem | None) -> str:
    return item.text().strip() if item is not None else ""


def _number(widget: QWidget | None) -> int:
    return widget.value() if isinstance(widget, QSpinBox) else 1


def _data(widget: QWidget | None) -> str:
    return str(widget.currentData()) if isinstance(widget, QComboBox) else ""
