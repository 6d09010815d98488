"""The Zeek booking cache: bookings, courier positions, raw callbacks; updates applied monotonically.

Tables are created by ``migrations/m0002_zeek.py``; these models only read and write them.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import peewee

from posapp.domain.delivery import (
    BookingUpdate,
    Cancellation,
    CancelReason,
    CourierPosition,
    DeliveryBooking,
    DeliveryStatus,
    Eta,
    Partner,
    Predictions,
    supersedes,
)
from posapp.domain.delivery_request import DeliveryRequest
from posapp.store.db import database_proxy
from posapp.store.models import BookingRecord, CallbackEventRecord, PositionRecord

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CallbackRecord:
    new: bool  # False: the same callback was already stored (a Zeek retry)
    applied: bool  # True: it moved the booking forward


# --- row ↔ domain ----------------------------------------------------------------------------------


def _eta_json(eta: Eta | None) -> list[Any] | None:
    return None if eta is None else [eta.minutes, eta.range_text]


def _eta(raw: Any) -> Eta | None:
    return Eta(int(raw[0]), str(raw[1])) if isinstance(raw, list) and len(raw) == 2 else None


def _predictions_json(p: Predictions) -> str:
    return json.dumps(
        {"accept": _eta_json(p.accept), "showup": _eta_json(p.showup), "delivery": _eta_json(p.delivery)}
    )


def _predictions(text: str) -> Predictions:
    raw = json.loads(text or "{}")
    return Predictions(_eta(raw.get("accept")), _eta(raw.get("showup")), _eta(raw.get("delivery")))


def to_booking(row: BookingRecord) -> DeliveryBooking:
    partner = None
    if row.partner_name or row.partner_phone or row.partner_location:
        partner = Partner(row.partner_name, row.partner_phone, row.partner_location, row.partner_vehicle)
    cancellation = None
    if row.cancel_code or row.cancel_reason:
        cancellation = Cancellation(
            CancelReason.for_code(row.cancel_code),
            row.cancel_code,
            row.cancel_reason,
            row.cancel_by,
            row.cancel_at,
        )
    return DeliveryBooking(
        client_order_id=row.client_order_id,
        pickup_code=row.pickup_code,
        order_id=row.order_id or "",
        status=DeliveryStatus(row.status),
        status_code=row.status_code,
        status_at=row.status_at,
        cancellation=cancellation,
        partner=partner,
        predictions=_predictions(row.predictions),
        requested_pickup_time=row.requested_pickup_time,
        requested_delivery_time=row.requested_delivery_time,
        order_url=row.order_url,
        direct_distance_m=row.direct_distance_m,
        travel_distance_m=row.travel_distance_m,
        keeta_order_view_id=row.keeta_order_view_id,
    )


def _update_fields(update: BookingUpdate, now: int) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "status": update.status.value,
        "status_code": update.status_code,
        "status_at": update.at or now,
        "updated_at": now,
    }
    if update.partner is not None:
        fields.update(partner_name=update.partner.name, partner_phone=update.partner.phone)
        fields.update(partner_location=update.partner.location, partner_vehicle=update.partner.vehicle)
    elif update.status is DeliveryStatus.REASSIGNED:
        fields.update(partner_name="", partner_phone="", partner_location="", partner_vehicle="")
    if update.cancellation is not None:
        c = update.cancellation
        fields.update(cancel_code=c.code, cancel_reason=c.text, cancel_by=c.by, cancel_at=c.at)
    if update.predictions != Predictions():
        fields["predictions"] = _predictions_json(update.predictions)
    if update.requested_pickup_time is not None:
        fields["requested_pickup_time"] = update.requested_pickup_time
    if update.requested_delivery_time is not None:
        fields["requested_delivery_time"] = update.requested_delivery_time
    return fields


# --- repository ----------------------------------------------------------------------------------


def save_request(request: DeliveryRequest, merchant: str, now: int) -> DeliveryBooking:
    """Store the request before it is sent (idempotent per client_order_id), so a retry reuses the id."""
    payload = json.dumps(dataclasses.asdict(request), ensure_ascii=False, default=str)
    with database_proxy.atomic():
        row, _ = BookingRecord.get_or_create(
            client_order_id=request.client_order_id,
            defaults={
                "client_merchant_id": merchant,
                "pickup_code": request.effective_pickup_code,
                "keeta_order_view_id": request.keeta_order_view_id,
                "total_cents": request.total.cents,
                "request_json": payload,
                "created_at": now,
                "updated_at": now,
            },
        )
    return to_booking(row)


def record_created(booking: DeliveryBooking, now: int) -> DeliveryBooking:
    """Zeek accepted the booking: keep its order_id, ETAs and distances."""
    BookingRecord.update(
        order_id=booking.order_id,
        status_code=booking.status_code,
        status_at=booking.status_at or now,
        predictions=_predictions_json(booking.predictions),
        requested_pickup_time=booking.requested_pickup_time,
        requested_delivery_time=booking.requested_delivery_time,
        order_url=booking.order_url,
        direct_distance_m=booking.direct_distance_m,
        travel_distance_m=booking.travel_distance_m,
        updated_at=now,
    ).where(BookingRecord.client_order_id == booking.client_order_id).execute()
    # A duplicate create comes back with the booking's live state from ``info``: apply it like any update.
    if booking.status is not DeliveryStatus.CREATED:
        apply_update(_as_update(booking), now)
    return get(booking.client_order_id) or booking


def _as_update(booking: DeliveryBooking) -> BookingUpdate:
    return BookingUpdate(
        order_id=booking.order_id, client_order_id=booking.client_order_id, status=booking.status,
        status_code=booking.status_code, at=booking.status_at, partner=booking.partner,
        cancellation=booking.cancellation, predictions=booking.predictions,
    )  # fmt: skip


def _find_row(update: BookingUpdate) -> BookingRecord | None:
    if update.order_id:
        row = BookingRecord.get_or_none(BookingRecord.order_id == update.order_id)
        if row is not None:
            return row
    if update.client_order_id:
        row = BookingRecord.get_or_none(BookingRecord.client_order_id == update.client_order_id)
        if row is not None and (not row.order_id or not update.order_id or row.order_id == update.order_id):
            return row
    return None


def apply_update(update: BookingUpdate, now: int) -> bool:
    """Move a booking forward if ``update`` is newer progress; returns whether it changed."""
    with database_proxy.atomic():
        row = _find_row(update)
        if row is None or not supersedes(update, DeliveryStatus(row.status), row.status_at):
            return False
        fields = _update_fields(update, now)
        if not row.order_id and update.order_id:
            fields["order_id"] = update.order_id
        BookingRecord.update(**fields).where(BookingRecord.id == row.id).execute()
    # The screens say the status in words; Zeek's own code is kept here for whoever reads the log.
    log.info("zeek order %s: status %s (code %s)", update.order_id, update.status.value, update.status_code)
    return True


def record_callback(data: Mapping[str, Any], key: str, update: BookingUpdate, now: int) -> CallbackRecord:
    """Store a verified callback once per ``key`` and apply it; a repeat has no further effect."""
    try:
        with database_proxy.atomic():
            if CallbackEventRecord.get_or_none(CallbackEventRecord.dedup_key == key) is not None:
                return CallbackRecord(new=False, applied=False)
            applied = apply_update(update, now)
            CallbackEventRecord.create(
                dedup_key=key, order_id=update.order_id, status_code=update.status_code, event_at=update.at,
                received_at=now, raw_json=json.dumps(data, ensure_ascii=False), applied=applied,
            )  # fmt: skip
    except peewee.IntegrityError:
        # Another writer stored the same callback between the check and the insert; its effect stands.
        return CallbackRecord(new=False, applied=False)
    return CallbackRecord(new=True, applied=applied)


def add_positions(positions: list[CourierPosition]) -> int:
    """Store courier fixes, skipping ones already kept; returns how many were new."""
    rows = [
        {"order_id": p.order_id, "latitude": p.latitude, "longitude": p.longitude, "at": p.at}
        for p in positions
    ]
    if not rows:
        return 0
    with database_proxy.atomic():
        before = PositionRecord.select().count()
        for start in range(0, len(rows), 200):
            PositionRecord.insert_many(rows[start : start + 200]).on_conflict_ignore().execute()
        return int(PositionRecord.select().count() - before)


def _position(row: PositionRecord) -> CourierPosition:
    return CourierPosition(order_id=row.order_id, latitude=row.latitude, longitude=row.longitude, at=row.at)


def track(order_id: str) -> list[CourierPosition]:
    query = (
        PositionRecord.select()
        .where(PositionRecord.order_id == order_id)
        .order_by(PositionRecord.at, PositionRecord.id)
    )
    return [_position(row) for row in query]


def latest_position(order_id: str) -> CourierPosition | None:
    row = (
        PositionRecord.select()
        .where(PositionRecord.order_id == order_id)
        .order_by(PositionRecord.at.desc(), PositionRecord.id.desc())
        .first()
    )
    return None if row is None else _position(row)


def get(client_order_id: str) -> DeliveryBooking | None:
    row = BookingRecord.get_or_none(BookingRecord.client_order_id == client_order_id)
    return None if row is None else to_booking(row)


def by_order_id(order_id: str) -> DeliveryBooking | None:
    row = BookingRecord.get_or_none(BookingRecord.order_id == order_id)
    return None if row is None else to_booking(row)
