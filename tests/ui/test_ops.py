"""The screens' one way to run work (posapp/ui/ops.py): off the GUI thread, answered on it, nothing lost."""

from __future__ import annotations

import asyncio
import logging
import threading

import keyring
import pytest
import shiboken6
from keyring.backend import KeyringBackend
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from posapp.secrets import SecretStore
from posapp.session import read_secrets
from posapp.settings import SECRET_KEETA_APP_SECRET
from posapp.ui.ops import UiOp, running
from tests.conftest import MemoryKeyring
from tests.waiting import until


class SlowKeyring(MemoryKeyring):
    """A keyring that blocks each read (as a locked one waiting for the user) until released, 2 s at most."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.reading = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        self.reading.set()
        self.release.wait(2.0)
        return super().get_password(service, username)


class PaintCounter(QObject):
    def __init__(self, widget: QLabel) -> None:
        super().__init__(widget)
        self.paints = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


async def test_a_keyring_that_blocks_does_not_stop_the_window_repainting(qapp: QApplication) -> None:
    slow = SlowKeyring()
    previous: KeyringBackend = keyring.get_keyring()
    keyring.set_keyring(slow)
    label = QLabel("posapp")
    label.show()
    counter = PaintCounter(label)
    ticker = QTimer()
    ticker.setInterval(20)
    ticker.timeout.connect(label.update)  # something on screen keeps changing, as the board's clock does
    ticker.start()
    try:
        SecretStore().set(SECRET_KEETA_APP_SECRET, "s3cret")
        reading = asyncio.ensure_future(read_secrets(label, SecretStore()))
        await until(slow.reading.is_set)
        before = counter.paints
        await until(lambda: counter.paints >= before + 5)  # painting on while the keyring thread blocks
        assert not reading.done()
        slow.release.set()
        values = await reading
        assert values.keeta_app_secret == "s3cret" and values.problem == ""
    finally:
        slow.release.set()
        ticker.stop()
        keyring.set_keyring(previous)
        shiboken6.delete(label)


async def test_success_comes_back_on_the_gui_thread_and_the_work_ran_in_a_worker(qapp: QApplication) -> None:
    owner = QObject()
    seen: list[tuple[str, bool]] = []
    worker: list[bool] = []

    def blocking() -> str:
        worker.append(threading.current_thread() is threading.main_thread())
        return "done"

    def shown(result: str) -> None:
        seen.append((result, threading.current_thread() is threading.main_thread()))

    task = UiOp[str](owner, success=shown).run_blocking(blocking)
    assert running(owner) == [task]
    await task
    await until(lambda: bool(seen))
    assert worker == [False] and seen == [("done", True)] and running(owner) == []


async def test_a_failure_goes_to_failure_and_an_unhandled_one_is_logged_with_its_trace(
    qapp: QApplication, caplog: pytest.LogCaptureFixture
) -> None:
    owner = QObject()
    failures: list[Exception] = []

    async def broken() -> None:
        raise ValueError("no answer")

    handled = UiOp[None](owner, failure=failures.append).run(broken())
    unhandled = UiOp[None](owner, name="lonely").run(broken())
    with caplog.at_level(logging.WARNING, logger="posapp.ui.ops"):
        await asyncio.gather(handled, unhandled, return_exceptions=True)
        await until(lambda: bool(failures) and any(r.exc_info for r in caplog.records))
    assert [str(e) for e in failures] == ["no answer"]
    (logged,) = [r for r in caplog.records if r.exc_info]
    assert "lonely" in logged.getMessage() and "ValueError" in caplog.text


async def test_a_widget_closed_meanwhile_is_not_called_back_and_its_work_is_cancelled(
    qapp: QApplication,
) -> None:
    owner = QObject()
    called: list[object] = []
    started = asyncio.Event()

    async def long() -> str:
        started.set()
        await asyncio.Event().wait()  # never ends by itself
        return "late"

    task = UiOp[str](owner, success=called.append, failure=called.append).run(long())
    await started.wait()
    shiboken6.delete(owner)
    await until(task.done)
    assert task.cancelled() and called == []
