"""Reads the product never makes: what a test looks at in the cache's tables to check a write.

The app writes the event log, Zeek's raw callbacks and so on for audit; no screen reads them back, so
the store has no queries for them. Tests read them here, through the store's models.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from posapp.domain.delivery import DeliveryBooking
from posapp.domain.delivery_request import DeliveryRequest
from posapp.domain.money import Money
from posapp.domain.refund import RefundRequest
from posapp.store.codec import refund_from
from posapp.store.deliveries import to_booking
from posapp.store.models import (
    BookingRecord,
    CallbackEventRecord,
    EventRecord,
    OrderRecord,
    OutboxActionRecord,
    RefundRecord,
)
from posapp.store.outbox import OPEN_STATES, OutboxAction, action_from
from posapp.store.rows import RefundRow


@dataclass(frozen=True)
class StoredEvent:
    """One received push as the event log keeps it."""

    id: int
    message_id: str
    event_id: int
    shop_id: int
    order_view_id: int | None
    raw: str
    received_at: int
    pushed_at: int
    applied: bool


def _stored(record: EventRecord) -> StoredEvent:
    return StoredEvent(
        record.id,
        record.message_id,
        record.event_id,
        record.shop_id,
        record.order_view_id,
        record.payload,
        record.received_at,
        record.pushed_at,
        bool(record.applied),
    )


def event_count() -> int:
    return int(EventRecord.select().count())


def order_events(order_view_id: int, limit: int = 50) -> list[StoredEvent]:
    """The order's most recent ``limit`` events, oldest first."""
    query = (
        EventRecord.select()
        .where(EventRecord.order_view_id == order_view_id)
        .order_by(EventRecord.received_at.desc(), EventRecord.id.desc())
        .limit(limit)
    )
    return [_stored(r) for r in reversed(list(query))]


def events_after(received_at: int, limit: int = 500) -> list[StoredEvent]:
    """Events received strictly after ``received_at``, in arrival order."""
    query = (
        EventRecord.select()
        .where(EventRecord.received_at > received_at)
        .order_by(EventRecord.received_at, EventRecord.id)
        .limit(limit)
    )
    return [_stored(r) for r in query]


def orders_needing_refresh() -> list[int]:
    """Stubs waiting for order/get, oldest first."""
    query = OrderRecord.select(OrderRecord.order_view_id).where(OrderRecord.needs_refresh == True)  # noqa: E712
    return [r.order_view_id for r in query.order_by(OrderRecord.placed_at)]


def refund(after_sale_order_id: int) -> RefundRequest | None:
    fields = [RefundRecord._meta.columns[name] for name in RefundRow._fields]
    rows = list(
        RefundRecord.select(*fields).where(RefundRecord.after_sale_order_id == after_sale_order_id).tuples()
    )
    return refund_from(RefundRow._make(rows[0])) if rows else None


def bookings_for_keeta_order(order_view_id: int) -> list[DeliveryBooking]:
    query = BookingRecord.select().where(BookingRecord.keeta_order_view_id == order_view_id)
    return [to_booking(row) for row in query.order_by(BookingRecord.id)]


def unsent_bookings() -> list[DeliveryRequest]:
    """Bookings saved but never confirmed by Zeek."""
    requests = []
    for row in BookingRecord.select().where(BookingRecord.order_id.is_null()).order_by(BookingRecord.id):
        raw = json.loads(row.request_json)
        raw["total"] = Money(raw["total"]["cents"], raw["total"]["currency"])
        requests.append(DeliveryRequest(**raw))
    return requests


def callback_events(order_id: str) -> list[dict[str, Any]]:
    query = CallbackEventRecord.select().where(CallbackEventRecord.order_id == order_id)
    return [
        {
            "status_code": r.status_code,
            "event_at": r.event_at,
            "applied": r.applied,
            "raw": json.loads(r.raw_json),
        }
        for r in query.order_by(CallbackEventRecord.id)
    ]


def open_actions(order_ref: str) -> list[OutboxAction]:
    """Outbox actions of an order that still hold their key (pending, sending, waiting for a person)."""
    query = OutboxActionRecord.select().where(
        (OutboxActionRecord.order_ref == order_ref) & OutboxActionRecord.state.in_(OPEN_STATES)
    )
    return [action_from(row) for row in query.order_by(OutboxActionRecord.id)]
