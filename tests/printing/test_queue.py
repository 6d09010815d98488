"""The durable print queue against real TCP printers on 127.0.0.1: retries, alerts, failover, restart."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import peewee
import pytest

from posapp.domain.order import Order
from posapp.domain.print_job import JobKind, JobState
from posapp.domain.retry import RetryPolicy
from posapp.printing.escpos_render import CHINESE_ON, Encoding
from posapp.printing.events import JobNeedsAttention, PrinterDown, PrinterRecovered
from posapp.printing.printers import Printer
from posapp.printing.queue import PrinterPolicy, PrintQueue
from posapp.printing.service import OrderPrintState, PrintService, PrintSettings
from posapp.store import print_jobs as jobs
from posapp.store.db import open_database
from tests.printing.conftest import EventLog, make_order
from tests.printing.recorder import PrinterServer, closed_port

FAST = PrinterPolicy(RetryPolicy(first_delay=0.05, max_delay=0.3, max_attempts=0, jitter=False), 2, 3)


def _printer(name: str, uri: str, failover: str | None = None) -> Printer:
    return Printer(name, uri, Encoding.BIG5, failover=failover, connect_timeout=1, status_timeout=0.3)


@pytest.fixture
async def service_for(
    db: peewee.SqliteDatabase, event_log: EventLog
) -> AsyncIterator[Callable[..., PrintService]]:
    queues: list[PrintQueue] = []

    def build(*printers: Printer, settings: PrintSettings | None = None) -> PrintService:
        queue = PrintQueue({p.name: p for p in printers}, publish=event_log, policy=FAST)
        queues.append(queue)
        return PrintService(queue, settings or PrintSettings(auto_receipt=False))

    yield build
    for queue in queues:
        await queue.stop()


def _printed(order_view_id: int) -> list[jobs.JobView]:
    return [j for j in jobs.for_order(order_view_id) if j.state.printed]


async def test_accepting_an_order_prints_kitchen_ticket_and_receipt(
    service_for: Callable[..., PrintService],
    event_log: EventLog,
    order: Order,
    make_printer_server: Callable[..., PrinterServer],
) -> None:
    kitchen, counter = make_printer_server(), make_printer_server()
    service = service_for(
        _printer("kitchen", kitchen.uri), _printer("counter", counter.uri), settings=PrintSettings()
    )
    await service.queue.start()
    assert len(service.on_order_accepted(order)) == 2
    await event_log.wait_for(lambda: len(_printed(order.order_view_id)) == 2)
    assert service.print_state(order.order_view_id) is OrderPrintState.PRINTED
    assert {j.state for j in service.jobs_for(order.order_view_id)} == {JobState.CONFIRMED}
    (ticket,) = kitchen.recorder.wait_tickets(1)
    (receipt,) = counter.recorder.wait_tickets(1)
    assert (
        "鮮蝦雲吞麵".encode("big5hkscs") in ticket and b"1P0" + str(order.order_view_id).encode() in receipt
    )


async def test_refusing_printer_alerts_then_prints_exactly_once_when_back(
    service_for: Callable[..., PrintService],
    event_log: EventLog,
    order: Order,
    make_printer_server: Callable[..., PrinterServer],
) -> None:
    port = closed_port()
    service = service_for(_printer("kitchen", f"tcp://127.0.0.1:{port}"))
    await service.queue.start()
    job = service.enqueue_kitchen(order)
    assert job is not None
    await event_log.wait_for(lambda: event_log.of(PrinterDown))
    (down,) = event_log.of(PrinterDown)
    assert isinstance(down, PrinterDown) and down.printer == "kitchen" and down.waiting_jobs == 1
    assert jobs.get(job.id).state is JobState.QUEUED and jobs.get(job.id).attempts >= 3
    assert service.print_state(order.order_view_id) is OrderPrintState.PENDING

    printer = make_printer_server(port)  # the printer is switched back on
    await event_log.wait_for(lambda: event_log.of(PrinterRecovered))
    assert jobs.get(job.id).state is JobState.CONFIRMED
    await service.queue.stop()
    assert len(printer.recorder.wait_tickets(1)) == 1
    assert len(event_log.of(PrinterDown)) == 1  # one alert, not one per retry


async def test_failover_printer_takes_the_job(
    service_for: Callable[..., PrintService],
    event_log: EventLog,
    order: Order,
    make_printer_server: Callable[..., PrinterServer],
) -> None:
    counter = make_printer_server()
    service = service_for(
        _printer("kitchen", f"tcp://127.0.0.1:{closed_port()}", failover="counter"),
        _printer("counter", counter.uri),
    )
    await service.queue.start()
    job = service.enqueue_kitchen(order)
    assert job is not None
    await event_log.wait_for(lambda: jobs.get(job.id).state.printed)
    assert jobs.get(job.id).printed_on == "counter"
    downs = event_log.of(PrinterDown)
    assert [(d.printer, d.failover) for d in downs if isinstance(d, PrinterDown)] == [("kitchen", "counter")]
    assert len(counter.recorder.wait_tickets(1)) == 1


async def test_queued_job_survives_a_restart_and_prints_once(
    db_path: Path, db: peewee.SqliteDatabase, event_log: EventLog, order: Order, printer_server: PrinterServer
) -> None:
    printers = {"kitchen": _printer("kitchen", printer_server.uri)}
    before = PrintService(PrintQueue(printers, policy=FAST), PrintSettings(auto_receipt=False))
    assert before.enqueue_kitchen(order) is not None  # queued, then the app is killed before it prints
    db.close()

    open_database(db_path)  # restart: a new connection to the same file
    after = PrintService(PrintQueue(printers, publish=event_log, policy=FAST))
    assert after.enqueue_kitchen(order) is None  # the replayed accept does not queue a second ticket
    await after.queue.start()
    await event_log.wait_for(lambda: _printed(order.order_view_id))
    await after.queue.stop()
    assert len(printer_server.recorder.wait_tickets(1)) == 1
    assert len(jobs.for_order(order.order_view_id)) == 1


async def test_job_caught_mid_print_by_a_crash_is_not_printed_again(
    service_for: Callable[..., PrintService], event_log: EventLog, order: Order, printer_server: PrinterServer
) -> None:
    service = service_for(_printer("kitchen", printer_server.uri))
    job = service.enqueue_kitchen(order)
    assert job is not None
    jobs.start_sending(job.id)  # what the table holds if the app died while the bytes went out
    await service.queue.start()
    await event_log.wait_for(lambda: event_log.of(JobNeedsAttention))
    assert jobs.get(job.id).state is JobState.UNCERTAIN
    assert service.print_state(order.order_view_id) is OrderPrintState.ATTENTION
    assert printer_server.recorder.tickets == []

    service.resolve(job.id, printed=False)  # the cashier looked: nothing came out, send it
    await event_log.wait_for(lambda: jobs.get(job.id).state.printed)
    assert len(printer_server.recorder.wait_tickets(1)) == 1


async def test_reprint_is_marked_and_numbered(
    service_for: Callable[..., PrintService], event_log: EventLog, order: Order, printer_server: PrinterServer
) -> None:
    service = service_for(_printer("kitchen", printer_server.uri))
    await service.queue.start()
    service.enqueue_kitchen(order)
    first, second = service.reprint(order), service.reprint(order)
    assert (first.reprint_no, second.reprint_no) == (1, 2)
    await event_log.wait_for(lambda: len(_printed(order.order_view_id)) == 3)
    original, again, third = printer_server.recorder.wait_tickets(3)
    assert b"REPRINT" not in original
    assert CHINESE_ON + b"REPRINT #1 " in again and CHINESE_ON + b"REPRINT #2 " in third


async def test_cancel_withdraws_an_unprinted_ticket_and_slips_a_printed_one(
    service_for: Callable[..., PrintService], event_log: EventLog, printer_server: PrinterServer
) -> None:
    service = service_for(_printer("kitchen", printer_server.uri))
    waiting, cooked = make_order(1001, "#1"), make_order(1002, "#2")
    service.enqueue_kitchen(waiting)
    assert service.cancel_slip(waiting) is None  # never reached the kitchen: just withdraw it
    assert [j.state for j in service.jobs_for(1001)] == [JobState.CANCELLED]

    await service.queue.start()
    service.enqueue_kitchen(cooked)
    await event_log.wait_for(lambda: _printed(1002))
    slip = service.cancel_slip(cooked)
    assert slip is not None and slip.kind is JobKind.CANCEL
    assert service.cancel_slip(cooked) is None  # one slip per order
    await event_log.wait_for(lambda: len(_printed(1002)) == 2)
    _, printed_slip = printer_server.recorder.wait_tickets(2)
    assert b"CANCELLED" in printed_slip and b"#2" in printed_slip
    assert printer_server.recorder.tickets[0].count(b"#1") == 0


async def test_a_dead_printer_does_not_hold_up_another(
    service_for: Callable[..., PrintService], event_log: EventLog, order: Order, printer_server: PrinterServer
) -> None:
    service = service_for(
        _printer("kitchen", f"tcp://127.0.0.1:{closed_port()}"),
        _printer("counter", printer_server.uri),
        settings=PrintSettings(),
    )
    await service.queue.start()
    kitchen_job, receipt_job = service.on_order_accepted(order)
    await event_log.wait_for(lambda: jobs.get(receipt_job.id).state.printed)
    # The kitchen job may be mid-attempt (SENDING) at this instant; a failed attempt puts it back in the
    # queue with its error, in one published change.
    await event_log.wait_for(lambda: jobs.get(kitchen_job.id).last_error != "")
    assert jobs.get(kitchen_job.id).state is JobState.QUEUED
    assert service.print_state(order.order_view_id) is OrderPrintState.PENDING
