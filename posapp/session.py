"""The one builder of the running app: settings + secrets + clock + transports → engine, bridge, window.

``posapp/app.py`` (the cashier app), ``posapp/demo/runner.py`` (the demo) and the screen-test harness
all call :func:`open_session`; the engine part alone comes from :func:`posapp.engine.assembly.build_core`,
which only this module and engine-level tests call. Nothing else wires parts together.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import shiboken6
from PySide6.QtWidgets import QApplication

from posapp.engine.assembly import SessionSecrets, Transports, Tuning, build_core
from posapp.engine.core import AppCore
from posapp.engine.services import AppServices
from posapp.engine.token_keeper import TokenVault
from posapp.secrets import SecretStore
from posapp.settings import Settings, SettingsFile
from posapp.ui.alerts import Chime
from posapp.ui.bridge import Bridge
from posapp.ui.i18n import LanguageSwitcher
from posapp.ui.main_window import MainWindow
from posapp.ui.printing.hookup import PrintingScreens, attach_printing


@dataclass(frozen=True)
class SessionInputs:
    """What one session is built from. ``secrets`` are the keyring values already read (once);
    ``secret_store`` is where Settings writes new ones."""

    db_path: Path
    settings_file: SettingsFile
    secret_store: SecretStore
    secrets: SessionSecrets
    settings: Settings | None = None  # None: read from ``settings_file``
    demo: bool = False
    clock: Callable[[], float] = time.time
    transports: Transports = field(default_factory=Transports)
    tuning: Tuning = field(default_factory=Tuning)
    refresh_tokens: bool = False  # direct mode: the app keeps the Keeta token fresh in the keyring


@dataclass
class Session:
    core: AppCore
    services: AppServices
    bridge: Bridge
    window: MainWindow
    printing: PrintingScreens | None

    async def close(self) -> None:
        """Stops the engine and deletes the window now (a deleteLater left pending when a test's loop
        ends crashes the interpreter at exit)."""
        await self.core.stop()
        self.window.close()
        if shiboken6.isValid(self.bridge):
            shiboken6.delete(self.bridge)
        if shiboken6.isValid(self.window):
            shiboken6.delete(self.window)


def core_for(inputs: SessionInputs, settings: Settings) -> AppCore:
    vault = TokenVault(inputs.secret_store) if inputs.refresh_tokens else None
    return build_core(
        inputs.db_path, settings, inputs.secrets, clock=inputs.clock, transports=inputs.transports,
        tuning=inputs.tuning, token_vault=vault,
    )  # fmt: skip


def open_session(
    app: QApplication,
    inputs: SessionInputs,
    *,
    chime: Chime | None = None,
    show: bool = True,
    start: bool = True,
) -> Session:
    """The engine (started unless ``start`` is False), the window on it (shown unless ``show`` is False)."""
    settings = inputs.settings or inputs.settings_file.load()
    core = core_for(inputs, settings)
    if start:
        core.start()
    services = AppServices(
        core.orders, inputs.settings_file, inputs.secret_store, settings, sync=core.sync, demo=inputs.demo,
        delivery=core.delivery, unreadable=core.unreadable,
    )  # fmt: skip
    bridge = Bridge(core.hub, parent=app)
    languages = LanguageSwitcher(app)
    if settings.language != "en":
        languages.switch(settings.language)
    window = MainWindow(services, bridge, languages=languages, chime=chime, clock=inputs.clock)
    for health in core.supervisor.health.values():
        window.connection.set_task_health(health)
    screens = attach_printing(window, bridge, core.printing) if core.printing is not None else None
    if show:
        window.show()
    return Session(core, services, bridge, window, screens)
