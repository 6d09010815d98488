"""The app's qasync loop: Qt's last pump after ``run_until_complete`` happens with the loop set."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QApplication

from posapp.ui.event_loop import QtEventLoop


def test_callbacks_stepped_by_the_last_pump_find_their_loop_running(qapp: QApplication) -> None:
    loop = QtEventLoop(qapp, already_running=False)
    seen: list[object] = []

    def due() -> None:
        try:
            seen.append(asyncio.get_running_loop())
        except RuntimeError as exc:  # what a uvicorn task's asyncio.sleep died of under plain qasync
            seen.append(exc)

    async def main() -> str:
        return "done"

    try:
        assert loop.run_until_complete(main()) == "done"
        loop.call_later(0, due)  # falls due while the loop is stopped, as a server's timer can
        loop._last_pump()
        assert seen == [loop]
    finally:
        loop.close()
