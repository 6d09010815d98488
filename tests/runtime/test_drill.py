"""The opening drill: checks against real servers on 127.0.0.1, and the dialog's one-tap fixes."""

from __future__ import annotations

import time

import httpx
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from posapp.engine.sync import ConnectionStatus, LinkState
from posapp.printing.printers import Printer
from posapp.runtime.drill import (
    UNREACHABLE_RELAY,
    CheckResult,
    CheckState,
    Fix,
    check_printers,
    check_relay,
    check_store,
    configured_printers,
)
from posapp.session import drill_for
from posapp.sim.server import SimServer
from posapp.ui.opening_drill import DrillChecks, OpeningDrill
from tests.printing.recorder import PrinterServer, closed_port


async def test_store_is_reachable_when_the_platform_answers(sim: SimServer) -> None:
    async with httpx.AsyncClient() as http:
        up = await check_store(http, f"{sim.base_url}/keeta/api/open", configured=True)
        down = await check_store(http, f"http://127.0.0.1:{closed_port()}/api/open", configured=True)
        unset = await check_store(http, "https://unused.invalid", configured=False)
    assert up.state is CheckState.OK
    assert (down.state, down.fix) == (CheckState.PROBLEM, Fix.RETRY)
    assert (unset.state, unset.fix) == (CheckState.SKIPPED, Fix.SETTINGS)


def test_relay_check_follows_the_connection_state() -> None:
    def status(state: LinkState, detail: str = "") -> ConnectionStatus:
        return ConnectionStatus(state=state, since=time.time(), detail=detail)

    assert check_relay(status(LinkState.CONNECTED), True).state is CheckState.OK
    assert check_relay(status(LinkState.OFFLINE), True).fix is Fix.RECONNECT
    offline = status(LinkState.OFFLINE, detail="ConnectError: All connection attempts failed")
    assert check_relay(offline, True).detail == UNREACHABLE_RELAY  # the cashier's words, not the error
    assert check_relay(None, True).fix is Fix.RECONNECT
    assert check_relay(status(LinkState.REFUSED), True).fix is Fix.SETTINGS
    assert check_relay(None, False).state is CheckState.SKIPPED


async def test_printer_check_prints_a_test_page_and_names_the_dead_printer() -> None:
    printer = PrinterServer()
    try:
        good = Printer(name="kitchen", uri=printer.uri, connect_timeout=2)
        dead = Printer(name="counter", uri=f"tcp://127.0.0.1:{closed_port()}", connect_timeout=1)
        ok = await check_printers([good])
        assert ok.state is CheckState.OK
        assert b"TEST" in printer.recorder.wait_tickets(1)[0]
        bad = await check_printers([good, dead])
    finally:
        printer.close()
    assert (bad.state, bad.fix) == (CheckState.PROBLEM, Fix.RETRY)
    assert "counter" in bad.detail and "kitchen" not in bad.detail
    assert (await check_printers([])).state is CheckState.SKIPPED


def test_printers_are_read_from_settings_and_bad_entries_skipped() -> None:
    printers = configured_printers(
        [
            {"name": "k", "uri": "tcp://10.0.0.5:9100", "encoding": "gb18030"},
            {"name": "no uri"},
            {"uri": "x", "encoding": "?"},
        ]
    )
    assert [(p.name, p.uri, p.encoding.value) for p in printers] == [("k", "tcp://10.0.0.5:9100", "gb18030")]


class SilentChime:
    problem: str | None = "No sound: no speaker found. Alerts are visual only."
    plays = 0

    def play(self) -> None:
        self.plays += 1


async def test_drill_dialog_shows_results_and_its_buttons_fix(qtbot: QtBot) -> None:
    store_calls: list[int] = []
    fixed: list[str] = []

    async def store() -> CheckResult:
        store_calls.append(1)
        if len(store_calls) == 1:
            return CheckResult(CheckState.PROBLEM, "cannot reach", Fix.RETRY)
        return CheckResult(CheckState.OK, "answers")

    async def printers() -> CheckResult:
        return CheckResult(CheckState.SKIPPED, "no printer set up", Fix.SETTINGS)

    checks = DrillChecks(store, printers, relay_configured=True, chime=SilentChime())  # type: ignore[arg-type]
    fixes = {
        Fix.SETTINGS: lambda: fixed.append("settings"),
        Fix.RECONNECT: lambda: fixed.append("reconnect"),
        Fix.VISUAL_ALERTS: lambda: fixed.append("visual"),
    }
    drill = drill_for(checks, fixes)
    qtbot.addWidget(drill)
    drill.run_all()
    await _settle(drill)
    rows = drill.rows
    assert rows["store"].detail.text() == "cannot reach"
    assert rows["sound"].fix is Fix.VISUAL_ALERTS and rows["relay"].fix is Fix.RECONNECT
    assert rows["computer"].result is not None  # the selftest's checks ran too

    rows["store"].button.click()  # "Try again"
    await _settle(drill)
    assert rows["store"].detail.text() == "answers" and rows["store"].button.isHidden()
    rows["printer"].button.click()
    rows["relay"].button.click()
    rows["sound"].button.click()
    assert fixed == ["settings", "reconnect", "visual"]
    drill.relay_status(ConnectionStatus(state=LinkState.CONNECTED, since=time.time()))
    assert rows["relay"].state.text() == "✔"


async def _settle(drill: OpeningDrill) -> None:
    import asyncio

    while drill.tasks:
        await asyncio.gather(*drill.tasks)


async def test_drill_grows_to_show_each_explanation_whole(qtbot: QtBot) -> None:
    long = "No sound: this computer's audio system is missing, so new orders will not ring. " * 2

    async def store() -> CheckResult:
        return CheckResult(CheckState.PROBLEM, long, Fix.RETRY)

    async def printers() -> CheckResult:
        return CheckResult(CheckState.SKIPPED, long, Fix.SETTINGS)

    checks = DrillChecks(store, printers, relay_configured=True, chime=SilentChime())  # type: ignore[arg-type]
    drill = drill_for(checks, {})
    qtbot.addWidget(drill)
    drill.show()
    before = drill.height()
    drill.run_all()  # the answers arrive after the dialog is on screen
    await _settle(drill)
    drill.layout().activate()
    QApplication.sendPostedEvents(None, 0)
    assert drill.height() > before
    for row in drill.rows.values():
        detail = row.detail
        assert detail.height() >= detail.heightForWidth(detail.width()), row.title.text()
