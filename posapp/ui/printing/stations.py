"""Kitchen stations in the printer part of Settings: which items each station prints, a test print
per station (off the Qt thread), and when an unaccepted order prints its slip in the kitchen.

A printer joins a station in the printer list (its "Station" column); the rules here send items there
by item code, name, or a category written as a code prefix (``DRINK-*``) — routing.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
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

MATCH, STATION = range(2)
Entries = Callable[[], list[dict[str, Any]]]


class StationSettings(QGroupBox):
    """``printers`` gives the printer list as currently typed (the stations come from it)."""

    def __init__(self, current: Settings, printers: Entries, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._printers = printers
        self.table = rows_table(2, stretch=MATCH, minimum_height=90)
        self.table.setColumnWidth(STATION, 220)
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        self.station_choice = QComboBox()
        self.test_button = QPushButton()
        self.unaccepted_label = QLabel()
        self.unaccepted_minutes = QSpinBox()
        self.unaccepted_minutes.setRange(0, 4)  # Keeta cancels at 5 minutes: a later slip is too late
        self.unaccepted_minutes.setValue(max(0, min(4, current.unaccepted_slip_minutes)))
        self.hint = QLabel()
        self.hint.setProperty("role", "muted")
        self.hint.setWordWrap(True)
        self.status_line = StatusLine()
        self.status = self.status_line.label
        self._build()
        for route in current.station_routes:
            self.add_rule(route)
        self.add_button.clicked.connect(lambda: self.add_rule({}))
        self.remove_button.clicked.connect(self.remove_rule)
        self.test_button.clicked.connect(self.print_test)
        self.retranslate()

    def _build(self) -> None:
        rules = QHBoxLayout()
        rules.addWidget(self.add_button)
        rules.addWidget(self.remove_button)
        rules.addStretch(1)
        rules.addWidget(self.station_choice)
        rules.addWidget(self.test_button)
        unaccepted = QHBoxLayout()
        unaccepted.addWidget(self.unaccepted_label, 1)
        unaccepted.addWidget(self.unaccepted_minutes)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)
        layout.addLayout(rules)
        layout.addLayout(unaccepted)
        layout.addWidget(self.status)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Kitchen stations"))
        self.hint.setText(
            self.tr(
                "Give kitchen printers a station in the list above; every kitchen printer prints, a"
                " station printer only the items sent to it here. Match an item code, a name, or a"
                " category as a code prefix ending in * (DRINK-*). Items no rule sends anywhere print"
                " on the printers without a station."
            )
        )
        self.table.setHorizontalHeaderLabels([self.tr("Item code, name or category"), self.tr("Station")])
        self.add_button.setText(self.tr("Add rule"))
        self.remove_button.setText(self.tr("Remove rule"))
        self.test_button.setText(self.tr("Test print at station"))
        self.unaccepted_label.setText(
            self.tr("Print an UNACCEPTED ORDER slip in the kitchen after this many minutes (0: never)")
        )
        self.unaccepted_minutes.setSuffix(self.tr(" min"))
        self.refresh_stations()
        self.status_line.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- stations and rules --------------------------------------------------------------------------

    def stations(self) -> list[str]:
        """The stations the printer list names, in its order."""
        found: list[str] = []
        for entry in self._printers():
            station = str(entry.get("station") or "").strip()
            if station and entry.get("role") in ("kitchen", "both") and station not in found:
                found.append(station)
        return found

    def refresh_stations(self) -> None:
        """The station lists follow the printer list as it is edited."""
        chosen = self.station_choice.currentText()
        self.station_choice.clear()
        self.station_choice.addItems(self.stations())
        self.station_choice.setCurrentIndex(max(0, self.station_choice.findText(chosen)))
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, STATION)
            if isinstance(combo, QComboBox):
                _fill(combo, self.stations(), combo.currentText())

    def add_rule(self, route: dict[str, Any]) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, MATCH, QTableWidgetItem(str(route.get("match") or "")))
        combo = QComboBox()
        combo.setEditable(True)  # a station may be typed before its printer is
        _fill(combo, self.stations(), str(route.get("station") or ""))
        self.table.setCellWidget(row, STATION, combo)
        self.table.selectRow(row)
        return row

    def remove_rule(self) -> None:
        remove_current_row(self.table)

    def routes(self) -> list[dict[str, str]]:
        out = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, MATCH)
            combo = self.table.cellWidget(row, STATION)
            match = item.text().strip() if item is not None else ""
            station = combo.currentText().strip() if isinstance(combo, QComboBox) else ""
            if match or station:
                out.append({"match": match, "station": station})
        return out

    def problem(self) -> str:
        stations = self.stations()
        for route in self.routes():
            if not route["match"] or not route["station"]:
                return self.tr("Each rule needs an item (or category) and a station.")
            if route["station"] not in stations:
                text = self.tr("No kitchen printer is at station “{0}”; set one in the printer list.")
                return text.format(route["station"])
        return ""

    def validate(self) -> bool:
        problem = self.problem()
        self._say(self.problem, bad=bool(problem))
        return not problem

    def values(self) -> dict[str, Any]:
        return {"station_routes": self.routes(), "unaccepted_slip_minutes": self.unaccepted_minutes.value()}

    # --- the test print ------------------------------------------------------------------------------

    def print_test(self) -> None:
        UiOp[bool](self, name="station test print").run(self.print_test_now())

    async def print_test_now(self) -> bool:
        """A test page on every printer of the chosen station, in a worker thread each."""
        station = self.station_choice.currentText()
        entries = [e for e in self._printers() if str(e.get("station") or "").strip() == station]
        if not station or not entries:
            self._say(lambda: self.tr("Give a kitchen printer a station first."), bad=True)
            return False
        try:
            printers = [printer_to_test(e) for e in entries]
        except (KeyError, ValueError):
            self._say(
                lambda: self.tr("A printer at station “{0}” has no valid address.").format(station), True
            )
            return False
        self.test_button.setEnabled(False)
        self._say(lambda: self.tr("Printing a test at station {0}…").format(station))
        try:
            for printer in printers:
                await print_test_page(printer, f"{printer.name} @ {station}")
        except (PrintError, OSError, ValueError) as exc:
            why = str(exc)
            self._say(lambda: self.tr("The station test did not print: {0}").format(why), bad=True)
            return False
        finally:
            self.test_button.setEnabled(True)
        names = ", ".join(p.name for p in printers)
        self._say(lambda: self.tr("Test sent to station {0} ({1}).").format(station, names))
        return True

    def _say(self, note: Callable[[], str], bad: bool = False) -> None:
        self.status_line.say(note, bad)


def _fill(combo: QComboBox, stations: list[str], current: str) -> None:
    combo.blockSignals(True)
    combo.clear()
    combo.addItems(stations)
    if current and combo.findText(current) < 0:
        combo.addItem(current)
    combo.setCurrentIndex(max(0, combo.findText(current)) if current else -1)
    combo.blockSignals(False)
