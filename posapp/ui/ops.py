"""The one way the screens start work that takes time (in the spirit of Anki's ``QueryOp``).

    UiOp(widget, success=show, failure=say).run(client.fetch(...))       # async I/O on the loop
    UiOp(widget, success=show, failure=say).run_blocking(keyring_read)   # blocking call in a thread

The contract every caller relies on:

- **Where it runs.** ``run`` schedules the coroutine as a task on the running qasync loop, on the GUI
  thread: it must await, never block. ``run_blocking`` calls the function in the loop's default
  executor, a worker thread: it may block (keyring, SQLite open, a printer socket) and must not touch
  any Qt object.
- **How the answer comes back.** Exactly one of ``success(result)`` or ``failure(error)`` is called, on
  the GUI thread, after the work ends, and only while ``parent`` still exists: a closed dialog is never
  called back.
- **Nothing is lost.** A failure is always logged (``posapp.ui.ops``): with its traceback when there is
  no ``failure`` to take it. An exception raised inside a callback is logged the same way.
- **Cancelling is not failing.** Work cancelled (its parent destroyed, the app closing) ends quietly.
- **Kept alive.** The task is referenced until it ends (asyncio holds tasks weakly) and cancelled when
  ``parent`` is destroyed; :func:`running` lists a widget's unfinished work (tests await it).
- **No modal, ever.** Neither the work nor its callbacks call ``exec()`` on a dialog: a nested event
  loop re-enters qasync's running tasks (qasync #59, #82, #174). Open dialogs with ``open()``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QMetaObject, QObject

log = logging.getLogger(__name__)

T = TypeVar("T")

_RUNNING: dict[asyncio.Task[Any], QObject] = {}


def running(parent: QObject) -> list[asyncio.Task[Any]]:
    """The work ``parent`` started that has not ended yet."""
    return [task for task, owner in _RUNNING.items() if owner is parent]


class UiOp(Generic[T]):
    def __init__(
        self,
        parent: QObject,
        *,
        success: Callable[[T], object] | None = None,
        failure: Callable[[Exception], object] | None = None,
        name: str = "",
    ) -> None:
        self._parent = parent
        self._success = success
        self._failure = failure
        self._name = name or type(parent).__name__

    def run(self, work: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        task = asyncio.get_running_loop().create_task(work)
        _RUNNING[task] = self._parent
        # Qt calls this while the parent is being destroyed; the done callback then sees it gone.
        connection = self._parent.destroyed.connect(lambda *_: task.cancel())
        task.add_done_callback(lambda done: self._done(done, connection))
        return task

    def run_blocking(self, work: Callable[[], T]) -> asyncio.Task[T]:
        loop = asyncio.get_running_loop()

        async def in_thread() -> T:
            return await loop.run_in_executor(None, work)

        return self.run(in_thread())

    def _done(self, task: asyncio.Task[T], connection: QMetaObject.Connection) -> None:
        _RUNNING.pop(task, None)
        alive = shiboken6.isValid(self._parent)
        if alive:
            QObject.disconnect(connection)
        if task.cancelled():
            return
        error = task.exception()  # read even when nobody is called back: never "exception never retrieved"
        if error is not None and not isinstance(error, Exception):
            log.error("%s: work ended by %r", self._name, error)
            return
        if error is not None and (self._failure is None or not alive):
            log.error("%s: work failed", self._name, exc_info=error)
        elif error is not None:
            log.warning("%s: work failed: %r", self._name, error)
        if not alive:
            return
        try:
            if error is None:
                if self._success is not None:
                    self._success(task.result())
            elif self._failure is not None:
                self._failure(error)
        except Exception:
            log.exception("%s: showing the result failed", self._name)
