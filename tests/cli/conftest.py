"""A recording network printer for ``posapp print-test`` (the same fake the printing tests use)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.printing.recorder import PrinterServer


@pytest.fixture
def printer_server() -> Iterator[PrinterServer]:
    server = PrinterServer()
    yield server
    server.close()
