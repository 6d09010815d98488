"""The app's asyncio loop on the Qt thread: qasync's, with one fix.

qasync's ``run_until_complete`` pumps Qt once more after ``run_forever`` returns ("one last time to
process all the events"), but by then it has unset the running loop. A task whose timer falls due in
that pump is stepped with no running loop and dies with "no running event loop": a uvicorn server's
``asyncio.sleep`` in the tests, once in a few runs. Here that last pump runs with the loop set.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any, TypeVar

import qasync
from PySide6.QtCore import QCoreApplication, QEventLoop

T = TypeVar("T")


class QtEventLoop(qasync.QEventLoop):
    def run_until_complete(self, future: Awaitable[T]) -> T:
        if self.is_running():
            raise RuntimeError("Event loop already running")
        task: asyncio.Future[Any] = asyncio.ensure_future(future, loop=self)

        def stop(_: object) -> None:
            self.stop()

        task.add_done_callback(stop)
        try:
            self.run_forever()
        finally:
            task.remove_done_callback(stop)
        self._last_pump()
        if not task.done():
            raise RuntimeError("Event loop stopped before Future completed.")
        result: T = task.result()
        return result

    def _last_pump(self) -> None:
        """Posted events (deferred deletes, layouts) still get handled, as under qasync's own."""
        app = QCoreApplication.instance()
        dispatcher = app.eventDispatcher() if app is not None else None
        if dispatcher is None:
            return
        asyncio.events._set_running_loop(self)
        try:
            dispatcher.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
        finally:
            asyncio.events._set_running_loop(None)
