"""Refund and courier slips, printed on a recording TCP printer on 127.0.0.1."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import AsyncIterator, Callable

import peewee
import pytest

from posapp.domain.money import Money
from posapp.domain.order import Courier, OrderStatus
from posapp.domain.print_job import JobKind
from posapp.domain.refund import Actor, RefundItem, RefundKind, RefundRequest, RefundStatus
from posapp.domain.retry import RetryPolicy
from posapp.engine.delivery.forms import DeliveryForm
from posapp.engine.delivery.service import DeliveryService
from posapp.engine.orders import OrderUpdate
from posapp.engine.printing_hooks import Printing, build_printing
from posapp.printing.escpos_render import CHINESE_ON
from posapp.printing.events import JobChanged, PrintNotice
from posapp.printing.queue import PrinterPolicy
from posapp.settings import Settings
from posapp.sim.server import SimServer
from posapp.store import print_jobs as jobs
from posapp.store.models import PrintJobRecord
from tests.delivery.conftest import CUSTOMER_LOCATION, open_delivery
from tests.printing.conftest import PLACED_AT, EventLog, make_order
from tests.printing.recorder import PrinterServer

FAST = PrinterPolicy(RetryPolicy(first_delay=0.05, max_delay=0.3, max_attempts=0, jitter=False), 2, 3)
GS_SIZE = re.compile(rb"\x1d!(.)", re.S)


def _refund(after_sale_id: int, status: RefundStatus, **changes: object) -> RefundRequest:
    base = RefundRequest(
        after_sale_order_id=after_sale_id,
        order_view_id=756823555555859,
        kind=RefundKind.PARTIAL,
        status=status,
        amount=Money(2600, "HKD"),
        requested_at=PLACED_AT + 3600,
        reason="少咗凍奶茶 missing milk tea",
        handled_by=Actor.MERCHANT,
        items=(RefundItem(spu_id=0, sku_id=0, count=1, amount=Money(2600, "HKD"), line_id=2),),
    )
    return dataclasses.replace(base, **changes)


def _settings(server: PrinterServer, **changes: object) -> Settings:
    entry = {"name": "counter", "uri": server.uri, "encoding": "big5", "role": "both"}
    return Settings(printers=[entry], auto_print_kitchen=False, auto_print_receipt=False).replace(**changes)


@pytest.fixture
async def printing_for(
    db: peewee.SqliteDatabase, event_log: EventLog
) -> AsyncIterator[Callable[..., Printing]]:
    built: list[Printing] = []

    def build(settings: Settings, deliveries: DeliveryService | None = None) -> Printing:
        printing = build_printing(settings, None, FAST, deliveries=deliveries)
        printing.events.subscribe(PrintNotice, event_log)
        built.append(printing)
        return printing

    yield build
    for printing in built:
        await printing.stop()


def _done(kind: JobKind) -> Callable[[], bool]:
    def check() -> bool:
        rows = PrintJobRecord.select().where(PrintJobRecord.kind == kind.value)
        return bool(rows) and all(jobs.JobState(r.state).printed for r in rows)

    return check


async def test_an_agreed_refund_prints_one_slip_and_a_second_refund_another(
    printing_for: Callable[..., Printing], printer_server: PrinterServer, event_log: EventLog
) -> None:
    printing = printing_for(_settings(printer_server))
    await printing.start()
    order = make_order()
    pending = dataclasses.replace(order, refunds=(_refund(9001, RefundStatus.PENDING),))
    printing.hooks.order_updated(OrderUpdate(pending, refund_requested=True))
    assert jobs.for_order(order.order_view_id) == []  # asked for, not agreed: nothing to print yet

    agreed = dataclasses.replace(order, refunds=(_refund(9001, RefundStatus.AGREED),))
    for _ in range(3):  # the agree action's answer, Keeta's push and a refresh all look the same
        printing.hooks.order_updated(OrderUpdate(agreed))
    await event_log.wait_for(_done(JobKind.REFUND))
    (slip,) = printer_server.recorder.wait_tickets(1)
    assert CHINESE_ON + "REFUND 退款".encode("big5hkscs") in slip
    assert "1 x 凍奶茶".encode("big5hkscs") in slip  # the refunded line, named from the order
    assert b"HK$26.00" in slip and b"9001" in slip and order.seq_no.encode() in slip

    second = _refund(
        9002, RefundStatus.AUTO_AGREED, kind=RefundKind.FULL, items=(), amount=Money(12600, "HKD")
    )
    both = dataclasses.replace(order, status=OrderStatus.CANCELLED, refunds=(*agreed.refunds, second))
    printing.hooks.order_updated(OrderUpdate(both))
    printing.hooks.order_updated(OrderUpdate(both))
    await event_log.wait_for(lambda: len(jobs.for_order(order.order_view_id)) == 2)
    await event_log.wait_for(_done(JobKind.REFUND))
    # The recorder files a ticket when the connection closes, which may be just after the job's event.
    tickets = printer_server.recorder.wait_tickets(2)
    assert len(tickets) == 2
    assert "全單".encode("big5hkscs") in tickets[1] and b"HK$126.00" in tickets[1]
    assert "鮮蝦雲吞麵".encode("big5hkscs") in tickets[1]  # a full refund lists the whole order
    kinds = [(j.kind, j.order_view_id) for j in jobs.for_order(order.order_view_id)]
    assert kinds == [(JobKind.REFUND, order.order_view_id)] * 2


async def test_refund_slips_can_be_switched_off(
    printing_for: Callable[..., Printing], printer_server: PrinterServer
) -> None:
    printing = printing_for(_settings(printer_server, print_refund_slip=False))
    order = dataclasses.replace(make_order(), refunds=(_refund(9001, RefundStatus.AGREED),))
    printing.hooks.order_updated(OrderUpdate(order))
    assert jobs.for_order(order.order_view_id) == []


def _form(**changes: object) -> DeliveryForm:
    base = DeliveryForm(
        name="Chan Siu Ming",
        phone="91234567",
        address="8 Queen's Road Central 皇后大道中8號",
        location=CUSTOMER_LOCATION,
        amount="128.50",
        pickup_code="4321",
        remark="Ring twice",
    )
    return base.with_changes(**changes)


def _size_before(data: bytes, text: bytes) -> int:
    """The ESC/POS ``GS !`` size byte in force where ``text`` is printed."""
    at = data.index(text)
    sizes = list(GS_SIZE.finditer(data, 0, at))
    assert sizes, "no character size set before the text"
    return sizes[-1].group(1)[0]


async def test_booking_a_courier_prints_the_pickup_code_large_once(
    printing_for: Callable[..., Printing], printer_server: PrinterServer, event_log: EventLog, sim: SimServer
) -> None:
    async with open_delivery(sim) as stack:
        service = stack.engine.service
        printing = printing_for(_settings(printer_server), deliveries=service)
        await printing.start()
        booking = service.book(_form())
        await event_log.wait_for(_done(JobKind.COURIER))
        # Zeek's answer and the tracker's updates notify again: the slip must not print again.
        await event_log.wait_for(lambda: bool((service.booking(booking.client_order_id) or booking).order_id))
        service.notify(booking.client_order_id)
        await event_log.wait_for(_done(JobKind.COURIER))

    (slip,) = printer_server.recorder.wait_tickets(1)
    assert CHINESE_ON + "COURIER / 速遞".encode("big5hkscs") in slip
    size = _size_before(slip, b"4321\n")
    assert size >> 4 >= 1 and size & 0x0F >= 1  # at least double width and double height
    assert "皇后大道中8號".encode("big5hkscs") in slip and b"Chan Siu Ming" in slip
    assert booking.client_order_id.encode() in slip
    courier_jobs = PrintJobRecord.select().where(PrintJobRecord.kind == JobKind.COURIER.value)
    assert courier_jobs.count() == 1
    assert [
        e for e in event_log.of(JobChanged) if isinstance(e, JobChanged) and e.job.kind is JobKind.COURIER
    ]


async def test_a_courier_for_a_keeta_order_names_the_order(
    printing_for: Callable[..., Printing], printer_server: PrinterServer, event_log: EventLog, sim: SimServer
) -> None:
    async with open_delivery(sim) as stack:
        service = stack.engine.service
        printing = printing_for(_settings(printer_server), deliveries=service)
        await printing.start()
        # Only an order the shop delivers itself can have a Zeek courier (deliveryMode 9001).
        own = dataclasses.replace(make_order(756823555555859), courier_kind=Courier.MERCHANT)
        service.book(_form(keeta_order_view_id=756823555555859, pickup_code="8080"), own)
        await event_log.wait_for(_done(JobKind.COURIER))

    (slip,) = printer_server.recorder.wait_tickets(1)
    assert b"Keeta Order 756823555555859" in slip
    assert _size_before(slip, b"8080\n") == 0x33  # HUGE: four times wide and high
    (job,) = jobs.for_order(756823555555859)
    assert job.kind is JobKind.COURIER  # the order's print state includes its courier slip
