"""The per-event statements written as literal SQL: today's orders, the event log and the stream cursor."""

from __future__ import annotations

import peewee
import pytest

from posapp.domain.order import OrderStatus
from posapp.store import events, orders, sync_state
from posapp.store.ingest import upsert_order
from tests import peek
from tests.store import factories as f

DAY_START = 1_700_000_000


def _place(order_view_id: int, placed_at: int, status: OrderStatus = OrderStatus.NEW) -> None:
    upsert_order(f.order(status=status, order_view_id=order_view_id, placed_at=placed_at))


def test_orders_since_holds_every_status_from_the_start_oldest_first(db: peewee.SqliteDatabase) -> None:
    _place(1, DAY_START - 1, OrderStatus.COMPLETED)  # yesterday
    _place(2, DAY_START + 300, OrderStatus.CANCELLED)
    _place(3, DAY_START, OrderStatus.COMPLETED)  # on the boundary: today
    _place(4, DAY_START + 100)

    today = orders.orders_since(DAY_START)

    assert [o.order_view_id for o in today] == [3, 4, 2]
    assert [o.status for o in today] == [OrderStatus.COMPLETED, OrderStatus.NEW, OrderStatus.CANCELLED]
    assert all(len(o.lines) == 2 for o in today)
    assert orders.orders_since(DAY_START + 301) == []


def test_orders_since_reads_the_placed_at_index(db: peewee.SqliteDatabase) -> None:
    plan = db.execute_sql("EXPLAIN QUERY PLAN SELECT * FROM orders WHERE placed_at >= ?", (DAY_START,))
    assert any("orders_placed" in str(row[-1]) for row in plan.fetchall())


def test_record_event_refuses_a_repeated_message_and_marks_applied(db: peewee.SqliteDatabase) -> None:
    first = events.record_event(f.meta(1001, "m-1"), f.ORDER_ID, '{"a": 1}', 1000)
    second = events.record_event(f.meta(1002, "m-2"), None, "{}", 1001)
    with pytest.raises(peewee.IntegrityError):
        events.record_event(f.meta(1001, "m-1"), f.ORDER_ID, '{"a": 1}', 1002)

    events.mark_applied(first)

    stored = peek.events_after(0)
    assert [(e.id, e.message_id, e.applied) for e in stored] == [(first, "m-1", True), (second, "m-2", False)]
    assert (
        stored[0].raw == '{"a": 1}'
        and stored[0].order_view_id == f.ORDER_ID
        and stored[1].order_view_id is None
    )
    assert stored[0].event_id == 1001 and stored[0].received_at == 1000
    assert events.has_message("m-2") and peek.event_count() == 2


def test_save_cursor_never_moves_backwards(db: peewee.SqliteDatabase) -> None:
    assert sync_state.load_cursor("keeta") is None
    sync_state.save_cursor("keeta", 7)
    sync_state.save_cursor("keeta", 3)  # a replayed older event
    sync_state.save_cursor("zeek", 2)
    assert sync_state.load_cursor("keeta") == 7
    sync_state.save_cursor("keeta", 9)
    assert (sync_state.load_cursor("keeta"), sync_state.load_cursor("zeek")) == (9, 2)
