"""Qt + qasync harness for the screens: every async test runs on a qasync loop (pattern B)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest
from PySide6.QtWidgets import QApplication


def _qasync_loop_factory() -> object:
    import qasync

    app = QApplication.instance() or QApplication([])
    return qasync.QEventLoop(app, already_running=False)


def pytest_asyncio_loop_factories(config: pytest.Config, item: pytest.Item) -> Mapping[str, Callable[[], object]]:
    return {"qasync": _qasync_loop_factory}
