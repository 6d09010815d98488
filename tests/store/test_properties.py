"""Property tests: any arrival order, with platform retries mixed in, ends in the same cache state."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import peewee
from hypothesis import given, settings
from hypothesis import strategies as st

from posapp.domain.events import OrderPlaced, OrderStatusChanged
from posapp.domain.order import OrderStatus
from posapp.domain.refund import RefundStatus
from posapp.store import orders
from posapp.store.db import open_database
from posapp.store.ingest import ingest
from tests import peek
from tests.store import factories as f

STATUS_EVENTS = [OrderStatus.NEW, OrderStatus.ACCEPTED, OrderStatus.COMPLETED, OrderStatus.CANCELLED]


@contextmanager
def fresh_cache() -> Iterator[peewee.SqliteDatabase]:
    # A function-scoped tmp_path fixture would be shared by every hypothesis example; memory is not.
    db = open_database(":memory:")
    try:
        yield db
    finally:
        db.close()


def _event(status: OrderStatus, message_id: str) -> OrderPlaced | OrderStatusChanged:
    if status is OrderStatus.NEW:
        return f.placed(message_id=message_id)
    return f.status_changed(status, message_id=message_id)


# Each draw is (status, message number); repeating a message number is a platform retry.
arrivals = st.lists(st.tuples(st.sampled_from(STATUS_EVENTS), st.integers(0, 5)), min_size=1, max_size=10)


@settings(max_examples=150, deadline=None)
@given(arrivals)
def test_status_is_the_highest_rank_seen_once_per_message(arrival: list[tuple[OrderStatus, int]]) -> None:
    with fresh_cache():
        first_by_message: dict[int, OrderStatus] = {}
        for status, number in arrival:
            first_by_message.setdefault(number, status)
            ingest(_event(status, f"m{number}"), "{}", f.PLACED_AT)

        applied = list(first_by_message.values())  # a repeated messageId has no effect at all
        stored = orders.get_order(f.ORDER_ID)
        assert stored is not None
        assert stored.status is max(applied, key=lambda s: s.rank)
        assert orders.needs_refresh(f.ORDER_ID) == (OrderStatus.NEW not in applied)
        assert peek.event_count() == len(first_by_message)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(list(RefundStatus)), min_size=1, max_size=8))
def test_refund_ends_in_the_last_final_status_seen(sequence: list[RefundStatus]) -> None:
    with fresh_cache():
        ingest(f.placed(), "{}", f.PLACED_AT)
        for status in sequence:
            ingest(f.refund_changed(f.refund(status)), "{}", f.PLACED_AT + 700)

        finals = [s for s in sequence if s.is_final]
        stored = peek.refund(9001)
        assert stored is not None
        assert stored.status is (finals[-1] if finals else RefundStatus.PENDING)
