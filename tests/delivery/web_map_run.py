"""Quote → book → partner moving → delivered with the Leaflet map, in ONE qasync run, as a script.

QtWebEngine under qasync crashes when a second ``run_until_complete`` exits after the web view was
used (reproduced outside pytest), and pytest-asyncio tears fixtures down in a second run; so the
test runs this in a subprocess. ``python -m tests.delivery.web_map_run DB_DIR [PNG]`` prints JSON.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")


async def scene(db_dir: Path, png: Path | None) -> dict[str, Any]:
    from posapp.sim.config import SimConfig
    from posapp.sim.server import SimServer
    from posapp.store.db import open_database
    from posapp.ui.delivery.build import build_delivery, settle_map
    from tests.delivery.conftest import open_delivery, until
    from tests.waiting import until_async

    database = open_database(db_dir / "cache.sqlite3")
    sim = SimServer(SimConfig(port=0))
    await sim.start()
    out: dict[str, Any] = {}
    try:
        async with open_delivery(sim) as stack:
            tab = build_delivery(stack.engine, None, prefer_web_map=True, store_location="22.2866,114.1508")
            tab.resize(1366, 800)
            tab.show()
            out["kind"] = tab.map.kind
            out["loaded"] = await tab.map.wait_loaded()
            for name, text in {
                "name": "Chan Siu Ming", "phone": "91234567", "address": "Flat 12A, 8 Queen's Road Central",
                "location": "22.281900,114.158900", "amount": "128.50", "pickup_code": "2468",
            }.items():  # fmt: skip
                tab.form.inputs[name].setText(text)
            tab.form.quote_button.click()
            await until(lambda: tab.quotes.quote_table.rowCount() == 1)
            out["conversion_rows"] = tab.quotes.conversion_table.rowCount()
            booking = tab.book()
            assert booking is not None
            cid = booking.client_order_id
            await until(lambda: bool(getattr(stack.engine.service.booking(cid), "order_id", "")))
            positions = []
            for seconds in (150, 240, 240):
                await stack.advance(seconds)
                before = positions[-1] if positions else None
                seen: list[Any] = []

                async def moved(before: Any = before, seen: list[Any] = seen) -> bool:
                    seen.append(await tab.map.partner_position())
                    return seen[-1] is not None and seen[-1] != before

                await until_async(moved)
                positions.append(seen[-1])
            out["positions"] = positions
            if png is not None:
                await settle_map(tab)
                out["png"] = tab.grab().save(str(png))
            await stack.advance(3600)
            await until(lambda: "Delivered" in tab.active.row_text(cid, "Status"))
            out["final_status"] = tab.active.row_text(cid, "Status")
            out["path_points"] = len(tab.map.scene.path)
            tab.hide()
    finally:
        await sim.stop()
        database.close()
    return out


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from posapp.ui.event_loop import QtEventLoop

    app = QApplication([])
    app.setQuitOnLastWindowClosed(False)
    loop = QtEventLoop(app, already_running=False)
    png = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    result = loop.run_until_complete(scene(Path(sys.argv[1]), png))
    sys.stdout.write("RESULT " + json.dumps(result) + "\n")
    sys.stdout.flush()
    os._exit(0)  # skip Qt's teardown of the web engine: the result is already out


if __name__ == "__main__":
    sys.exit(main())
