"""Kitchen stations in the printer settings: stations come from the printer list, rules route items,
checks before saving, a round trip into the printing set-up, and a test print per station (real TCP
printers, off the Qt thread)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QComboBox, QSpinBox, QTableWidgetItem

from posapp.engine.printing_hooks import build_printing
from posapp.printing.printers import Printed, Printer
from posapp.printing.ticket import Ticket
from posapp.secrets import SecretStore
from posapp.settings import Settings, SettingsFile
from posapp.ui.printing import editing
from posapp.ui.printing.settings_page import COPIES, STATION, PrinterSettingsPage
from posapp.ui.printing.stations import MATCH
from posapp.ui.printing.stations import STATION as RULE_STATION
from posapp.ui.settings_dialog import SettingsDialog
from tests.printing.recorder import PrinterServer
from tests.ui.harness import until

PRINTERS = [
    {"name": "wok", "uri": "tcp://10.0.0.5:9100", "role": "kitchen", "station": "hot kitchen"},
    {"name": "bar", "uri": "tcp://10.0.0.6:9100", "role": "kitchen", "station": "drinks bar", "copies": 2},
    {"name": "till", "uri": "tcp://10.0.0.7:9100", "role": "receipt"},
]


def _rule(page: PrinterSettingsPage, match: str, station: str) -> None:
    row = page.stations.add_rule({})
    page.stations.table.setItem(row, MATCH, QTableWidgetItem(match))
    combo = page.stations.table.cellWidget(row, RULE_STATION)
    assert isinstance(combo, QComboBox)
    combo.setEditText(station)


def test_stations_rules_and_copies_round_trip_into_the_printing_setup(qapp: QApplication, tmp_path: Path):
    dialog = SettingsDialog(Settings(printers=PRINTERS), SecretStore())
    page = dialog.printers
    saved: list[Settings] = []
    dialog.saved.connect(saved.append)
    dialog.show()
    assert page.stations.stations() == ["hot kitchen", "drinks bar"]
    assert [page.stations.station_choice.itemText(i) for i in range(2)] == ["hot kitchen", "drinks bar"]
    copies = page.table.cellWidget(1, COPIES)
    assert isinstance(copies, QSpinBox) and copies.value() == 2

    _rule(page, "DRINK-*", "drinks bar")
    _rule(page, "Lemon Tea", "cold bar")  # no printer is there yet
    dialog.save()
    assert saved == [] and "cold bar" in page.stations.status.text()
    page.table.setItem(1, STATION, QTableWidgetItem("cold bar"))  # the bar printer moves station
    assert page.stations.stations() == ["hot kitchen", "cold bar"]
    page.stations.table.selectRow(0)
    page.stations.remove_button.click()  # the rule for the old station goes
    page.stations.unaccepted_minutes.setValue(2)
    dialog.save()

    (settings,) = saved
    assert settings.station_routes == [{"match": "Lemon Tea", "station": "cold bar"}]
    assert settings.unaccepted_slip_minutes == 2
    file = SettingsFile(tmp_path / "settings.json")
    file.save(settings)
    loaded = file.load()
    printing = build_printing(loaded)
    assert printing.setup.routing.stations == ["hot kitchen", "cold bar"]
    assert printing.setup.printers["bar"].copies == 2 and printing.setup.receipts == ("till",)
    again = PrinterSettingsPage(loaded)
    assert again.stations.routes() == loaded.station_routes and again.entries() == loaded.printers


async def test_a_test_print_reaches_every_printer_of_the_chosen_station_off_the_qt_thread(
    qapp: QApplication, printer: Callable[..., PrinterServer], monkeypatch: pytest.MonkeyPatch
):
    one, two, other = printer(), printer(), printer()
    threads: list[threading.Thread] = []
    real = editing.send_ticket  # where both test prints send

    def recording(target: Printer, ticket: Ticket) -> Printed:
        threads.append(threading.current_thread())
        return real(target, ticket)

    monkeypatch.setattr(editing, "send_ticket", recording)
    page = PrinterSettingsPage(
        Settings(
            printers=[
                {"name": "wok 1", "uri": one.uri, "role": "kitchen", "station": "hot"},
                {"name": "bar", "uri": other.uri, "role": "kitchen", "station": "drinks"},
                {"name": "wok 2", "uri": two.uri, "role": "kitchen", "station": "hot"},
            ]
        )
    )
    page.stations.station_choice.setCurrentText("hot")
    page.stations.test_button.click()
    await until(lambda: len(one.recorder.tickets) == len(two.recorder.tickets) == 1)
    await until(lambda: page.stations.test_button.isEnabled())
    assert other.recorder.tickets == [] and all(t is not threading.main_thread() for t in threads)
    assert b"wok 2 @ hot" in two.recorder.tickets[0]
    assert "wok 1, wok 2" in page.stations.status.text()


async def test_a_station_without_a_printer_cannot_be_test_printed(qapp: QApplication):
    page = PrinterSettingsPage(Settings(printers=[{"name": "a", "uri": "tcp://h", "role": "receipt"}]))
    assert not await page.stations.print_test_now()
    assert page.stations.status.property("role") == "problem"
