"""Serial and USB printers: a real pseudo-terminal stands in for the serial port; USB needs hardware."""

from __future__ import annotations

import os
import pty
import select
import sys
from collections.abc import Iterator

import peewee
import pytest

from posapp.domain.order import Order
from posapp.domain.print_job import JobKind, JobState
from posapp.domain.retry import RetryPolicy
from posapp.printing.escpos_render import CHINESE_ON, CUTS, INIT, Encoding
from posapp.printing.events import PrinterDown
from posapp.printing.layouts import kitchen_ticket
from posapp.printing.printers import Printer, PrinterUnreachable, send_ticket
from posapp.printing.queue import PrinterPolicy, PrintQueue
from posapp.store import print_jobs as jobs
from tests.printing.conftest import EventLog

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX only")

MISSING_USB = "usb://dead:beef"  # no vendor 0xdead makes printers


@pytest.fixture
def serial_pair() -> Iterator[tuple[int, str]]:
    """(master fd, slave device path): the printer writes to the path, the test reads the master."""
    master, slave = pty.openpty()
    path = os.ttyname(slave)
    yield master, path
    os.close(slave)
    os.close(master)


def _read_until_cut(master: int, limit: float = 10.0) -> bytes:
    received = bytearray()
    while not any(received.endswith(cut) for cut in CUTS):
        ready, _, _ = select.select([master], [], [], limit)
        assert ready, f"printer bytes stopped after {len(received)} bytes without a cut"
        received += os.read(master, 65536)
    return bytes(received)


def test_kitchen_ticket_reaches_a_serial_printer(serial_pair: tuple[int, str], order: Order) -> None:
    master, path = serial_pair
    printer = Printer("serial kitchen", f"serial://{path}", Encoding.BIG5)

    printed = send_ticket(printer, kitchen_ticket(order))

    data = _read_until_cut(master)
    assert data.startswith(INIT)
    assert CHINESE_ON + "2 x 鮮蝦雲吞麵".encode("big5hkscs") in data  # Chinese mode on, then Big5
    assert "堃記炒飯".encode("big5hkscs") in data  # HKSCS, not plain Big5
    assert "鮮蝦雲吞麵".encode("gb18030") not in data
    assert order.seq_no.encode() in data
    assert printed.confirmed is False  # a serial line reports no status: "sent", never "confirmed"


def test_a_missing_serial_port_is_unreachable(order: Order) -> None:
    printer = Printer("serial", "serial:///dev/ttyNOPE", Encoding.BIG5)
    with pytest.raises(PrinterUnreachable, match="serial port could not be opened"):
        send_ticket(printer, kitchen_ticket(order))


def _has_usb_backend() -> bool:
    import usb.backend.libusb1

    return usb.backend.libusb1.get_backend() is not None


async def test_a_missing_usb_printer_raises_an_alert_not_a_crash(
    db: peewee.SqliteDatabase, event_log: EventLog, order: Order
) -> None:
    printer = Printer("usb kitchen", MISSING_USB, Encoding.BIG5)
    queue = PrintQueue(
        {printer.name: printer},
        publish=event_log,
        policy=PrinterPolicy(
            RetryPolicy(first_delay=0.02, max_delay=0.05, max_attempts=0, jitter=False), 2, 2
        ),
    )
    job = jobs.add(order.order_view_id, JobKind.KITCHEN, printer.name, kitchen_ticket(order).to_json())
    assert job is not None
    await queue.start()
    try:
        await event_log.wait_for(lambda: event_log.of(PrinterDown))
    finally:
        await queue.stop()
    (down,) = event_log.of(PrinterDown)
    assert isinstance(down, PrinterDown) and down.printer == "usb kitchen" and down.waiting_jobs == 1
    assert "USB printer not found" in down.error and MISSING_USB in down.error
    assert jobs.get(job.id).state is JobState.QUEUED  # nothing reached a printer: it waits, never lost


def test_usb_device_not_found_with_a_libusb_backend(order: Order) -> None:
    if not _has_usb_backend():
        pytest.skip("pyusb has no backend here (libusb-1.0 not installed): only the no-backend path runs")
    with pytest.raises(PrinterUnreachable, match="USB printer not found"):
        send_ticket(Printer("usb", MISSING_USB, Encoding.BIG5), kitchen_ticket(order))
