"""``posapp --demo``: the cashier app against the built-in simulator and an in-process relay.

The platforms run in a background thread (the Qt thread never serves HTTP); the app reaches them
over 127.0.0.1 exactly as it would reach Keeta and a real relay. ``--snapshot DIR`` plays a short,
repeatable scene, writes one PNG per main screen and exits.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
from pathlib import Path

import httpx
from PySide6.QtWidgets import QApplication

from posapp import logs
from posapp.app import install_excepthook, run_qt
from posapp.demo import scenes
from posapp.demo.scenes import SnapshotRequest
from posapp.demo.stack import PlatformStack, StackInfo
from posapp.engine.assembly import SessionSecrets
from posapp.engine.core import AppCore
from posapp.engine.services import AppServices
from posapp.paths import AppPaths
from posapp.runtime.forget import DEMO_SERVICE
from posapp.secrets import MemorySecretStore
from posapp.session import SessionInputs, open_session
from posapp.settings import Settings, SettingsFile
from posapp.sim.config import SimConfig
from posapp.sim.scenario import LunchRush
from posapp.ui.main_window import MainWindow

log = logging.getLogger(__name__)

DEMO_SECRETS_SERVICE = DEMO_SERVICE  # --forget-secrets clears it too
DEMO_STORE_LOCATION = "22.2866,114.1508"  # the simulated Zeek merchant, Sheung Wan


DEMO_ROUTES = [{"match": "DRINK-*", "station": "drinks bar"}]  # the simulator's menu codes its drinks so


def demo_settings(info: StackInfo, tickets: Path | None = None) -> Settings:
    """The demo shop's settings; with ``tickets``, PDF printers keep each slip there as a file: the
    counter's receipts and slips in ``tickets/``, two kitchen stations in folders of their own."""
    printers = []
    if tickets is not None:
        folder = tickets.as_posix().lstrip("/")
        printers = [
            {"name": "hot kitchen", "uri": f"pdf:///{folder}/hot-kitchen/", "role": "kitchen",
             "station": "hot kitchen"},
            {"name": "drinks bar", "uri": f"pdf:///{folder}/drinks-bar/", "role": "kitchen",
             "station": "drinks bar", "failover": "hot kitchen"},
            {"name": "demo", "uri": f"pdf:///{folder}/", "role": "receipt"},
        ]  # fmt: skip
    return info.settings(
        store_location=DEMO_STORE_LOCATION, printers=printers, station_routes=DEMO_ROUTES if printers else []
    )


def demo_inputs(
    paths: AppPaths, info: StackInfo, settings: Settings, snapshot: SnapshotRequest | None = None
) -> SessionInputs:
    """The demo's session: the simulator's credentials in a keyring of its own. A snapshot's
    ``first-run`` scene gets the app as first installed instead (no settings, no secrets), and its
    ``late`` scene a clock running ahead, to the last minute of its new orders."""
    settings_file = SettingsFile(paths.config / "settings.json")
    store = MemorySecretStore(DEMO_SECRETS_SERVICE)
    if snapshot is None:
        return SessionInputs(paths.cache_db, settings_file, store, info.secrets(), settings, demo=True)
    clock = scenes.shifted_clock(snapshot.clock_ahead)
    if snapshot.scene == "first-run":
        blank = Settings(language=snapshot.language)
        return SessionInputs(paths.cache_db, settings_file, store, SessionSecrets(), blank, clock=clock)
    settings = settings.replace(language=snapshot.language)
    secrets = info.secrets()
    return SessionInputs(paths.cache_db, settings_file, store, secrets, settings, demo=True, clock=clock)


def run_demo(data_dir: Path | None, snapshot: SnapshotRequest | None, duration: float, verbose: bool) -> int:
    temporary = data_dir is None
    root = data_dir or Path(tempfile.mkdtemp(prefix="posapp-demo-"))
    paths = AppPaths.under(root).ensure()
    for leftover in paths.data.glob("cache.sqlite3*"):
        leftover.unlink()  # the demo's relay starts afresh each run, so its cache does too
    logs.configure(paths.logs, verbose)
    install_excepthook()
    # Snapshots must look the same on every run; the live demo misbehaves now and then, as platforms do.
    sim_config = SimConfig(port=0, incidents=snapshot is None, seed=7)
    platforms = PlatformStack(paths.data / "platforms", sim_config)
    info = platforms.start_in_thread()
    print(f"posapp demo: simulator {info.sim_url}  relay {info.relay_url}  data {root}", flush=True)
    print(f"posapp demo: tickets print as PDF files into {paths.data / 'tickets'}", flush=True)
    if temporary:
        print("posapp demo: the data folder is removed at exit (keep it with --data-dir DIR)", flush=True)
    try:
        return run_qt(lambda app, closing: _demo_main(app, closing, paths, info, snapshot, duration))
    finally:
        platforms.stop_thread()
        if temporary:
            _remove_temporary(root)


async def demo_inside(app: QApplication, closing: asyncio.Event) -> int:
    """The demo chosen in the first-run setup: ``posapp --demo`` in this process, in a temporary
    folder removed at the end, so the next start offers the setup again."""
    root = Path(tempfile.mkdtemp(prefix="posapp-demo-"))
    paths = AppPaths.under(root).ensure()
    platforms = PlatformStack(paths.data / "platforms", SimConfig(port=0, seed=7))
    loop = asyncio.get_running_loop()
    # Starting the platforms waits for their thread: never on the Qt thread.
    info = await loop.run_in_executor(None, platforms.start_in_thread)
    try:
        return await _demo_main(app, closing, paths, info, None, 0.0)
    finally:
        await loop.run_in_executor(None, platforms.stop_thread)
        shutil.rmtree(root, ignore_errors=True)


def _remove_temporary(root: Path) -> None:
    """A demo without --data-dir leaves nothing behind; the log file is closed first (Windows keeps
    open files from being deleted)."""
    logs.close_files()
    shutil.rmtree(root, ignore_errors=True)


async def _demo_main(
    app: QApplication,
    closing: asyncio.Event,
    paths: AppPaths,
    info: StackInfo,
    snapshot: SnapshotRequest | None,
    duration: float,
) -> int:
    settings = demo_settings(info, tickets=paths.data / "tickets")
    session = open_session(app, demo_inputs(paths, info, settings, snapshot))
    window, services, core = session.window, session.services, session.core
    try:
        async with httpx.AsyncClient(timeout=10) as http:
            if snapshot is not None:
                return await _snapshot(window, services, core, info, http, snapshot)
            return await _live(closing, info, http, duration)
    finally:
        await session.close()


async def _live(closing: asyncio.Event, info: StackInfo, http: httpx.AsyncClient, duration: float) -> int:
    stop = asyncio.Event()
    rush = asyncio.ensure_future(LunchRush(info.sim_url).run(http, stop))
    waiters: list[asyncio.Future[object]] = [asyncio.ensure_future(closing.wait())]
    if duration > 0:
        waiters.append(asyncio.ensure_future(asyncio.sleep(duration)))
    await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    stop.set()
    for waiter in waiters:
        waiter.cancel()
    await rush
    return 0


async def _snapshot(
    window: MainWindow, services: AppServices, core: AppCore, info: StackInfo, http: httpx.AsyncClient,
    request: SnapshotRequest,
) -> int:  # fmt: skip
    """Plays the requested scene at the requested window size, then writes its PNGs."""
    from posapp.ui.snapshot import write_busy_snapshot, write_snapshots

    window.resize(*request.size)
    ids = [] if request.scene == "first-run" else await scenes.play(request, window, core, info, http)
    written = await write_busy_snapshot(window, services, request.folder) if request.scene == "busy" else []
    written += await write_snapshots(window, services, request.folder)
    if ids and request.scene != "late" and window.delivery is not None:
        written.append(await _delivery_snapshot(window, core, info, http, request.folder, ids[0]))
    print("\n".join(str(path) for path in written), flush=True)
    return 0


async def _delivery_snapshot(
    window: MainWindow, core: AppCore, info: StackInfo, http: httpx.AsyncClient, out: Path, own: int
) -> Path:
    """A Zeek partner on the way for the shop's own delivery ``own``: chosen in the tab's order list
    (Keeta's rider orders are greyed there), its customer decrypted from Keeta, quoted and booked, then
    a few simulated minutes later, so Zeek's tables, the pickup code and the partner on the map show."""
    from posapp.ui.delivery.build import settle_map, write_delivery_snapshot

    assert core.delivery is not None and window.delivery is not None
    tab = window.delivery
    window.tabs.setCurrentWidget(tab)
    await tab.refresh_sources_now()
    if not tab.form.choose_source(own):
        raise RuntimeError("the demo's self-delivery order is not offered for a courier")
    name = tab.form.inputs["name"]
    await scenes.until(lambda: name.text() != "" and "ENC_" not in name.text())  # decrypted from Keeta
    await tab.quote_now()
    if tab.quotes.quote_table.rowCount() == 0:
        raise RuntimeError(f"Zeek gave no quotation: {tab.form.note.text()}")
    booking = tab.book()
    if booking is None:
        raise RuntimeError(f"the demo booking was refused: {tab.form.note.text()}")
    service = core.delivery.service
    await scenes.until(lambda: (service.booking(booking.client_order_id) or booking).order_id != "")
    answer = await http.post(f"{info.sim_url}/sim/clock/advance", json={"seconds": 330})
    answer.raise_for_status()
    await core.delivery.tracker.poll_once()  # show where the partner is now, not at the next poll
    await settle_map(tab)
    return write_delivery_snapshot(window.tabs, tab, out)
