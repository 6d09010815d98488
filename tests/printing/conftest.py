"""Printing fixtures: a bilingual order, recording TCP printers, a migrated cache database."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path

import peewee
import pytest

from posapp.domain.money import Money
from posapp.domain.order import (
    Courier,
    Customer,
    Fulfilment,
    MoneyBreakdown,
    Order,
    OrderLine,
    OrderOption,
    OrderStatus,
)
from posapp.printing.events import PrintEvent
from posapp.store.db import open_database
from tests.printing.recorder import PrinterServer

PLACED_AT = 1764057600  # 2025-11-25 16:00 HKT


def hkd(cents: int) -> Money:
    return Money(cents, "HKD")


def make_order(order_view_id: int = 756823555555859, seq_no: str = "#58") -> Order:
    lines = (
        OrderLine(
            line_id=1,
            name="Wonton Noodles in Soup",
            name_zh="鮮蝦雲吞麵",
            count=2,
            unit_price=hkd(4500),
            total=hkd(9000),
            spec="Large",
            options=(OrderOption("Less noodles", "少麵"), OrderOption("Add egg", "加蛋", price=hkd(500))),
            remark="走蔥 no spring onion",
        ),
        OrderLine(
            line_id=2,
            name="Iced Milk Tea",
            name_zh="凍奶茶",
            count=1,
            unit_price=hkd(2600),
            total=hkd(2600),
            options=(OrderOption("Less ice", "少冰"),),
        ),
        OrderLine(
            line_id=3, name="Kun's Special", name_zh="堃記炒飯", count=1, unit_price=hkd(0), total=hkd(0)
        ),
    )
    money = MoneyBreakdown(
        items=hkd(11600),
        delivery_fee=hkd(1200),
        platform_fee=hkd(300),
        discounts=hkd(1000),
        tip=hkd(500),
        total_paid=hkd(12600),
    )
    return Order(
        order_view_id=order_view_id,
        shop_id=880001,
        seq_no=seq_no,
        status=OrderStatus.ACCEPTED,
        fulfilment=Fulfilment.DELIVERY,
        courier_kind=Courier.KEETA,
        lines=lines,
        money=money,
        placed_at=PLACED_AT,
        shop_name="Sheung Wan Noodle House 上環麵家",
        customer=Customer(name="ENC_9f8a", phone="ENC_1a2b"),
        cutlery=True,
        remark="請按門鐘 Please ring the bell",
        pay_type="Apple Pay",
        ready_eta=PLACED_AT + 15 * 60,
        delivery_eta=PLACED_AT + 30 * 60,
    )


@pytest.fixture
def order() -> Order:
    return make_order()


@pytest.fixture
def printer_server() -> Iterator[PrinterServer]:
    server = PrinterServer()
    yield server
    server.close()


@pytest.fixture
def make_printer_server() -> Iterator[Callable[..., PrinterServer]]:
    servers: list[PrinterServer] = []

    def start(port: int = 0) -> PrinterServer:
        server = PrinterServer(port)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cache.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[peewee.SqliteDatabase]:
    database = open_database(db_path)
    yield database
    database.close()


class EventLog:
    """Collects print events; tests wait on a condition, never on a fixed sleep."""

    def __init__(self) -> None:
        self.events: list[PrintEvent] = []
        self._changed = asyncio.Event()

    def __call__(self, event: PrintEvent) -> None:
        self.events.append(event)
        self._changed.set()

    def of(self, kind: type) -> list[PrintEvent]:
        return [e for e in self.events if isinstance(e, kind)]

    async def wait_for(self, condition: Callable[[], object], limit: float = 10.0) -> None:
        async with asyncio.timeout(limit):
            while not condition():
                self._changed.clear()
                await self._changed.wait()


@pytest.fixture
def event_log() -> EventLog:
    return EventLog()
