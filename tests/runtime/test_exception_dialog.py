"""The global exception hook logs the error and shows one friendly dialog, with secrets masked."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from posapp import logs
from posapp.app import install_excepthook
from posapp.ui.exception_dialog import ExceptionDialog

SECRET = "relay-store-token-XYZ123"


@pytest.fixture
def hook(tmp_path: Path) -> Iterator[Path]:
    previous = sys.excepthook
    logs.configure(tmp_path)
    logs.mask_secrets(SECRET)
    install_excepthook(tmp_path)
    yield tmp_path
    sys.excepthook = previous
    logging.basicConfig(handlers=[logging.NullHandler()], force=True)
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ExceptionDialog):
            widget.close()
            widget.deleteLater()


def _raise(message: str) -> None:
    try:
        raise RuntimeError(message)
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]


def _dialogs() -> list[ExceptionDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, ExceptionDialog) and w.isVisible()]


def test_unhandled_error_is_logged_and_shown_once(qtbot: QtBot, hook: Path) -> None:
    _raise(f"accept failed with token {SECRET}")
    _raise("and again on the next tick")
    shown = _dialogs()
    assert len(shown) == 1  # a repeating failure does not bury the counter in windows
    dialog = shown[0]
    assert SECRET not in dialog.informativeText() and "RuntimeError" in dialog.informativeText()
    assert SECRET not in dialog.detailedText() and "_raise" in dialog.detailedText()
    for handler in logging.getLogger().handlers:
        handler.flush()
    log = (hook / logs.LOG_FILE).read_text(encoding="utf-8")
    assert "unhandled error" in log and "and again on the next tick" in log
    assert SECRET not in log

    dialog.done(0)
    _raise("a new problem after the cashier closed the first dialog")
    assert len(_dialogs()) == 1
