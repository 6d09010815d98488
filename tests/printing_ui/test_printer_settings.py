"""The printer settings page: add/edit printers, checks before saving, a round trip through the
settings file, and the test page printed off the Qt thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QComboBox, QTableWidgetItem

from posapp.engine.printing_hooks import build_printing
from posapp.printing.escpos_render import Encoding
from posapp.printing.printers import Printed, Printer
from posapp.printing.ticket import Ticket
from posapp.secrets import SecretStore
from posapp.settings import Settings, SettingsFile
from posapp.ui.printing import editing
from posapp.ui.printing.settings_page import ENCODING, FAILOVER, NAME, ROLE, URI, PrinterSettingsPage
from posapp.ui.settings_dialog import SettingsDialog
from tests.printing.recorder import PrinterServer
from tests.ui.harness import until


def _set(page: PrinterSettingsPage, row: int, column: int, value: str) -> None:
    if column in (ENCODING, ROLE):
        combo = page.table.cellWidget(row, column)
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData(value))
    else:
        page.table.setItem(row, column, QTableWidgetItem(value))


def test_printer_settings_round_trip(qapp: QApplication, tmp_path: Path) -> None:
    dialog = SettingsDialog(Settings(), SecretStore())
    page = dialog.printers
    saved: list[Settings] = []
    dialog.saved.connect(saved.append)
    dialog.show()

    page.add_button.click()
    _set(page, 0, URI, "tcp://192.168.1.50:9100")
    _set(page, 0, ROLE, "kitchen")
    page.add_button.click()
    _set(page, 1, NAME, "counter")
    _set(page, 1, URI, "usb://04b8:0e15")
    _set(page, 1, ENCODING, "gb18030")
    _set(page, 1, ROLE, "receipt")
    _set(page, 1, FAILOVER, "nowhere")
    page.auto_receipt.setChecked(False)

    dialog.save()
    assert saved == [] and page.status.isVisible() and "nowhere" in page.status.text()
    _set(page, 1, FAILOVER, "Kitchen")
    _set(page, 0, URI, "192.168.1.50")  # no scheme: not a printer address
    dialog.save()
    assert saved == [] and "Kitchen" in page.status.text()
    _set(page, 0, URI, "tcp://192.168.1.50:9100")
    dialog.save()

    (settings,) = saved
    assert not dialog.isVisible()  # saved and closed
    file = SettingsFile(tmp_path / "settings.json")
    file.save(settings)
    loaded = file.load()
    assert loaded.printers == [
        {"name": "Kitchen", "uri": "tcp://192.168.1.50:9100", "encoding": "big5", "role": "kitchen",
         "failover": "", "station": "", "copies": 1},
        {"name": "counter", "uri": "usb://04b8:0e15", "encoding": "gb18030", "role": "receipt",
         "failover": "Kitchen", "station": "", "copies": 1},
    ]  # fmt: skip
    assert (loaded.auto_print_kitchen, loaded.auto_print_receipt, loaded.print_cancel_slip) == (
        True,
        False,
        True,
    )
    again = PrinterSettingsPage(loaded)
    assert again.entries() == loaded.printers and not again.auto_receipt.isChecked()
    setup = build_printing(loaded).setup
    assert (setup.kitchen, setup.receipt) == ("Kitchen", "counter")
    assert setup.printers["counter"].failover == "Kitchen"
    assert setup.printers["counter"].encoding is Encoding.GB18030


def test_removing_a_printer(qapp: QApplication) -> None:
    page = PrinterSettingsPage(
        Settings(printers=[{"name": "a", "uri": "tcp://h"}, {"name": "b", "uri": "tcp://i"}])
    )
    page.table.selectRow(0)
    page.remove_button.click()
    assert [e["name"] for e in page.entries()] == ["b"]


async def test_test_page_prints_off_the_qt_thread(
    qapp: QApplication, printer: Callable[..., PrinterServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    server = printer()
    threads: list[threading.Thread] = []
    real = editing.send_ticket  # where both test prints send

    def recording(target: Printer, ticket: Ticket) -> Printed:
        threads.append(threading.current_thread())
        return real(target, ticket)

    monkeypatch.setattr(editing, "send_ticket", recording)
    page = PrinterSettingsPage(Settings(printers=[{"name": "bar", "uri": server.uri, "encoding": "big5"}]))
    page.table.selectRow(0)

    page.test_button.click()

    await until(lambda: len(server.recorder.tickets) == 1 and page.test_button.isEnabled())
    assert threads and threads[0] is not threading.main_thread()
    assert "測試".encode("big5hkscs") in server.recorder.tickets[0]
    assert "bar" in page.status.text() and page.status.property("role") == ""


async def test_test_page_on_a_switched_off_printer_says_so(qapp: QApplication) -> None:
    from tests.printing.recorder import closed_port

    page = PrinterSettingsPage(
        Settings(printers=[{"name": "bar", "uri": f"tcp://127.0.0.1:{closed_port()}"}])
    )
    page.table.selectRow(0)

    assert not await page.print_test_now()
    assert page.status.property("role") == "problem" and "bar" in page.status.text()


def test_printer_screens_speak_chinese(qapp: QApplication) -> None:
    from posapp.printing.events import PrinterDown
    from posapp.ui.i18n import LanguageSwitcher
    from posapp.ui.printing.alert import PrinterAlert

    languages = LanguageSwitcher(qapp)
    assert languages.switch("zh_HK")
    try:
        page = PrinterSettingsPage(Settings())
        alert = PrinterAlert()
        alert.printer_down(PrinterDown("kitchen", "refused", 2, "counter"))
        assert page.title() == "打印機" and page.test_button.text() == "打印測試頁"
        assert "打印機 kitchen 無法打印" in alert.text() and "counter" in alert.text()
    finally:
        languages.switch("en")
