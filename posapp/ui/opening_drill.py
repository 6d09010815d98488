"""The opening drill shown at start: store reachable, relay connected, printer test, sound test.

Each row shows a check's state in words and one button that fixes or retries it. The relay row follows
the bridge's connection signal live, so "Reconnect" turns green without pressing anything else. The
dialog is non-modal: orders keep arriving on the board behind it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

import httpx
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from posapp.engine.core import AppCore
from posapp.engine.sync import ConnectionStatus
from posapp.runtime.drill import (
    CheckResult,
    CheckState,
    Fix,
    check_printers,
    check_relay,
    check_store,
    configured_printers,
)
from posapp.ui.alerts import Chime
from posapp.ui.main_window import MainWindow

CheckFn = Callable[[], Awaitable[CheckResult]]
MARKS = {CheckState.OK: "✔", CheckState.PROBLEM: "✖", CheckState.SKIPPED: "–"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("OpeningDrill", text)


@dataclass
class DrillChecks:
    store: CheckFn
    printers: CheckFn
    relay_configured: bool
    chime: Chime


def sound_check(chime: Chime) -> CheckResult:
    if chime.problem:
        return CheckResult(CheckState.PROBLEM, chime.problem, Fix.VISUAL_ALERTS)
    chime.play()
    return CheckResult(CheckState.OK, _tr("Chime played: you should have heard it."), Fix.RETRY)


class _Row:
    def __init__(self, grid: QGridLayout, row: int, title: str, on_fix: Callable[[Fix], None]) -> None:
        self.state = QLabel("…")
        self.detail = QLabel(_tr("checking…"))
        self.detail.setWordWrap(True)
        self.button = QPushButton()
        self.button.setVisible(False)
        self.fix: Fix | None = None
        self.button.clicked.connect(lambda: self._clicked(on_fix))
        for column, widget in enumerate((QLabel(title), self.state, self.detail, self.button)):
            grid.addWidget(widget, row, column)

    def _clicked(self, on_fix: Callable[[Fix], None]) -> None:
        if self.fix is not None:
            on_fix(self.fix)

    def show(self, result: CheckResult) -> None:
        self.state.setText(MARKS[result.state])
        self.detail.setText(result.detail)
        self.fix = result.fix
        self.button.setText(_fix_label(result.fix))
        self.button.setVisible(result.fix is not None)


def _fix_label(fix: Fix | None) -> str:
    labels = {
        Fix.RETRY: _tr("Try again"),
        Fix.SETTINGS: _tr("Open settings"),
        Fix.RECONNECT: _tr("Reconnect"),
        Fix.VISUAL_ALERTS: _tr("Use visual alerts"),
    }
    return labels.get(fix, "") if fix is not None else ""


class OpeningDrill(QDialog):
    """``fixes`` maps SETTINGS / RECONNECT / VISUAL_ALERTS to the app's actions; RETRY re-runs the row."""

    def __init__(
        self, checks: DrillChecks, fixes: Mapping[Fix, Callable[[], object]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Opening check"))
        self.checks, self.fixes = checks, fixes
        grid = QGridLayout()
        self.rows = {
            name: _Row(grid, i, title, self._fixer(name))
            for i, (name, title) in enumerate(
                [("store", _tr("Store online")), ("relay", _tr("Relay connected")),
                 ("printer", _tr("Printer test")), ("sound", _tr("Sound test"))]
            )
        }  # fmt: skip
        done = QPushButton(_tr("Start the day"))
        done.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(done)
        self.relay_status(None)
        self.tasks: set[asyncio.Task[None]] = set()

    def run_all(self) -> None:
        for name in ("store", "printer", "sound"):
            self._run(name)

    def relay_status(self, status: ConnectionStatus | None) -> None:
        self.rows["relay"].show(check_relay(status, self.checks.relay_configured))

    def _run(self, name: str) -> None:
        if name == "sound":
            self.rows[name].show(sound_check(self.checks.chime))
            return
        check = self.checks.store if name == "store" else self.checks.printers
        task = asyncio.ensure_future(self._show(name, check))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _show(self, name: str, check: CheckFn) -> None:
        self.rows[name].show(await check())

    def _fixer(self, name: str) -> Callable[[Fix], None]:
        return lambda fix: self._fix(name, fix)

    def _fix(self, name: str, fix: Fix) -> None:
        if fix is Fix.RETRY:
            self._run(name)
            return
        action = self.fixes.get(fix)
        if action is not None:
            action()


def show_drill(window: MainWindow, core: AppCore, restart: asyncio.Event) -> OpeningDrill:
    """Builds the drill for the app's first window; the window keeps it (no global, no deletion)."""
    settings = window.services.settings

    async def store() -> CheckResult:
        async with httpx.AsyncClient() as http:
            return await check_store(http, settings.keeta_base_url, bool(settings.keeta_app_id))

    async def printers() -> CheckResult:
        return await check_printers(configured_printers(settings.printers))

    def visual_only() -> None:
        window.alerter.chime_enabled = False

    checks = DrillChecks(store, printers, core.sync is not None, window.alerter.chime)
    fixes = {Fix.SETTINGS: window.open_settings, Fix.RECONNECT: restart.set, Fix.VISUAL_ALERTS: visual_only}
    dialog = OpeningDrill(checks, fixes, window)
    if core.sync is not None:
        core.sync.on_status(dialog.relay_status)
    dialog.show()
    dialog.run_all()
    return dialog
