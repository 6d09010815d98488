"""Reads of the Zeek booking cache for the delivery engine, the reports and the history, and the one
bulk write that forgets customers' contact details (``deliveries.py`` keeps the per-booking writes)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from posapp.domain.delivery import DeliveryBooking, DeliveryStatus
from posapp.domain.delivery_request import DeliveryRequest
from posapp.domain.money import Money
from posapp.store.db import database_proxy
from posapp.store.deliveries import to_booking
from posapp.store.models import BookingRecord

_FINAL = [s.value for s in DeliveryStatus if s.is_final]


def active(now: int, keep_final_s: int = 3600, limit: int = 50) -> list[DeliveryBooking]:
    """Open bookings, and ones that ended within ``keep_final_s`` (so "delivered" stays visible a while)."""
    recent = BookingRecord.status.not_in(_FINAL) | (BookingRecord.updated_at >= now - keep_final_s)
    rows = BookingRecord.select().where(recent).order_by(BookingRecord.id.desc()).limit(limit)
    return [to_booking(row) for row in rows]


def tracked() -> list[DeliveryBooking]:
    """Bookings Zeek knows (have an order id) that have not ended: the ones worth polling."""
    rows = BookingRecord.select().where(
        BookingRecord.order_id.is_null(False) & BookingRecord.status.not_in(_FINAL)
    )
    return [to_booking(row) for row in rows.order_by(BookingRecord.id)]


def codes_since(start: int, exclude_order_view_id: int | None = None) -> set[str]:
    """Pickup codes of bookings made since ``start``; a re-book of the same order may reuse its own."""
    query = BookingRecord.select(BookingRecord.pickup_code).where(BookingRecord.created_at >= start)
    if exclude_order_view_id is not None:
        other = BookingRecord.keeta_order_view_id != exclude_order_view_id
        query = query.where(BookingRecord.keeta_order_view_id.is_null() | other)
    return {str(row.pickup_code) for row in query}


def request_for(client_order_id: str) -> DeliveryRequest | None:
    """The request exactly as saved before it was first sent: a retry must repeat it, id included."""
    row = BookingRecord.get_or_none(BookingRecord.client_order_id == client_order_id)
    if row is None:
        return None
    raw = json.loads(row.request_json)
    raw["total"] = Money(raw["total"]["cents"], raw["total"]["currency"])
    return DeliveryRequest(**raw)


def count_for_keeta_order(order_view_id: int) -> int:
    return int(BookingRecord.select().where(BookingRecord.keeta_order_view_id == order_view_id).count())


def open_for_keeta_order(order_view_id: int) -> DeliveryBooking | None:
    row = (
        BookingRecord.select()
        .where((BookingRecord.keeta_order_view_id == order_view_id) & BookingRecord.status.not_in(_FINAL))
        .order_by(BookingRecord.id.desc())
        .first()
    )
    return None if row is None else to_booking(row)


def latest_for_keeta_order(order_view_id: int) -> DeliveryBooking | None:
    """The order's last Zeek booking, ended or not (the order's detail shows how it went)."""
    row = (
        BookingRecord.select()
        .where(BookingRecord.keeta_order_view_id == order_view_id)
        .order_by(BookingRecord.id.desc())
        .first()
    )
    return None if row is None else to_booking(row)


def created_at(client_order_id: str) -> int | None:
    row = BookingRecord.get_or_none(BookingRecord.client_order_id == client_order_id)
    return None if row is None else int(row.created_at)


def reportable_since(statuses: Iterable[DeliveryStatus], since: int) -> list[DeliveryBooking]:
    """Bookings for Keeta orders in any of ``statuses`` that changed at or after ``since``, oldest first."""
    rows = BookingRecord.select().where(
        BookingRecord.keeta_order_view_id.is_null(False)
        & BookingRecord.status.in_([s.value for s in statuses])
        & (BookingRecord.updated_at >= since)
    )
    return [to_booking(row) for row in rows.order_by(BookingRecord.id)]


def bookings_between(start: int, end: int) -> list[tuple[int, DeliveryBooking]]:
    """(created_at, booking) of bookings made in [start, end), oldest first."""
    query = BookingRecord.select().where(
        (BookingRecord.created_at >= start) & (BookingRecord.created_at < end)
    )
    return [(int(row.created_at), to_booking(row)) for row in query.order_by(BookingRecord.created_at)]


def blank_ended_contacts(ended_before: int, fields: Iterable[str]) -> int:
    """Blank ``fields`` of the saved request of Keeta orders' bookings that ended before ``ended_before``
    (manual bookings, typed in by the cashier, stay); returns how many were blanked. One transaction."""
    names = tuple(fields)
    rows = BookingRecord.select(BookingRecord.id, BookingRecord.request_json).where(
        BookingRecord.keeta_order_view_id.is_null(False)
        & BookingRecord.status.in_(_FINAL)
        & (BookingRecord.updated_at < ended_before)
    )
    blanked = 0
    with database_proxy.atomic():
        for row in rows:
            request = json.loads(row.request_json or "{}")
            if not any(request.get(name) for name in names):
                continue
            request.update(dict.fromkeys(names, ""))
            text = json.dumps(request, ensure_ascii=False)
            BookingRecord.update(request_json=text).where(BookingRecord.id == row.id).execute()
            blanked += 1
    return blanked
