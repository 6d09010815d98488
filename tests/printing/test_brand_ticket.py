"""Several brands on one counter: the kitchen ticket and the receipt say which shop the order is for,
so the kitchen bags it under the right brand — by the brand's display name from Settings when it has
one, Keeta's shop name otherwise."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable

import peewee

from posapp.domain.order import Order
from posapp.domain.print_job import JobKind
from posapp.engine.hub import EventHub
from posapp.engine.printing_hooks import build_printing
from posapp.printing.events import JobChanged
from posapp.printing.layouts import customer_receipt, kitchen_ticket
from posapp.printing.ticket import Text
from posapp.settings import Settings
from tests.printing.conftest import EventLog
from tests.printing.recorder import PrinterServer
from tests.printing.test_queue import FAST
from tests.printing.test_stations import all_printed

MAIN = 880001
NOODLES = 880002


def _texts(blocks: tuple[object, ...]) -> list[str]:
    return [block.text for block in blocks if isinstance(block, Text)]


def test_each_brands_ticket_and_receipt_head_with_its_shop(order: Order) -> None:
    noodles = dataclasses.replace(order, shop_id=1, shop_name="Noodle House 麵家")
    burgers = dataclasses.replace(order, shop_id=2, shop_name="Burger Lab")
    assert _texts(kitchen_ticket(noodles).blocks)[0] == "Noodle House 麵家"
    assert _texts(kitchen_ticket(burgers).blocks)[0] == "Burger Lab"
    assert _texts(customer_receipt(burgers).blocks)[0] == "Burger Lab"
    assert _texts(kitchen_ticket(dataclasses.replace(order, shop_name="")).blocks)[0] == order.seq_no


# --- the Settings display name on paper, through the real queue to real TCP printers ----------------------


async def test_tickets_print_the_brands_settings_name_and_a_rename_applies_in_place(
    db: peewee.SqliteDatabase,
    event_log: EventLog,
    order: Order,
    make_printer_server: Callable[..., PrinterServer],
) -> None:
    hot, drinks, counter = (make_printer_server() for _ in range(3))
    keeta_name = b"Sheung Wan Noodle House"  # Keeta's shop name (its Chinese half wraps to a line of its own)
    main = dataclasses.replace(order, shop_id=MAIN)
    other = dataclasses.replace(order, order_view_id=order.order_view_id + 1, shop_id=NOODLES)
    settings = Settings(
        keeta_shop_id=MAIN,
        brands=[
            {"shop_id": MAIN, "name": "", "colour": "#1565c0"},  # no display name: Keeta's shop name
            {"shop_id": NOODLES, "name": "Noodle Bar", "colour": "#c62828"},
        ],
        printers=[
            {"name": "hot", "uri": hot.uri, "role": "kitchen", "encoding": "big5", "station": "hot"},
            {"name": "drinks", "uri": drinks.uri, "role": "kitchen", "encoding": "big5", "station": "drinks"},
            {"name": "counter", "uri": counter.uri, "role": "receipt", "encoding": "big5"},
        ],
        station_routes=[{"match": "Iced*", "station": "drinks"}, {"match": "*", "station": "hot"}],
    )
    hub = EventHub()
    hub.subscribe(JobChanged, event_log)
    printing = build_printing(settings, policy=FAST, hub=hub)
    await printing.start()
    try:
        printing.service.on_order_accepted(other)
        await all_printed(event_log, other.order_view_id, 3)  # two stations and the receipt
        printing.service.on_order_accepted(main)
        await all_printed(event_log, main.order_view_id, 3)
        # The kitchen's station tickets and the receipt of the named brand carry its Settings name …
        for server in (hot, drinks, counter):
            # The job is printed once the bytes are sent; the printer's thread may still be recording them.
            first, second = await asyncio.to_thread(server.recorder.wait_tickets, 2)
            assert b"Noodle Bar" in first and keeta_name not in first
            # … the brand without one, Keeta's shop name.
            assert keeta_name in second and b"Noodle Bar" not in second
        # Renamed in Settings: applied in place (same queue, same jobs), the reprint has the new name.
        renamed = [dict(settings.brands[0]), {**settings.brands[1], "name": "Noodle Bar Two"}]
        printing.apply(settings.replace(brands=renamed))
        assert printing.reprint(other, JobKind.KITCHEN)
        await all_printed(event_log, other.order_view_id, 5)
        assert b"Noodle Bar Two" in (await asyncio.to_thread(hot.recorder.wait_tickets, 3))[2]
        assert b"Noodle Bar Two" in (await asyncio.to_thread(drinks.recorder.wait_tickets, 3))[2]
    finally:
        await printing.stop()
