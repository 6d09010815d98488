"""Kitchen routing against real TCP printers on 127.0.0.1: every printer of a role prints, a station's
ticket lists only its items under the order header, copies, failover to the named fallback (and the
cashier told), cancel slips to every station that cooked, the unaccepted-order slip once."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from typing import Any

import peewee
import pytest

from posapp.domain.order import Order, OrderStatus
from posapp.domain.print_job import JobKind
from posapp.engine.orders import OrderService
from posapp.engine.printing_hooks import print_settings, printer_setup
from posapp.engine.unaccepted import UnacceptedSlips
from posapp.printing.events import PrinterDown
from posapp.printing.queue import PrintQueue
from posapp.printing.routing import KitchenRouting, Route, StationPrinter
from posapp.printing.service import OrderPrintState, PrintService
from posapp.settings import Settings
from posapp.store import print_jobs as jobs
from tests.printing.conftest import PLACED_AT, EventLog, make_order
from tests.printing.recorder import PrinterServer, closed_port
from tests.printing.test_queue import FAST

NOODLES = "鮮蝦雲吞麵".encode("big5hkscs")
TEA = "凍奶茶".encode("big5hkscs")
RICE = "堃記炒飯".encode("big5hkscs")
SEQ = b"#58"
ROUTES = [{"match": "Iced*", "station": "drinks"}, {"match": "鮮蝦雲吞麵", "station": "hot"}]


async def all_printed(event_log: EventLog, order_view_id: int, count: int) -> None:
    """The queue runs on this loop: wait for its events before reading the printers' recordings."""
    done = lambda: [j for j in jobs.for_order(order_view_id) if j.state.printed]  # noqa: E731
    await event_log.wait_for(lambda: len(done()) >= count)


def entry(name: str, uri: str, role: str = "kitchen", **more: Any) -> dict[str, Any]:
    return {"name": name, "uri": uri, "role": role, "encoding": "big5", **more}


@pytest.fixture
async def service_with(
    db: peewee.SqliteDatabase, event_log: EventLog
) -> AsyncIterator[Callable[..., PrintService]]:
    queues: list[PrintQueue] = []

    def build(printers: list[dict[str, Any]], routes: list[dict[str, Any]] | None = None) -> PrintService:
        setup = printer_setup(printers, routes)
        queue = PrintQueue(setup.printers, publish=event_log, policy=FAST)
        queues.append(queue)
        return PrintService(queue, print_settings(Settings(), setup))

    yield build
    for queue in queues:
        await queue.stop()


async def test_both_kitchen_stations_print_only_their_items_copies_and_every_receipt_printer(
    service_with: Callable[..., PrintService],
    event_log: EventLog,
    order: Order,
    make_printer_server: Callable[..., PrinterServer],
) -> None:
    hot, drinks, front, back = (make_printer_server() for _ in range(4))
    service = service_with(
        [
            entry("hot", hot.uri, station="hot", copies=2),
            entry("drinks", drinks.uri, station="drinks"),
            entry("front", front.uri, role="receipt"),
            entry("back", back.uri, role="receipt"),
        ],
        ROUTES,
    )
    await service.queue.start()
    assert len(service.on_order_accepted(order)) == 4
    assert service.on_order_accepted(order) == []  # the accept seen again prints nothing more
    await all_printed(event_log, order.order_view_id, 4)
    (hot_ticket,) = hot.recorder.wait_tickets(1)
    (drinks_ticket,) = drinks.recorder.wait_tickets(1)
    # Hot: the noodles and the dish no rule routes (no printer takes whole orders, so the first
    # station does), twice, each copy with the order header; never the drink.
    assert hot_ticket.count(NOODLES) == 2 and hot_ticket.count(RICE) == 2 and hot_ticket.count(SEQ) == 2
    assert TEA not in hot_ticket and b"[ hot ]" in hot_ticket
    assert drinks_ticket.count(TEA) == 1 and drinks_ticket.count(SEQ) == 1 and b"[ drinks ]" in drinks_ticket
    assert NOODLES not in drinks_ticket and RICE not in drinks_ticket
    assert b"1 of 4 items" in drinks_ticket
    receipts = [s.recorder.wait_tickets(1)[0] for s in (front, back)]
    assert all(NOODLES in r and TEA in r for r in receipts)
    printed_on = {(j.kind, j.printer) for j in jobs.for_order(order.order_view_id)}
    assert printed_on == {
        (JobKind.KITCHEN, "hot"), (JobKind.KITCHEN, "drinks"),
        (JobKind.RECEIPT, "front"), (JobKind.RECEIPT, "back"),
    }  # fmt: skip


async def test_a_printer_without_a_station_prints_whole_orders_beside_the_stations(
    service_with: Callable[..., PrintService],
    event_log: EventLog,
    order: Order,
    make_printer_server: Callable[..., PrinterServer],
) -> None:
    passe, drinks = make_printer_server(), make_printer_server()
    service = service_with([entry("pass", passe.uri), entry("drinks", drinks.uri, station="drinks")], ROUTES)
    await service.queue.start()
    service.kitchen_tickets(order)
    await all_printed(event_log, order.order_view_id, 2)
    (whole,) = passe.recorder.wait_tickets(1)
    (drink,) = drinks.recorder.wait_tickets(1)
    assert NOODLES in whole and TEA in whole and RICE in whole
    assert TEA in drink and NOODLES not in drink and RICE not in drink


async def test_a_down_station_sends_its_tickets_to_its_fallback_and_the_cashier_is_told(
    service_with: Callable[..., PrintService],
    event_log: EventLog,
    order: Order,
    make_printer_server: Callable[..., PrinterServer],
) -> None:
    drinks, backup = make_printer_server(), make_printer_server()
    service = service_with(
        [
            entry("hot", f"tcp://127.0.0.1:{closed_port()}", station="hot", failover="backup"),
            entry("drinks", drinks.uri, station="drinks"),
            entry("backup", backup.uri, role="receipt"),
        ],
        ROUTES,
    )
    await service.queue.start()
    service.kitchen_tickets(order)
    await all_printed(event_log, order.order_view_id, 2)
    (rescued,) = backup.recorder.wait_tickets(1)
    assert NOODLES in rescued and b"[ hot ]" in rescued and TEA not in rescued
    (drink,) = drinks.recorder.wait_tickets(1)
    assert TEA in drink
    downs = [(e.printer, e.failover) for e in event_log.of(PrinterDown) if isinstance(e, PrinterDown)]
    assert downs == [("hot", "backup")]
    hot_job = next(j for j in jobs.for_order(order.order_view_id) if j.printer == "hot")
    assert jobs.get(hot_job.id).printed_on == "backup"


async def test_a_cancel_reaches_every_station_that_printed_and_reprints_go_to_all(
    service_with: Callable[..., PrintService],
    event_log: EventLog,
    order: Order,
    make_printer_server: Callable[..., PrinterServer],
) -> None:
    hot, drinks = make_printer_server(), make_printer_server()
    service = service_with(
        [entry("hot", hot.uri, station="hot"), entry("drinks", drinks.uri, station="drinks")], ROUTES
    )
    await service.queue.start()
    service.kitchen_tickets(order)
    await event_log.wait_for(lambda: all(j.state.printed for j in jobs.for_order(order.order_view_id)))
    service.reprint(order)
    await all_printed(event_log, order.order_view_id, 4)
    assert service.cancel_slip(order) is not None
    assert service.cancel_slip(order) is None  # once per station
    await all_printed(event_log, order.order_view_id, 6)
    hot_tickets, drinks_tickets = hot.recorder.wait_tickets(3), drinks.recorder.wait_tickets(3)
    assert [b"REPRINT #1" in t for t in hot_tickets] == [False, True, False]
    assert b"CANCELLED" in hot_tickets[2] and b"CANCELLED" in drinks_tickets[2]


async def test_the_unaccepted_slip_prints_once_per_order_across_restarts(
    db: peewee.SqliteDatabase,
    event_log: EventLog,
    service_with: Callable[..., PrintService],
    make_printer_server: Callable[..., PrinterServer],
) -> None:
    kitchen = make_printer_server()
    waiting = replace(make_order(1, "#1"), status=OrderStatus.NEW)
    accepted = make_order(2, "#2")

    class Orders:
        def new_orders_since(self, since: int) -> list[Order]:
            return [o for o in (waiting, accepted) if o.status is OrderStatus.NEW and o.placed_at >= since]

    now = [PLACED_AT + 179]

    def watch(service: PrintService) -> UnacceptedSlips:
        orders: OrderService = Orders()  # type: ignore[assignment]
        return UnacceptedSlips(service, orders, minutes=3, clock=lambda: now[0])

    first = service_with([entry("kitchen", kitchen.uri)])
    assert watch(first).check() == []  # 2 min 59 s: not yet
    now[0] = PLACED_AT + 180
    assert [j.order_view_id for j in watch(first).check()] == [1]
    assert watch(first).check() == []
    restarted = service_with([entry("kitchen", kitchen.uri)])  # the app restarted: same database
    now[0] = PLACED_AT + 240
    assert watch(restarted).check() == []
    await restarted.queue.start()
    await event_log.wait_for(lambda: jobs.for_order(1)[0].state.printed)
    (slip,) = kitchen.recorder.wait_tickets(1)
    assert restarted.print_state(1) is OrderPrintState.NONE  # not a ticket of the order: nothing to show
    assert b"UNACCEPTED ORDER" in slip and b"#1" in slip and "未接訂".encode("big5hkscs") in slip
    now[0] = PLACED_AT + 300  # Keeta has cancelled it by now: no slip for later orders that old either
    assert watch(restarted).check() == []


def test_routing_rules_first_match_wins_by_code_name_or_prefix() -> None:
    order = make_order()
    noodles, tea, rice = order.lines
    routing = KitchenRouting(
        (StationPrinter("a", "hot"), StationPrinter("b", "drinks")),
        (Route("凍*", "drinks"), Route("iced milk tea", "hot"), Route("kun's special", "nowhere")),
    )
    assert routing.station_of(tea) == "drinks"  # the first matching rule, by its Chinese name prefix
    assert routing.station_of(noodles) == ""
    assert routing.station_of(rice) == ""  # routed to a station without a printer: unrouted
    coded = replace(noodles, item_code="NOODLE-WT")
    assert KitchenRouting(routing.printers, (Route("noodle-*", "hot"),)).station_of(coded) == "hot"
    assert Route("*", "hot").matches(tea) is False  # an empty prefix matches nothing
