"""Ingest: one transaction per event, idempotent by messageId, monotonic by status rank."""

from __future__ import annotations

import dataclasses
import json
from itertools import permutations

import peewee
import pytest

from posapp.domain.events import EventMeta, UnknownEvent
from posapp.domain.order import CourierStatus, OrderStatus
from posapp.domain.refund import Actor
from posapp.keeta.webhooks import message_text
from posapp.store import events, orders
from posapp.store.ingest import ingest
from posapp.store.models import OrderLineRecord, OrderRecord
from tests import peek
from tests.conftest import load_fixture
from tests.store import factories as f

NOW = f.PLACED_AT + 5


def test_same_message_twice_has_one_effect(db: peewee.SqliteDatabase) -> None:
    ingest(f.placed(), "{}", NOW)
    accepted = f.status_changed(OrderStatus.ACCEPTED, message_id="m-accept")

    first = ingest(accepted, "{}", NOW)
    second = ingest(accepted, "{}", NOW + 60)

    assert first.applied and first.status_after is OrderStatus.ACCEPTED and not first.duplicate
    assert second.duplicate and not second.applied
    assert peek.event_count() == 2
    assert [e.message_id for e in peek.order_events(f.ORDER_ID)].count("m-accept") == 1


def test_a_duplicate_message_id_changes_nothing_even_with_other_content(db: peewee.SqliteDatabase) -> None:
    ingest(f.placed(message_id="m-1"), "first", NOW)
    replay = f.status_changed(OrderStatus.CANCELLED, message_id="m-1")

    result = ingest(replay, "second", NOW + 1)

    assert result.duplicate
    stored = orders.get_order(f.ORDER_ID)
    assert stored is not None and stored.status is OrderStatus.NEW
    assert [e.raw for e in peek.order_events(f.ORDER_ID)] == ["first"]


def test_a_replayed_1001_does_not_duplicate_lines(db: peewee.SqliteDatabase) -> None:
    event = f.placed(message_id="m-1001")
    ingest(event, "{}", NOW)
    ingest(f.placed(message_id="m-1001-again"), "{}", NOW)  # same order, new messageId

    assert OrderLineRecord.select().count() == len(event.order.lines)
    assert OrderRecord.select().count() == 1


SEQUENCE = [
    ("1001", OrderStatus.NEW),
    ("1002", OrderStatus.ACCEPTED),
    ("1003", OrderStatus.COMPLETED),
    ("1004", OrderStatus.CANCELLED),
]


def _event_for(code: str, status: OrderStatus) -> object:
    if code == "1001":
        return f.placed()
    return f.status_changed(status, reason="Customer cancelled" if code == "1004" else "")


@pytest.mark.parametrize("arrival", list(permutations(SEQUENCE)), ids=lambda p: "-".join(c for c, _ in p))
def test_every_arrival_order_ends_cancelled(db: peewee.SqliteDatabase, arrival: tuple) -> None:
    for code, status in arrival:
        ingest(_event_for(code, status), "{}", NOW)  # type: ignore[arg-type]

    final = orders.get_order(f.ORDER_ID)
    assert final is not None
    assert final.status is OrderStatus.CANCELLED
    assert final.cancel_reason == "Customer cancelled"
    assert final.cancelled_by is Actor.CUSTOMER  # 1004's opType, kept whatever came after it
    assert len(final.lines) == 2  # the 1001 filled whatever stub came first
    assert not orders.needs_refresh(f.ORDER_ID)


@pytest.mark.parametrize("arrival", list(permutations(SEQUENCE[:3])), ids=lambda p: "-".join(c for c, _ in p))
def test_every_arrival_order_without_cancel_ends_completed(db: peewee.SqliteDatabase, arrival: tuple) -> None:
    for code, status in arrival:
        ingest(_event_for(code, status), "{}", NOW)  # type: ignore[arg-type]

    final = orders.get_order(f.ORDER_ID)
    assert final is not None and final.status is OrderStatus.COMPLETED


def test_late_1002_never_revives_a_cancelled_order(db: peewee.SqliteDatabase) -> None:
    ingest(f.placed(), "{}", NOW)
    ingest(f.status_changed(OrderStatus.CANCELLED), "{}", NOW)

    late = ingest(f.status_changed(OrderStatus.ACCEPTED), "{}", NOW)

    assert not late.applied and not late.status_changed
    assert late.status_before is OrderStatus.CANCELLED and late.status_after is OrderStatus.CANCELLED
    assert [e.applied for e in peek.order_events(f.ORDER_ID)] == [True, True, False]


def test_1004_after_completion_cancels(db: peewee.SqliteDatabase) -> None:
    ingest(f.placed(), "{}", NOW)
    ingest(f.status_changed(OrderStatus.COMPLETED), "{}", NOW)

    result = ingest(f.status_changed(OrderStatus.CANCELLED, at=NOW + 3600), "{}", NOW + 3600)

    assert result.status_before is OrderStatus.COMPLETED and result.status_after is OrderStatus.CANCELLED
    stored = orders.get_order(f.ORDER_ID)
    assert stored is not None and stored.updated_at == NOW + 3600


def test_1002_before_1001_makes_a_stub_that_1001_fills(db: peewee.SqliteDatabase) -> None:
    early = ingest(f.status_changed(OrderStatus.ACCEPTED), "{}", NOW)

    assert early.stub_created and early.needs_refresh and not early.new_order
    assert early.status_before is None and early.status_after is OrderStatus.ACCEPTED
    assert peek.orders_needing_refresh() == [f.ORDER_ID]
    stub = orders.get_order(f.ORDER_ID)
    assert stub is not None and stub.status is OrderStatus.ACCEPTED and stub.lines == ()

    filled = ingest(f.placed(), "{}", NOW + 1)

    assert filled.new_order and not filled.needs_refresh
    assert filled.status_before is OrderStatus.ACCEPTED and filled.status_after is OrderStatus.ACCEPTED
    full = orders.get_order(f.ORDER_ID)
    assert full is not None and full.status is OrderStatus.ACCEPTED
    assert full.seq_no == "#58" and len(full.lines) == 2
    assert peek.orders_needing_refresh() == []


def test_refund_and_courier_events_for_unknown_orders_make_stubs(db: peewee.SqliteDatabase) -> None:
    result = ingest(f.refund_changed(f.refund()), "{}", NOW)

    assert result.stub_created and result.needs_refresh and result.refund_after is not None
    assert orders.needs_refresh(f.ORDER_ID)


def test_courier_stub_then_newer_only(db: peewee.SqliteDatabase) -> None:
    first = ingest(f.courier_changed(CourierStatus.ASSIGNED, 2000, name="A"), "{}", NOW)
    stale = ingest(f.courier_changed(CourierStatus.SEARCHING, 1000, name="B"), "{}", NOW)
    newer = ingest(f.courier_changed(CourierStatus.PICKED_UP, 3000, name="C"), "{}", NOW)

    assert first.stub_created and first.applied
    assert not stale.applied
    assert newer.applied
    stored = orders.get_order(f.ORDER_ID)
    assert stored is not None
    assert (stored.courier.status, stored.courier.name) == (CourierStatus.PICKED_UP, "C")


def test_1001_keeps_newer_courier_details_already_cached(db: peewee.SqliteDatabase) -> None:
    ingest(f.courier_changed(CourierStatus.AT_STORE, 5000, name="陳大文"), "{}", NOW)

    ingest(f.placed(), "{}", NOW)

    stored = orders.get_order(f.ORDER_ID)
    assert stored is not None and stored.courier.status is CourierStatus.AT_STORE


def test_unknown_event_is_stored_and_applies_nothing(db: peewee.SqliteDatabase) -> None:
    meta = EventMeta(source_id="m-1101", event_id=1101, shop_id=f.SHOP_ID, received_at=NOW)
    raw = '{"eventId":1101,"message":"{\\"shopId\\":880001,\\"fromStatus\\":3,\\"toStatus\\":4}"}'

    result = ingest(UnknownEvent(meta=meta, body={"shopId": 880001}), raw, NOW)

    assert not result.applied and not result.duplicate and result.order_view_id is None
    assert OrderRecord.select().count() == 0
    [stored] = peek.events_after(NOW - 1)
    assert (stored.event_id, stored.raw, stored.applied) == (1101, raw, False)


def test_a_failed_apply_leaves_no_event_row(
    db: peewee.SqliteDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(f.placed(), "{}", NOW)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(orders, "advance_status", broken)
    event = f.status_changed(OrderStatus.ACCEPTED, message_id="m-fails")
    with pytest.raises(RuntimeError):
        ingest(event, "{}", NOW)

    assert not events.has_message("m-fails")
    monkeypatch.undo()
    assert ingest(event, "{}", NOW).applied  # the retry is not mistaken for a duplicate


@pytest.mark.parametrize("wrapped", [True, False], ids=["orderInfo-wrapper", "bare"])
def test_1001_keeps_the_raw_order_info(db: peewee.SqliteDatabase, wrapped: bool) -> None:
    info = load_fixture("keeta/order_info_delivery.json")
    body = {"orderInfo": info} if wrapped else info
    push = {"eventId": 1001, "messageId": "m", "message": json.dumps(body, ensure_ascii=False)}

    ingest(f.placed(), message_text(push), NOW)

    record = OrderRecord.get_by_id(f.ORDER_ID)
    assert record.raw_order_info == push["message"]  # as Keeta wrote it, never written out again
    assert json.loads(record.raw_order_info) == body
    assert peek.order_events(f.ORDER_ID)[0].raw == push["message"]


def test_the_courier_update_keeps_its_sub_order(db: peewee.SqliteDatabase) -> None:
    ingest(f.placed(), "{}", NOW)
    event = f.courier_changed(CourierStatus.ASSIGNED, NOW + 60)
    courier = dataclasses.replace(event.courier, sub_order_id="SUB-2")
    ingest(dataclasses.replace(event, courier=courier, sub_order_id="SUB-2"), "{}", NOW)

    stored = orders.get_order(f.ORDER_ID)
    assert stored is not None and stored.courier.sub_order_id == "SUB-2"
    assert stored.courier.phone == "+852 9123 4567"
