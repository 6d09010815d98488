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
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from PySide6.QtWidgets import QApplication

from posapp import logs
from posapp.app import install_excepthook, run_qt
from posapp.demo.stack import PlatformStack, StackInfo
from posapp.domain.order import OrderStatus
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


def demo_settings(info: StackInfo, tickets: Path | None = None) -> Settings:
    """The demo shop's settings; with ``tickets``, a PDF printer keeps each slip there as a file."""
    printers = []
    if tickets is not None:
        printers.append({"name": "demo", "uri": f"pdf:///{tickets.as_posix().lstrip('/')}/", "role": "both"})
    return info.settings(store_location=DEMO_STORE_LOCATION, printers=printers)


def demo_inputs(paths: AppPaths, info: StackInfo, settings: Settings) -> SessionInputs:
    """The demo's session: the simulator's credentials in a keyring of its own."""
    return SessionInputs(
        paths.cache_db, SettingsFile(paths.config / "settings.json"), MemorySecretStore(DEMO_SECRETS_SERVICE),
        info.secrets(), settings, demo=True,
    )  # fmt: skip


def run_demo(data_dir: Path | None, snapshot: Path | None, duration: float, verbose: bool) -> int:
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
    snapshot: Path | None,
    duration: float,
) -> int:
    settings = demo_settings(info, tickets=paths.data / "tickets")
    session = open_session(app, demo_inputs(paths, info, settings))
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
    window: object, services: AppServices, core: AppCore, info: StackInfo, http: httpx.AsyncClient, out: Path
) -> int:
    """A fixed lunch-time scene: new orders, some accepted, one ready, refund requests waiting."""
    from posapp.ui.snapshot import write_snapshots

    assert isinstance(window, MainWindow)
    sim = info.sim_url
    # The first is the shop's own delivery: the delivery tab books its Zeek courier.
    modes = ["self-delivery", "pickup", "delivery", "delivery", "pickup", "delivery", "delivery"]
    ids = [await _create(http, sim, mode) for mode in modes]
    await _until(lambda: all(core.orders.order(i) is not None for i in ids))
    for order_id in ids[:4]:
        core.orders.confirm(order_id)
    await _until(lambda: all(_status(core, i) is OrderStatus.ACCEPTED for i in ids[:4]))
    core.orders.prepare(ids[1])
    await _until(lambda: _status(core, ids[1]) is OrderStatus.READY)
    for order_id, partial in ((ids[2], False), (ids[3], True)):
        answer = await http.post(
            f"{sim}/sim/keeta/orders/{order_id}/refund-request", json={"partial": partial}
        )
        answer.raise_for_status()
    await _until(lambda: len(core.orders.pending_refunds()) >= 2)
    written = await write_snapshots(window, services, out)
    written.append(await _delivery_snapshot(window, core, info, http, out, ids[0]))
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
    tab.refresh_sources()
    if not tab.form.choose_source(own):
        raise RuntimeError("the demo's self-delivery order is not offered for a courier")
    name = tab.form.inputs["name"]
    await _until(lambda: name.text() != "" and "ENC_" not in name.text())  # decrypted from Keeta
    await tab.quote_now()
    if tab.quotes.quote_table.rowCount() == 0:
        raise RuntimeError(f"Zeek gave no quotation: {tab.form.note.text()}")
    booking = tab.book()
    if booking is None:
        raise RuntimeError(f"the demo booking was refused: {tab.form.note.text()}")
    service = core.delivery.service
    await _until(lambda: (service.booking(booking.client_order_id) or booking).order_id != "")
    answer = await http.post(f"{info.sim_url}/sim/clock/advance", json={"seconds": 330})
    answer.raise_for_status()
    await core.delivery.tracker.poll_once()  # show where the partner is now, not at the next poll
    await settle_map(tab)
    return write_delivery_snapshot(window.tabs, tab, out)


async def _create(http: httpx.AsyncClient, sim: str, mode: str) -> int:
    answer = await http.post(f"{sim}/sim/keeta/orders", json={"mode": mode})
    answer.raise_for_status()
    return int(answer.json()["orderViewId"])


def _status(core: AppCore, order_id: int) -> OrderStatus | None:
    order = core.orders.order(order_id)
    return None if order is None else order.status


async def _until(condition: Callable[[], bool], limit: float = 20.0) -> None:
    """Polls a cache condition while the loop keeps the window painting; the demo is not a test."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the demo scene did not reach its state in time")
        await asyncio.sleep(0.05)
