"""A domain Order saved to the cache loads back equal: lines, options, money, customer, courier, refunds."""

from __future__ import annotations

import dataclasses

import peewee

from posapp.domain.money import Money
from posapp.domain.order import (
    Courier,
    CourierInfo,
    CourierStatus,
    Customer,
    Fulfilment,
    MoneyBreakdown,
    OrderOption,
    OrderStatus,
)
from posapp.domain.refund import RefundKind, RefundStatus
from posapp.store import orders
from posapp.store.ingest import upsert_order
from tests.store import factories as f


def test_full_delivery_order_round_trips(db: peewee.SqliteDatabase) -> None:
    original = f.order(
        status=OrderStatus.ACCEPTED,
        courier=CourierInfo(CourierStatus.ASSIGNED, "陳大文", "+852 9123 4567", f.PLACED_AT + 120, "SUB-2"),
        refunds=(
            f.refund(RefundStatus.AGREED, after_sale_order_id=1, kind=RefundKind.FULL),
            f.refund(RefundStatus.PENDING, after_sale_order_id=2),
        ),
    )

    upsert_order(original)

    assert orders.get_order(original.order_view_id) == original


def test_minimal_pickup_order_round_trips(db: peewee.SqliteDatabase) -> None:
    zero = Money.zero("MOP")
    original = dataclasses.replace(
        f.order(order_view_id=42),
        fulfilment=Fulfilment.PICKUP,
        courier_kind=Courier.NONE,
        lines=(),
        money=MoneyBreakdown(zero, zero, zero, zero, zero, zero),
        customer=Customer(),
        cutlery=False,
        remark="",
        delivery_eta=None,
        ready_eta=None,
    )

    upsert_order(original)

    assert orders.get_order(42) == original


def test_option_keeps_its_own_currency(db: peewee.SqliteDatabase) -> None:
    base = f.order()
    line = dataclasses.replace(base.lines[0], options=(OrderOption(name="x", price=Money(150, "USD")),))
    original = dataclasses.replace(base, lines=(line,))

    upsert_order(original)

    loaded = orders.get_order(original.order_view_id)
    assert loaded is not None
    assert loaded.lines[0].options[0].price == Money(150, "USD")


def test_unknown_order_is_none(db: peewee.SqliteDatabase) -> None:
    assert orders.get_order(123) is None
