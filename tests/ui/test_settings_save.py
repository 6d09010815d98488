"""Settings → Save writes a changed secret in a worker thread: the window keeps painting while the keyring
blocks, ``saved`` (and so a reconnect) comes only after the keyring holds it, and a keyring that refuses
says so in the dialog without losing the other settings."""

from __future__ import annotations

import threading

import keyring.errors
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

from posapp.secrets import SecretStore
from posapp.settings import SECRET_ZEEK_SECRET, Settings
from posapp.ui.settings_dialog import SettingsDialog
from tests.conftest import MemoryKeyring
from tests.ui.test_ops import PaintCounter
from tests.waiting import until


class SlowWrites:
    """Makes ``backend`` block each write (as a locked keyring waiting for its user), 2 s at most."""

    def __init__(self, backend: MemoryKeyring) -> None:
        self.release = threading.Event()
        self.writing = threading.Event()
        store = backend.set_password

        def set_password(service: str, username: str, password: str) -> None:
            self.writing.set()
            self.release.wait(2.0)
            store(service, username, password)

        backend.set_password = set_password  # type: ignore[method-assign]


async def test_a_keyring_that_blocks_at_save_does_not_stop_the_window_repainting(
    qapp: QApplication, memory_keyring: MemoryKeyring
) -> None:
    slow = SlowWrites(memory_keyring)
    dialog = SettingsDialog(Settings(), SecretStore())
    saved: list[Settings] = []
    dialog.saved.connect(saved.append)
    dialog.show()
    board = QLabel("posapp")  # the window under the dialog
    board.show()
    counter = PaintCounter(board)
    ticker = QTimer()
    ticker.setInterval(20)
    ticker.timeout.connect(board.update)  # something keeps changing on screen, as the board's clock does
    ticker.start()
    try:
        dialog.secret_edits[SECRET_ZEEK_SECRET].setText("zeek-secret")
        dialog.save_button.click()
        await until(slow.writing.is_set)
        before = counter.paints
        await until(lambda: counter.paints >= before + 5)  # painting on while the keyring thread blocks
        assert saved == [] and dialog.writing and not dialog.save_button.isEnabled()
        dialog.reject()  # Escape meanwhile: the dialog waits for the keyring's answer
        assert dialog.isVisible()
        slow.release.set()
        await until(lambda: bool(saved))
        assert dialog.secrets_changed and not dialog.isVisible()
        assert memory_keyring.secrets == {("posapp", SECRET_ZEEK_SECRET): "zeek-secret"}
    finally:
        slow.release.set()
        ticker.stop()
        shiboken6.delete(dialog)
        shiboken6.delete(board)


async def test_a_keyring_that_refuses_at_save_says_so_and_keeps_the_other_settings(
    qapp: QApplication, memory_keyring: MemoryKeyring
) -> None:
    def refuse(*_: object) -> None:
        raise keyring.errors.PasswordSetError("the user cancelled the unlock prompt")

    memory_keyring.set_password = refuse  # type: ignore[method-assign]
    dialog = SettingsDialog(Settings(), SecretStore())
    saved: list[Settings] = []
    dialog.saved.connect(saved.append)
    dialog.show()
    try:
        dialog.counter.theme.setCurrentIndex(dialog.counter.theme.findData("dark"))
        dialog.secret_edits[SECRET_ZEEK_SECRET].setText("zeek-secret")
        dialog.save_button.click()
        await until(lambda: not dialog.writing)

        assert saved == [] and dialog.isVisible()  # nothing saved, nothing reconnected
        words = dialog.problem.text()
        assert dialog.problem.isVisible() and "did not save" in words and "locked" in words
        assert dialog.counter.theme.currentData() == "dark"  # the other settings are still as typed
        assert dialog.save_button.isEnabled()
        dialog.save_button.click()  # the next Save keeps them, without the secret
        assert [s.theme for s in saved] == ["dark"] and not dialog.secrets_changed
        assert memory_keyring.secrets == {}
    finally:
        shiboken6.delete(dialog)
