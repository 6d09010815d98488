"""Zeek's JSON ↔ domain objects, once, at the edge.

Money crosses here and only here: estimates speak dollars (float) both ways, create speaks cents (int).
Times on the wire are epoch seconds, except ``appoint_time``/``schedule_time`` which are local-time text.
Every value Zeek sends is read through :mod:`posapp.domain.bounds` (64-bit integers, times in
2000–2100, finite amounts, clean bounded text), so no answer or callback can raise past this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from posapp.domain.bounds import as_epoch, as_finite, as_int64, clean_text, dollars_as_cents
from posapp.domain.delivery import (
    BookingUpdate,
    Cancellation,
    CancelReason,
    CourierPosition,
    DeliveryBooking,
    DeliveryMode,
    Eta,
    Partner,
    Predictions,
    Quote,
)
from posapp.domain.delivery_request import DeliveryRequest, parse_location
from posapp.domain.money import Money
from posapp.zeek import codes

# --- money and time at the edge -------------------------------------------------------------------


def money_to_dollars(amount: Money) -> float:
    """Cents → the estimates API's dollar float (12850 → 128.5)."""
    return float(Decimal(amount.cents) / 100)


def _dollars(value: Any, currency: str) -> Money | None:
    cents = None if value is None else dollars_as_cents(value)
    return None if cents is None else Money(cents, currency)


def local_time_text(epoch: int, utc_offset_hours: int) -> str:
    """Epoch seconds → ``"2018-07-24 18:54:07"`` in the region's local time."""
    zone = timezone(timedelta(hours=utc_offset_hours))
    return datetime.fromtimestamp(epoch, tz=UTC).astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")


def as_int(value: Any, default: int = 0) -> int:
    """A 64-bit integer (a fractional number is truncated); ``default`` for anything else."""
    number = as_int64(value)
    if number is None:
        real = as_finite(value)
        number = None if real is None else as_int64(int(real))
    return default if number is None else number


def as_time(value: Any) -> int:
    """Epoch seconds inside 2000–2100, else 0 (unknown)."""
    return as_epoch(value) or 0


def _opt_int(value: Any) -> int | None:
    return None if value in (None, "") else as_int(value)


def _opt_time(value: Any) -> int | None:
    return None if value in (None, "") else as_epoch(value)


def as_str(value: Any) -> str:
    if value is None:
        return ""
    return clean_text(value if isinstance(value, str) else str(value)[:200])


def _eta(minutes: Any, range_text: Any) -> Eta | None:
    return None if minutes is None else Eta(as_int(minutes), as_str(range_text))


# --- requests --------------------------------------------------------------------------------------


def estimates_data(
    merchant: str,
    location: str,
    *,
    address: str = "",
    amount: Money | None = None,
    scheduled_at: int | None = None,
    utc_offset_hours: int = 8,
) -> dict[str, Any]:
    recipient: dict[str, Any] = {"location": location}
    if address:
        recipient["address"] = address
    data: dict[str, Any] = {"client_merchant_id": merchant, "recipient": recipient}
    if scheduled_at is not None:
        data["schedule_type"] = codes.IS_APPOINT_BY_DELIVERY_TIME
        data["schedule_time"] = local_time_text(scheduled_at, utc_offset_hours)
    # The seed treats total_price 0 as "not passed" (scenario 1), so a zero amount is simply left out.
    if amount is not None and amount.cents > 0:
        data["product"] = {"total_price": money_to_dollars(amount)}
    return data


def create_data(
    request: DeliveryRequest, merchant: str, *, default_country_code: str, utc_offset_hours: int = 8
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "client_merchant_id": merchant,
        "client_order_id": request.client_order_id,
        "order_time": request.order_time,
        "remark": request.remark,
        "merchant_remark": request.merchant_remark,
        "cod_type": request.cod_type,
        "is_appoint": 0,
        "receive": {
            "user_name": request.customer_name,
            "user_phone": request.phone,
            "user_phone_country_code": request.country_code or default_country_code,
            "user_address": request.address,
            "user_location": request.location,
        },
        "order_detail": {"total_price": request.total.cents},
    }
    if request.pickup_code:
        data["merchant_order_id"] = request.pickup_code
    if request.scheduled_at is not None:
        data["is_appoint"] = codes.IS_APPOINT_BY_DELIVERY_TIME
        data["appoint_time"] = local_time_text(request.scheduled_at, utc_offset_hours)
    return data


def order_ref(order_id: str, merchant: str) -> dict[str, Any]:
    return {"order_id": order_id, "client_merchant_id": merchant}


def cancel_data(order_id: str, merchant: str, reason: str, user_code: str) -> dict[str, Any]:
    return {**order_ref(order_id, merchant), "cancel_reason": reason, "user_code": user_code}


def track_data(order_id: str, merchant: str, page: int, pagesize: int) -> dict[str, Any]:
    return {**order_ref(order_id, merchant), "page": page, "pagesize": pagesize}


# --- answers ---------------------------------------------------------------------------------------


def parse_quote(raw: Mapping[str, Any], currency: str = "HKD") -> Quote:
    mode_text = as_str(raw.get("mode"))
    mode = DeliveryMode(mode_text) if mode_text in DeliveryMode.__members__ else DeliveryMode.UNKNOWN
    top, fee = raw.get("max_product_total_price"), raw.get("delivery_fee")
    return Quote(
        quotation_id=as_str(raw.get("quotation_id")),
        mode=mode,
        min_amount=_dollars(raw.get("min_product_total_price") or 0, currency) or Money.zero(currency),
        max_amount=_dollars(top, currency),
        fee=_dollars(fee, currency),
        eta=Eta(as_int(raw.get("predicted_quote_time")), as_str(raw.get("predicted_quote_time_range"))),
        direct_distance_m=as_int(raw.get("direct_distance")),
        travel_distance_m=as_int(raw.get("travel_distance")),
    )


def parse_quotes(data: Mapping[str, Any], currency: str = "HKD") -> list[Quote]:
    return [parse_quote(item, currency) for item in data.get("quotations") or []]


def _predictions(raw: Mapping[str, Any]) -> Predictions:
    return Predictions(
        accept=_eta(raw.get("predicted_accept_time"), raw.get("predicted_accept_time_range")),
        showup=_eta(raw.get("predicted_showup_time"), raw.get("predicted_showup_time_range")),
        delivery=_eta(raw.get("predicted_delivery_time"), raw.get("predicted_delivery_time_range")),
    )


def parse_created(data: Mapping[str, Any], request: DeliveryRequest, now: int) -> DeliveryBooking:
    return DeliveryBooking(
        client_order_id=as_str(data.get("client_order_id")) or request.client_order_id,
        pickup_code=request.effective_pickup_code,
        order_id=as_str(data.get("order_id")),
        status_code=9001,
        status_at=now,
        predictions=_predictions(data),
        requested_pickup_time=_opt_time(data.get("requested_pickup_time")),
        requested_delivery_time=_opt_time(data.get("requested_delivery_time")),
        order_url=as_str(data.get("order_url")),
        direct_distance_m=_opt_int(data.get("direct_distance")),
        travel_distance_m=_opt_int(data.get("travel_distance")),
        keeta_order_view_id=request.keeta_order_view_id,
    )


def _info_cancellation(raw: Mapping[str, Any]) -> Cancellation | None:
    code = as_str(raw.get("cancel_code"))
    if not code and not raw.get("cancel_reason"):
        return None
    return Cancellation(
        reason=CancelReason.for_code(code),
        code=code,
        text=as_str(raw.get("cancel_reason")),
        by=as_str(raw.get("cancel_user")),
        at=as_time(raw.get("cancel_time")),
    )


def parse_order_info(raw: Mapping[str, Any]) -> BookingUpdate:
    """``info`` / ``info_by_phone`` answer → the booking's state at ``lastmodify``."""
    status_code = as_int(raw.get("order_status"))
    partner = None
    if raw.get("partner_name") or raw.get("partner_phone"):
        partner = Partner(
            name=as_str(raw.get("partner_name")),
            phone=as_str(raw.get("partner_phone")),
            vehicle=as_str(raw.get("partner_carno")),
        )
    return BookingUpdate(
        order_id=as_str(raw.get("order_id")),
        client_order_id=as_str(raw.get("client_order_id")),
        status=codes.status_for(status_code),
        status_code=status_code,
        at=as_time(raw.get("lastmodify")),
        partner=partner,
        cancellation=_info_cancellation(raw),
        requested_pickup_time=_opt_time(raw.get("requested_pickup_time")),
        requested_delivery_time=_opt_time(raw.get("requested_delivery_time")),
    )


def _callback_cancellation(raw: Any) -> Cancellation | None:
    if not isinstance(raw, Mapping) or not (raw.get("code") or raw.get("cancel_reason")):
        return None
    return Cancellation(
        reason=CancelReason.for_code(raw.get("code")),
        code=as_str(raw.get("code")),
        text=as_str(raw.get("cancel_reason")),
        by=as_str(raw.get("cancel_user")),
        at=as_time(raw.get("cancel_time") or raw.get("time")),
    )


def parse_callback(data: Mapping[str, Any]) -> BookingUpdate:
    """The ``data`` of a status callback (API-3.9.1) → an update stamped with its trigger time."""
    status_code = as_int(data.get("order_status"))
    raw_partner = data.get("partner")
    partner = None
    if isinstance(raw_partner, Mapping) and any(raw_partner.values()):
        partner = Partner(
            name=as_str(raw_partner.get("partner_name")),
            phone=as_str(raw_partner.get("partner_phone")),
            location=as_str(raw_partner.get("partner_location")),
        )
    return BookingUpdate(
        order_id=as_str(data.get("order_id")),
        client_order_id=as_str(data.get("client_order_id")),
        status=codes.status_for(status_code),
        status_code=status_code,
        at=as_time(data.get("timestamp")),
        partner=partner,
        cancellation=_callback_cancellation(data.get("cancel")),
        predictions=_predictions(data),
    )


def parse_position(raw: Mapping[str, Any], order_id: str) -> CourierPosition | None:
    """One fix; None when Zeek has no location yet (empty text before a partner accepts)."""
    location = as_str(raw.get("partner_location"))
    if not location:
        return None
    try:
        lat, lng = parse_location(location)
    except ValueError:
        return None  # a fix we cannot place is no fix; the next one will be
    return CourierPosition(
        order_id=as_str(raw.get("order_id")) or order_id,
        latitude=lat,
        longitude=lng,
        at=as_time(raw.get("upload_time")),
        partner_name=as_str(raw.get("partner_name")),
        predicted_delivery=_eta(raw.get("predicted_delivery_time"), raw.get("predicted_delivery_time_range")),
    )


def parse_track_page(items: Any, order_id: str) -> list[CourierPosition]:
    fixes = (parse_position(item, order_id) for item in items or [] if isinstance(item, Mapping))
    return [fix for fix in fixes if fix is not None]
