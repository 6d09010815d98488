"""The opening drill shown at start: store reachable, relay connected, printer test, sound test, and
the password store, and this computer's parts (speech, USB printing, languages: the checks of
``posapp --selftest``).

Each row shows a check's state in words and one button that fixes or retries it. The relay row follows
the bridge's connection signal live, so "Reconnect" turns green without pressing anything else. The
dialog is non-modal: orders keep arriving on the board behind it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent
from PySide6.QtWidgets import QDialog, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from posapp.domain.message import Message
from posapp.engine.sync import ConnectionStatus
from posapp.runtime.drill import (
    CheckResult,
    CheckState,
    Fix,
    check_relay,
    check_secrets,
)
from posapp.secrets import SecretStore
from posapp.ui.alerts import Chime
from posapp.ui.messages import translated
from posapp.ui.ops import UiOp, running
from posapp.ui.selftest import DRILL_CHECKS, check_chime, run_checks

log = logging.getLogger(__name__)

CheckFn = Callable[[], Awaitable[CheckResult]]
MARKS = {CheckState.OK: "✔", CheckState.PROBLEM: "✖", CheckState.SKIPPED: "–"}


translate = QCoreApplication.translate  # called with the literal context, so pyside6-lupdate finds it

# The checks' words from ``runtime/drill.py`` (English; {0} … are values put back after translation).
CHECK_WORDS = (
    QT_TRANSLATE_NOOP("OpeningDrill", "Keeta is not set up yet"),
    QT_TRANSLATE_NOOP("OpeningDrill", "cannot reach {0}: {1}"),
    QT_TRANSLATE_NOOP("OpeningDrill", "{0} answers"),
    QT_TRANSLATE_NOOP("OpeningDrill", "no relay set up"),
    QT_TRANSLATE_NOOP("OpeningDrill", "not connected yet"),
    QT_TRANSLATE_NOOP(
        "OpeningDrill", "cannot reach the relay; the app keeps trying. Check the shop's internet connection."
    ),
    QT_TRANSLATE_NOOP("OpeningDrill", "the relay refused this store's token"),
    QT_TRANSLATE_NOOP("OpeningDrill", "connected"),
    QT_TRANSLATE_NOOP("OpeningDrill", "no printer set up"),
    QT_TRANSLATE_NOOP("OpeningDrill", "test page sent to {0}"),
    QT_TRANSLATE_NOOP("OpeningDrill", "Chime played: you should have heard it."),
    QT_TRANSLATE_NOOP("OpeningDrill", "The chime did not play: {0}. Alerts are visual only."),
    QT_TRANSLATE_NOOP("OpeningDrill", "Speech, USB printing and languages are in order"),
    QT_TRANSLATE_NOOP("OpeningDrill", "Part of this installation is missing ({0}): reinstall posapp"),
    QT_TRANSLATE_NOOP("OpeningDrill", "not checked"),
    QT_TRANSLATE_NOOP("OpeningDrill", "passwords are kept in the system keyring ({0})"),
    QT_TRANSLATE_NOOP(
        "OpeningDrill",
        "The password store found ({0}) keeps passwords in a plain file; posapp does not use it.",
    ),
    QT_TRANSLATE_NOOP("OpeningDrill", "No system keyring is available on this computer ({0})."),
    QT_TRANSLATE_NOOP("OpeningDrill", "The password store found ({0}) is not a system keyring."),
    QT_TRANSLATE_NOOP(
        "OpeningDrill",
        "Set up the system keyring (Windows Credential Manager, macOS Keychain, or GNOME Keyring / KWallet), "
        "then try again.",
    ),
)


async def computer_check() -> CheckResult:
    """The install's parts, as ``posapp --selftest`` tries them; the log keeps each one's line."""
    results = await run_checks(DRILL_CHECKS, log.info)
    broken = [name for name, result in results.items() if result.state is CheckState.PROBLEM]
    if broken:
        missing = Message("Part of this installation is missing ({0}): reinstall posapp", ", ".join(broken))
        return CheckResult(CheckState.PROBLEM, missing, Fix.RETRY)
    return CheckResult(CheckState.OK, "Speech, USB printing and languages are in order")


@dataclass
class DrillChecks:
    store: CheckFn
    printers: CheckFn
    relay_configured: bool
    chime: Chime
    secrets: SecretStore | None = None  # None: the row says the password store was not checked
    computer: CheckFn = computer_check


async def sound_check(chime: Chime) -> CheckResult:
    """The selftest's chime check: played through the sound system, heard to the end."""
    if chime.problem:
        return CheckResult(CheckState.PROBLEM, chime.problem, Fix.VISUAL_ALERTS)
    result = await check_chime(chime)
    if result.state is not CheckState.OK:
        detail = Message("The chime did not play: {0}. Alerts are visual only.", result.detail)
        return CheckResult(CheckState.PROBLEM, detail, Fix.VISUAL_ALERTS)
    return CheckResult(CheckState.OK, "Chime played: you should have heard it.", Fix.RETRY)


DETAIL_MIN_WIDTH = 420


class _Row:
    def __init__(self, grid: QGridLayout, row: int, on_fix: Callable[[Fix], None]) -> None:
        self.title = QLabel()
        self.state = QLabel("…")
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setMinimumWidth(DETAIL_MIN_WIDTH)  # wraps at a readable width, never a sliver
        self.button = QPushButton()
        self.button.setVisible(False)
        self.fix: Fix | None = None
        self.result: CheckResult | None = None
        self.button.clicked.connect(lambda: self._clicked(on_fix))
        for column, widget in enumerate((self.title, self.state, self.detail, self.button)):
            grid.addWidget(widget, row, column)

    def _clicked(self, on_fix: Callable[[Fix], None]) -> None:
        if self.fix is not None:
            on_fix(self.fix)

    def show(self, result: CheckResult | None) -> None:
        self.result = result
        if result is None:
            self.detail.setText(translate("OpeningDrill", "checking…"))
            return
        self.state.setText(MARKS[result.state])
        self.detail.setText(translated("OpeningDrill", result.detail))
        self.fix = result.fix
        self.button.setText(_fix_label(result.fix))
        self.button.setVisible(result.fix is not None)


def _fix_label(fix: Fix | None) -> str:
    labels = {
        Fix.RETRY: translate("OpeningDrill", "Try again"),
        Fix.SETTINGS: translate("OpeningDrill", "Open settings"),
        Fix.RECONNECT: translate("OpeningDrill", "Reconnect"),
        Fix.VISUAL_ALERTS: translate("OpeningDrill", "Use visual alerts"),
    }
    return labels.get(fix, "") if fix is not None else ""


class OpeningDrill(QDialog):
    """``fixes`` maps SETTINGS / RECONNECT / VISUAL_ALERTS to the app's actions; RETRY re-runs the row."""

    def __init__(
        self, checks: DrillChecks, fixes: Mapping[Fix, Callable[[], object]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.checks, self.fixes = checks, fixes
        grid = QGridLayout()
        self.rows = {
            name: _Row(grid, i, self._fixer(name))
            for i, name in enumerate(("store", "relay", "secrets", "printer", "sound", "computer"))
        }
        for row in self.rows.values():
            row.show(None)
        self.done_button = QPushButton()
        self.done_button.clicked.connect(self.accept)
        grid.setColumnStretch(2, 1)  # the explanation takes the room; titles and marks stay narrow
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.done_button)
        self.relay_status(None)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(translate("OpeningDrill", "Opening check"))
        titles = {
            "store": translate("OpeningDrill", "Store online"),
            "relay": translate("OpeningDrill", "Relay connected"),
            "secrets": translate("OpeningDrill", "Password store"),
            "printer": translate("OpeningDrill", "Printer test"),
            "sound": translate("OpeningDrill", "Sound test"),
            "computer": translate("OpeningDrill", "This computer"),
        }
        for name, row in self.rows.items():
            row.title.setText(titles[name])
            row.show(row.result)
        self.done_button.setText(translate("OpeningDrill", "Start the day"))
        self.fit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def run_all(self) -> None:
        for name in ("store", "secrets", "printer", "sound", "computer"):
            self._run(name)

    def relay_status(self, status: ConnectionStatus | None) -> None:
        self.rows["relay"].show(check_relay(status, self.checks.relay_configured))
        self.fit()

    @property
    def tasks(self) -> list[asyncio.Task[Any]]:
        """The checks still running (tests wait for them)."""
        return running(self)

    def _run(self, name: str) -> None:
        shown = partial(self._shown, name)
        op = UiOp[CheckResult](self, success=shown, name=f"opening check {name}")
        if name == "secrets":
            secrets = self.checks.secrets
            if secrets is None:
                self._shown(name, CheckResult(CheckState.SKIPPED, "not checked"))
            else:  # a locked keyring may wait for the user: never on the GUI thread
                op.run_blocking(lambda: check_secrets(secrets))
            return
        checks: dict[str, CheckFn] = {
            "store": self.checks.store,
            "printer": self.checks.printers,
            "sound": lambda: sound_check(self.checks.chime),
            "computer": self.checks.computer,
        }
        op.run(_awaited(checks[name]))

    def _shown(self, name: str, result: CheckResult) -> None:
        self.rows[name].show(result)
        self.fit()

    def fit(self) -> None:
        """The explanations arrive after the dialog is shown: it grows to hold each one whole instead
        of clipping a sentence at its first size."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.heightForWidth(self.width()) if layout.hasHeightForWidth() else -1
        needed = max(needed, layout.sizeHint().height())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _fixer(self, name: str) -> Callable[[Fix], None]:
        return lambda fix: self._fix(name, fix)

    def _fix(self, name: str, fix: Fix) -> None:
        if fix is Fix.RETRY:
            self._run(name)
            return
        action = self.fixes.get(fix)
        if action is not None:
            action()


async def _awaited(check: CheckFn) -> CheckResult:
    return await check()
