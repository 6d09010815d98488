"""The one builder of the running app: settings + secrets + clock + transports → engine, bridge, window.

``posapp/app.py`` (the cashier app), ``posapp/demo/runner.py`` (the demo) and the screen-test harness
all call :func:`open_session`; the engine part alone comes from :func:`posapp.engine.assembly.build_core`,
which only this module and engine-level tests call. Nothing else wires parts together.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget

from posapp.engine.assembly import SessionSecrets, Transports, Tuning, build_core, read_session_secrets
from posapp.engine.core import AppCore
from posapp.engine.delivery.setup import DeliveryEngine
from posapp.engine.hub import EventHub
from posapp.engine.orders import OrderService
from posapp.engine.services import AppServices, SettingsSaved
from posapp.engine.token_keeper import TokenVault
from posapp.runtime.drill import CheckResult, Fix, check_printers, configured_printers, probe_store
from posapp.secrets import SecretStore, SecretsUnavailable
from posapp.settings import Settings, SettingsChange, SettingsFile
from posapp.store.db import prepare_database
from posapp.ui.alerts import Chime
from posapp.ui.bridge import Bridge
from posapp.ui.delivery.tab import DeliveryTab
from posapp.ui.i18n import LanguageSwitcher
from posapp.ui.main_window import MainWindow
from posapp.ui.opening_drill import DrillChecks, OpeningDrill
from posapp.ui.ops import UiOp
from posapp.ui.printing.hookup import PrintingScreens, attach_printing

log = logging.getLogger(__name__)

# What the delivery tab takes when it is built: a change builds it again (the half-typed form moves over).
DELIVERY_TAB_FIELDS = frozenset({"web_map", "store_location"})


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
    languages: LanguageSwitcher
    drill: OpeningDrill | None = None  # the opening check, once shown (posapp/app.py shows it at start)
    _reconnect: Callable[[SettingsChange], None] | None = field(default=None, repr=False)

    def follow_settings(self, reconnect: Callable[[SettingsChange], None]) -> None:
        """A saved setting is applied to this session's parts in place (the window applies its own:
        language, theme, text size, sound); only a new store, relay or secret calls ``reconnect``."""
        self._reconnect = reconnect
        self.core.hub.subscribe(SettingsSaved, self._settings_saved)

    def _settings_saved(self, saved: SettingsSaved) -> None:
        change = saved.change
        if change.reconnects:
            if self._reconnect is not None:
                self._reconnect(change)
            return
        if self.core.printing is not None:
            self.core.printing.apply(change.after)
        self.core.controls.set_limits(change.after.pause_reminder_minutes, change.after.closing_time)
        if change.changed() & DELIVERY_TAB_FIELDS:
            self.window.rebuild_delivery_tab()

    async def reconnect(self, inputs: SessionInputs) -> None:
        """A new connection under the same window (a new store, relay or secret): the engine stops, the
        builder makes the next one from ``inputs`` and the current settings, and the window moves onto it
        with its tabs and whatever is typed in them."""
        await self.core.stop()
        core = core_for(inputs, self.services.settings)
        core.start()
        self.core = core
        if self._reconnect is not None:  # the next save is published on the new engine's hub
            core.hub.subscribe(SettingsSaved, self._settings_saved)
        services = self.services
        services.orders, services.sync = core.orders, core.sync
        services.delivery, services.unreadable = core.delivery, core.unreadable
        services.busy, services.sold_out, services.controls = core.busy, core.sold_out, core.controls
        services.secret_values = inputs.secrets
        old = self.bridge
        self.bridge = _bridge(core, old.parent())
        if self.printing is not None:
            self.printing.detach()
        self.window.rebind(self.bridge)
        self.printing = _engine_on_window(self.window, self.bridge, core)
        if self.drill is not None and shiboken6.isValid(self.drill) and core.sync is not None:
            self.bridge.connection_changed.connect(self.drill.relay_status)  # "Reconnect" turns it green
        old.deleteLater()  # its connections to the window go with it

    def show_drill(self, reconnect: Callable[[], object]) -> OpeningDrill:
        """The opening check over this session's window: the store, relay, password store, printers and
        sound; its "Reconnect" calls ``reconnect``. The window keeps it (no global, no deletion)."""
        window, settings = self.window, self.services.settings

        async def store() -> CheckResult:
            return await probe_store(settings.keeta_base_url, bool(settings.keeta_app_id))

        async def printers() -> CheckResult:
            return await check_printers(configured_printers(settings.printers))

        def visual_only() -> None:
            window.alerter.chime_enabled = False

        relay = self.core.sync is not None
        checks = DrillChecks(store, printers, relay, window.alerter.chime, self.services.secrets)
        fixes = {Fix.SETTINGS: window.open_settings, Fix.RECONNECT: reconnect, Fix.VISUAL_ALERTS: visual_only}
        self.drill = drill = drill_for(checks, fixes, window)
        if relay:
            self.bridge.connection_changed.connect(drill.relay_status)
        drill.show()
        drill.run_all()
        return drill

    async def close(self) -> None:
        """Stops the engine and deletes the window now (a deleteLater left pending when a test's loop
        ends crashes the interpreter at exit)."""
        await self.core.stop()
        self.languages.switch("en")  # the translator is the application's: the next session starts clean
        self.window.close()
        if shiboken6.isValid(self.bridge):
            shiboken6.delete(self.bridge)
        if shiboken6.isValid(self.window):
            shiboken6.delete(self.window)


async def read_secrets(
    parent: QObject, store: SecretStore, settings: Settings | None = None
) -> SessionSecrets:
    """The session's keyring values, read once in a worker thread (a locked keyring may wait for the
    user; the window keeps painting). A missing password store becomes ``problem``, not an error."""
    try:
        return await UiOp[SessionSecrets](parent, name="keyring", failure=_expected).run_blocking(
            lambda: read_session_secrets(store, settings)
        )
    except SecretsUnavailable as exc:
        log.error("no usable password store: %s", exc)
        return SessionSecrets(problem=exc.problem)  # nothing to sign with: the cache only


async def prepare_cache(parent: QObject, db_path: Path) -> None:
    """Creates and migrates the cache in a worker thread before the session opens it."""
    await UiOp[None](parent, name="cache").run_blocking(lambda: prepare_database(db_path))


def _expected(error: Exception) -> None:
    """The caller awaits the task and handles the error itself."""


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
    reconnect: Callable[[SettingsChange], None] | None = None,
) -> Session:
    """The engine (started unless ``start`` is False), the window on it (shown unless ``show`` is False).
    Saved settings apply in place; ``reconnect`` is called when a new store, relay or secret needs a
    new connection (None: they wait for the next start)."""
    settings = inputs.settings or inputs.settings_file.load()
    core = core_for(inputs, settings)
    if start:
        core.start()
    services = AppServices(
        core.orders, inputs.settings_file, inputs.secret_store, settings, sync=core.sync, demo=inputs.demo,
        delivery=core.delivery, unreadable=core.unreadable, secret_values=inputs.secrets,
        busy=core.busy, sold_out=core.sold_out, controls=core.controls,
    )  # fmt: skip
    bridge = _bridge(core, app)
    languages = LanguageSwitcher(app)
    if settings.language != "en":
        languages.switch(settings.language)
    window = MainWindow(
        services, bridge, languages=languages, chime=chime, clock=inputs.clock, delivery_tab=_delivery_tab
    )
    screens = _engine_on_window(window, bridge, core)
    session = Session(core, services, bridge, window, screens, languages)
    session.follow_settings(reconnect or _next_start)
    if show:
        window.show()
    return session


def bridge_for(hub: EventHub, parent: QObject | None = None) -> Bridge:
    """The screens' one adapter on an engine's hub; tests of a single screen part take theirs here too."""
    return Bridge(hub, parent=parent)


def _bridge(core: AppCore, parent: QObject | None) -> Bridge:
    return bridge_for(core.hub, parent)


def delivery_tab_for(
    engine: DeliveryEngine,
    orders: OrderService | None,
    bridge: Bridge,
    *,
    prefer_web_map: bool = True,
    store_location: str = "",
) -> DeliveryTab:
    """The delivery tab on a built delivery engine; tests of the tab alone take theirs here too."""
    return DeliveryTab(
        engine.service, bridge, orders, tiles_url=engine.settings.tiles_url, prefer_web_map=prefer_web_map,
        store_location=store_location,
    )  # fmt: skip


def _delivery_tab(services: AppServices, bridge: Bridge) -> DeliveryTab | None:
    """The window's delivery tab on the current engine and settings (None until Zeek is set up)."""
    if services.delivery is None:
        return None
    settings = services.settings
    return delivery_tab_for(
        services.delivery, services.orders, bridge, prefer_web_map=settings.web_map,
        store_location=settings.store_location,
    )  # fmt: skip


def drill_for(
    checks: DrillChecks, fixes: Mapping[Fix, Callable[[], object]], parent: QWidget | None = None
) -> OpeningDrill:
    """The opening check on ``checks``: the product's from :meth:`Session.show_drill`, a test's fakes."""
    return OpeningDrill(checks, fixes, parent)


def _engine_on_window(window: MainWindow, bridge: Bridge, core: AppCore) -> PrintingScreens | None:
    """The engine's task health on the connection bar, and its printing on the window."""
    for health in core.supervisor.health.values():
        window.connection.set_task_health(health)
    return attach_printing(window, bridge, core.printing) if core.printing is not None else None


def _next_start(change: SettingsChange) -> None:
    log.info("the new connection settings apply at the next start")
