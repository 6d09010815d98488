"""The board's queries, and order/get merges under the same monotonic rule as events."""

from __future__ import annotations

import dataclasses

import peewee

from posapp.domain.order import Courier, Fulfilment, OrderStatus
from posapp.store import orders
from posapp.store.ingest import ingest, upsert_order
from tests import peek
from tests.store import factories as f


def _place(order_view_id: int, placed_at: int, status: OrderStatus = OrderStatus.NEW) -> None:
    upsert_order(f.order(status=status, order_view_id=order_view_id, placed_at=placed_at))


def test_open_orders_exclude_final_ones_oldest_first(db: peewee.SqliteDatabase) -> None:
    _place(3, 300)
    _place(1, 100, OrderStatus.READY)
    _place(2, 200, OrderStatus.COMPLETED)
    _place(4, 50, OrderStatus.CANCELLED)

    assert [o.order_view_id for o in orders.open_orders()] == [1, 3]
    assert [
        o.order_view_id for o in orders.orders_by_status(OrderStatus.COMPLETED, OrderStatus.CANCELLED)
    ] == [
        4,
        2,
    ]
    assert all(len(o.lines) == 2 for o in orders.open_orders())


def test_new_orders_since_and_the_open_count(db: peewee.SqliteDatabase) -> None:
    _place(1, 100)  # new, but placed before the window
    _place(2, 200)
    _place(3, 250, OrderStatus.ACCEPTED)
    _place(4, 300)
    _place(5, 260, OrderStatus.CANCELLED)

    assert [o.order_view_id for o in orders.new_orders_since(200)] == [2, 4]
    assert orders.open_order_count() == len(orders.open_orders()) == 4


def test_open_self_delivery_orders(db: peewee.SqliteDatabase) -> None:
    def place(order_view_id: int, fulfilment: Fulfilment, courier: Courier, status: OrderStatus) -> None:
        made = f.order(status=status, order_view_id=order_view_id, placed_at=order_view_id * 100)
        upsert_order(dataclasses.replace(made, fulfilment=fulfilment, courier_kind=courier))

    place(1, Fulfilment.DELIVERY, Courier.MERCHANT, OrderStatus.ACCEPTED)
    place(2, Fulfilment.DELIVERY, Courier.KEETA, OrderStatus.ACCEPTED)
    place(3, Fulfilment.DELIVERY, Courier.MERCHANT, OrderStatus.COMPLETED)
    place(4, Fulfilment.PICKUP, Courier.NONE, OrderStatus.NEW)
    assert [o.order_view_id for o in orders.open_self_delivery_orders_in_worker()] == [1]


def test_upsert_order_never_moves_status_back(db: peewee.SqliteDatabase) -> None:
    _place(1, 100, OrderStatus.READY)

    stale = upsert_order(f.order(status=OrderStatus.ACCEPTED, order_view_id=1, placed_at=100))
    forward = upsert_order(f.order(status=OrderStatus.COMPLETED, order_view_id=1, placed_at=100))

    assert not stale.applied and stale.status_after is OrderStatus.READY
    assert forward.applied and forward.status_before is OrderStatus.READY
    stored = orders.get_order(1)
    assert stored is not None and stored.status is OrderStatus.COMPLETED


def test_upsert_order_fills_a_stub(db: peewee.SqliteDatabase) -> None:
    ingest(f.status_changed(OrderStatus.CANCELLED, reason="Timeout"), "{}", f.PLACED_AT + 300)

    result = upsert_order(f.order(status=OrderStatus.NEW), raw_order_info='{"baseOrder":{}}')

    assert result.new_order and not result.needs_refresh
    stored = orders.get_order(f.ORDER_ID)
    assert stored is not None
    assert (stored.status, stored.cancel_reason, len(stored.lines)) == (OrderStatus.CANCELLED, "Timeout", 2)


def test_timeline_is_the_latest_events_oldest_first(db: peewee.SqliteDatabase) -> None:
    ingest(f.placed(message_id="a"), "{}", 100)
    ingest(f.status_changed(OrderStatus.ACCEPTED, message_id="b"), "{}", 200)
    ingest(f.status_changed(OrderStatus.COMPLETED, message_id="c"), "{}", 300)
    ingest(f.placed(message_id="other", order_view_id=7), "{}", 250)

    assert [e.message_id for e in peek.order_events(f.ORDER_ID)] == ["a", "b", "c"]
    assert [e.message_id for e in peek.order_events(f.ORDER_ID, limit=2)] == ["b", "c"]
    assert [e.message_id for e in peek.events_after(200)] == ["other", "c"]
    assert peek.events_after(300) == []
