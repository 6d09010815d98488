"""The cashier app's run: Qt, logging, the single instance, the keyring and the cache prepared off the
GUI thread, then one session from the one builder (``posapp/session.py`` over ``engine/assembly.py``).

Saved settings apply in place; a new store, relay or secret reconnects the engine under the same
window. ``--smoke`` and ``--selftest`` live here too; the demo builds its session the same way.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import traceback
from collections.abc import Awaitable, Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from posapp import logs
from posapp.engine.assembly import SessionSecrets
from posapp.engine.token_keeper import TokenHealth
from posapp.paths import AppPaths
from posapp.runtime import keep_awake
from posapp.runtime.backups import DailyBackup
from posapp.runtime.keep_awake import KeepAwake
from posapp.secrets import SecretStore, SecretsUnavailable
from posapp.session import Session, SessionInputs, open_session, prepare_cache, read_secrets
from posapp.settings import Settings, SettingsChange, SettingsFile
from posapp.ui import gui_thread_gc, single_instance
from posapp.ui.day_services import DayServices, bring_to_front
from posapp.ui.errors import secrets_problem_text, setup_problem_text
from posapp.ui.first_run import FirstRunChoice, needs_first_run, run_first_run
from posapp.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def _without_screen() -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def qt_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        gui_thread_gc.install(existing)
        return existing
    if _without_screen():
        # Qt aborts the process when it finds no display; run headless instead and say so.
        log.warning("no screen found (DISPLAY is not set): running offscreen")
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QApplication(sys.argv)
    app.setApplicationName("posapp")
    app.setOrganizationName("posapp")
    gui_thread_gc.install(app)
    return app


def install_excepthook(log_dir: Path | None = None) -> None:
    """A failure in a slot or task is logged and shown in a friendly dialog instead of vanishing."""
    from posapp.runtime.redaction import installed_filter
    from posapp.ui.exception_dialog import ExceptionPresenter

    presenter = ExceptionPresenter(log_dir)

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        details = "".join(traceback.format_exception(kind, error, trace))
        log.critical("unhandled error:\n%s", details)
        redactor = installed_filter()
        summary = f"{kind.__name__}: {error}"
        if redactor is not None:
            summary, details = redactor.redact(summary), redactor.redact(details)
        presenter.present(summary, details)

    sys.excepthook = hook


def run_qt(main: Callable[[QApplication, asyncio.Event], Awaitable[int]]) -> int:
    """Run ``main`` on a qasync loop until it returns or the last window closes."""
    from posapp.ui.event_loop import QtEventLoop

    app = qt_application()
    loop = QtEventLoop(app)
    asyncio.set_event_loop(loop)
    closing = asyncio.Event()
    app.aboutToQuit.connect(closing.set)
    with loop:
        return int(loop.run_until_complete(main(app, closing)))


def run_app(data_dir: Path | None, verbose: bool) -> int:
    paths = (AppPaths.under(data_dir) if data_dir else AppPaths.user()).ensure()
    logs.configure(paths.logs, verbose)
    install_excepthook(paths.logs)
    app = qt_application()
    guard = single_instance.claim(single_instance.server_name(paths.data), app)
    if guard is None:
        return 0  # the running posapp was asked to come to the front
    settings_file = SettingsFile(paths.config / "settings.json")
    secrets = SecretStore()
    day = DayServices(
        DailyBackup(paths.cache_db, paths.data / "backups"),
        KeepAwake(keep_awake.for_this_platform()),
        lambda: 0,
        parent=app,
    )
    front: list[MainWindow] = []
    guard.activated.connect(lambda: _raise_all(front))

    async def main(app: QApplication, closing: asyncio.Event) -> int:
        if needs_first_run(settings_file):
            # The wizard is the only window: closing it must not quit Qt under the running loop.
            app.setQuitOnLastWindowClosed(False)
            choice = await run_first_run(settings_file, secrets)
            app.setQuitOnLastWindowClosed(True)
            if choice is FirstRunChoice.DEMO:
                from posapp.demo.runner import demo_inside  # the demo imports this module

                return await demo_inside(app, closing)
            if choice is FirstRunChoice.CLOSED:
                guard.close()
                return 0
        restart = _Restart()
        values = await _secrets(app, secrets, settings_file)
        await prepare_cache(app, paths.cache_db)
        inputs = _inputs(paths, settings_file, secrets, values)
        session = open_session(app, inputs, reconnect=restart.reconnect)
        _announce(session, values)
        front[:] = [session.window]
        day.set_open_orders(lambda: session.core.orders.open_order_count())  # the current engine's
        log.info("posapp ready: main window shown")
        day.start()
        session.show_drill(restart.event.set)
        while True:
            stop = asyncio.ensure_future(closing.wait())
            again = asyncio.ensure_future(restart.event.wait())
            await asyncio.wait({stop, again}, return_when=asyncio.FIRST_COMPLETED)
            stop.cancel()
            again.cancel()
            if closing.is_set():
                await session.core.stop()
                guard.close()
                return 0
            if restart.secrets_changed():  # a new secret, or "Reconnect" in the opening drill
                values = await _secrets(app, secrets, settings_file)
            restart.clear()
            log.info("settings changed: reconnecting with the new settings, in the same window")
            await session.reconnect(_inputs(paths, settings_file, secrets, values))
            _announce(session, values)

    return run_qt(main)


class _Restart:
    """Ends a session: settings that need a new connection, or the opening drill's "Reconnect"."""

    def __init__(self) -> None:
        self.event = asyncio.Event()
        self.changes: list[SettingsChange] = []

    def reconnect(self, change: SettingsChange) -> None:
        self.changes.append(change)
        self.event.set()

    def secrets_changed(self) -> bool:
        """The keyring must be read again: a secret was saved, or the drill asked (no settings change)."""
        return not self.changes or any(change.secrets_changed for change in self.changes)

    def clear(self) -> None:
        self.changes.clear()
        self.event.clear()


def _raise_all(windows: list[MainWindow]) -> None:
    for window in windows:
        bring_to_front(window)
        log.info("window brought to the front for a second launch")


async def _secrets(app: QApplication, secrets: SecretStore, settings_file: SettingsFile) -> SessionSecrets:
    """Each brand's relay token is read too: the saved settings say which brands there are."""
    values = await read_secrets(app, secrets, settings_file.load())
    logs.mask_secrets(*values.values())
    return values


def _inputs(
    paths: AppPaths, settings_file: SettingsFile, secrets: SecretStore, values: SessionSecrets
) -> SessionInputs:
    """One connection's inputs (the settings: the saved ones)."""
    return SessionInputs(paths.cache_db, settings_file, secrets, values, refresh_tokens=not values.problem)


def _announce(session: Session, values: SessionSecrets) -> None:
    """What the cashier must know about this connection, on the status bar (never a modal box)."""
    window, core = session.window, session.core
    settings = session.services.settings
    if core.tokens is not None:
        _watch_token(window, core.tokens.health)
    if values.problem:
        _setup_problem(window, values.problem)
    elif core.problems:
        window.statusBar().showMessage(" ".join(setup_problem_text(p) for p in core.problems))
    elif not values.keeta_app_secret or not settings.keeta_app_id:
        window.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Set up Keeta in Settings to receive orders.")
        )


def _watch_token(window: MainWindow, health: TokenHealth) -> None:
    """A refused token refresh is the one Keeta problem only a person can fix: say so on the bar."""

    def show(health: TokenHealth) -> None:
        if health is TokenHealth.FAILED:
            window.connection.set_health("keeta", False)
            window.statusBar().showMessage(
                QCoreApplication.translate(
                    "MainWindow",
                    "Keeta sign-in expired: ask the owner to re-enter the Keeta token in Settings.",
                )
            )

    window.bridge.token_health.connect(show)  # the bridge of this connection (a new one after reconnecting)
    show(health)


def _setup_problem(window: MainWindow, problem: str) -> None:
    """Said on the status bar, not in a box: the cached orders stay usable; Settings and the opening
    drill's "Password store" row say the same and what to set up."""
    window.statusBar().showMessage(secrets_problem_text(problem))


def run_smoke() -> int:
    """``posapp --smoke``: database, keyring and one offscreen render of the main window, then exit 0."""
    import tempfile

    from posapp.runtime import smoke

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="posapp-smoke-") as folder:
        paths = AppPaths.under(Path(folder)).ensure()
        logs.configure(None)  # console only: the temporary folder is gone before logging shuts down
        try:
            for line in (smoke.check_database(paths.data), smoke.check_keyring()):
                _say(f"smoke: {line}")
            code = run_qt(lambda app, closing: _smoke_window(app, closing, paths))
        except (smoke.SmokeFailed, SecretsUnavailable) as exc:
            _say(f"smoke: FAILED {exc}")
            return 1
    _say("smoke: ok" if code == 0 else "smoke: FAILED")
    return code


SELFTEST_SKIP_ENV = "POSAPP_SELFTEST_SKIP"


def run_selftest() -> int:
    """``posapp --selftest``: one line per part (posapp/ui/selftest.py); exit 1 if any is missing."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # nothing to show: no screen needed
    logs.configure(None)

    async def selftest(app: QApplication, closing: asyncio.Event) -> int:
        from posapp.ui.selftest import CHECKS, run_checks, summary

        app.setQuitOnLastWindowClosed(False)
        # A machine that cannot have a part (a CI runner without any audio device) names it here; the
        # line still shows, so a skipped part is never mistaken for a passed one.
        skipped = {name.strip() for name in os.environ.get(SELFTEST_SKIP_ENV, "").split(",") if name.strip()}
        for name in sorted(skipped & set(CHECKS)):
            _say(f"selftest: {name} skipped: {SELFTEST_SKIP_ENV} names it")
        code, line = summary(await run_checks(tuple(n for n in CHECKS if n not in skipped), _say))
        _say(line)
        return code

    return run_qt(selftest)


async def _smoke_window(app: QApplication, closing: asyncio.Event, paths: AppPaths) -> int:
    app.setQuitOnLastWindowClosed(False)  # closing the window must not stop the loop before clean-up
    settings_file = SettingsFile(paths.config / "settings.json")
    inputs = SessionInputs(paths.cache_db, settings_file, SecretStore(), SessionSecrets(), Settings())
    session = open_session(app, inputs)
    try:
        await asyncio.sleep(0.1)  # let the loop deliver the first show/layout events before the grab
        image = session.window.grab()
    finally:
        await session.close()
    if image.isNull() or image.width() < 100:
        _say("smoke: the main window did not render")
        return 1
    _say(f"smoke: main window rendered ({image.width()}x{image.height()}, {app.platformName()})")
    return 0


def _say(line: str) -> None:
    if sys.stdout is not None:  # a windowed Windows build has no console
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
