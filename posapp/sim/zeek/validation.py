"""Request validation as the seed describes it, one clear message per rule (error codes: zeek.md §7).

Checks that need the simulator's state (known merchant 3001, delivery area 3002, duplicates 3003)
live with that state in :mod:`posapp.sim.zeek.simulator`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from posapp.sim.zeek.auth import Meta
from posapp.sim.zeek.codes import (
    DEFAULT_USER_CODE,
    LOCAL_PHONE_DIGITS,
    REGION_UTC_OFFSET,
    SCHEDULE_MAX_AHEAD_S,
    SCHEDULE_MIN_LEAD_S,
    TRACK_PAGE_SIZE_MAX,
    Error,
)
from posapp.sim.zeek.errors import ZeekApiError
from posapp.sim.zeek.geo import LatLng, parse_location

_DIGITS = re.compile(r"^\d+$")


def _bad(message: str, code: Error = Error.BAD_PARAMETER) -> ZeekApiError:
    return ZeekApiError(code, message)


def text(data: dict[str, Any], name: str, max_len: int, required: bool = True) -> str:
    value = data.get(name)
    if value is None or value == "":
        if required:
            raise _bad(f"{name} is required")
        return ""
    if not isinstance(value, str):
        raise _bad(f"{name} must be a string")
    if len(value) > max_len:
        raise _bad(f"{name} is longer than {max_len} characters")
    return value


def integer(data: dict[str, Any], name: str, default: int | None = None) -> int:
    value = data.get(name, default)
    if value is None:
        raise _bad(f"{name} is required")
    if isinstance(value, bool) or not isinstance(value, int):
        raise _bad(f"{name} must be an integer")
    return value


def choice(data: dict[str, Any], name: str, allowed: tuple[Any, ...], default: Any) -> Any:
    value = data.get(name, default)
    if value not in allowed or isinstance(value, bool):
        raise _bad(f"{name} must be one of {', '.join(map(str, allowed))}")
    return value


def location(data: dict[str, Any], name: str) -> LatLng:
    point = parse_location(data.get(name))
    if point is None:
        raise _bad(f'{name} must be "lat,lng" in decimal degrees, latitude first, no space')
    return point


def obj(data: dict[str, Any], name: str, required: bool = True) -> dict[str, Any]:
    value = data.get(name)
    if value is None and not required:
        return {}
    if not isinstance(value, dict):
        raise _bad(f"{name} must be an object")
    return value


def scheduled_at(kind: int, raw: Any, field: str, meta: Meta, now: float) -> float | None:
    """Epoch seconds of a scheduled time given in the region's local time, or None when not scheduled."""
    if kind == 0:
        return None
    if not isinstance(raw, str) or not raw:
        raise _bad(f"{field} is required when scheduled", Error.BAD_APPOINT_TIME)
    try:
        local = datetime.strptime(raw, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        raise _bad(f"{field} must look like 2018-07-24 18:54:07", Error.BAD_APPOINT_TIME) from None
    at = local.replace(tzinfo=timezone(timedelta(hours=REGION_UTC_OFFSET[meta.region]))).timestamp()
    if not now + SCHEDULE_MIN_LEAD_S < at <= now + SCHEDULE_MAX_AHEAD_S:
        raise _bad(f"{field} must be more than 30 minutes and within 7 days ahead", Error.BAD_APPOINT_TIME)
    return at


def phone(receive: dict[str, Any], name: str, meta: Meta) -> tuple[str, str]:
    number = text(receive, name, 32)
    if not _DIGITS.match(number):
        raise _bad(f"{name} must be digits only, without country code")
    code = text(receive, f"{name}_country_code", 5, required=False) or meta.country_code
    if not _DIGITS.match(code):
        raise _bad(f"{name}_country_code must be digits, e.g. 852")
    local_digits = LOCAL_PHONE_DIGITS.get(meta.region)
    if code == meta.country_code and local_digits and len(number) != local_digits:
        raise _bad(f"{name} must be {local_digits} digits, without country code")
    return number, code


@dataclass(frozen=True)
class Receiver:
    name: str
    phone: str
    country_code: str
    address: str
    location: LatLng


@dataclass(frozen=True)
class CreateRequest:
    merchant_id: str
    client_order_id: str
    merchant_order_id: str
    pickup_code: str
    order_time: int
    delivery_type: str
    appoint_at: float | None
    remark: str
    merchant_remark: str
    cod_type: int
    receiver: Receiver
    total_price_cents: int


def pickup_code(client_order_id: str, merchant_order_id: str) -> str:
    if merchant_order_id:
        if not re.fullmatch(r"\d{4}", merchant_order_id):
            raise _bad("merchant_order_id (pickup code) must be exactly 4 digits", Error.BAD_PICKUP_CODE)
        return merchant_order_id
    if not _DIGITS.match(client_order_id) or len(client_order_id) < 4:
        raise _bad(
            "without merchant_order_id, client_order_id must be numeric (last 4 digits = pickup code)",
            Error.BAD_PICKUP_CODE,
        )
    return client_order_id[-4:]


def receiver(data: dict[str, Any], meta: Meta) -> Receiver:
    receive = obj(data, "receive")
    number, code = phone(receive, "user_phone", meta)
    return Receiver(
        name=text(receive, "user_name", 64),
        phone=number,
        country_code=code,
        address=text(receive, "user_address", 255),
        location=location(receive, "user_location"),
    )


def create_request(data: dict[str, Any], meta: Meta, now: float) -> CreateRequest:
    client_order_id = text(data, "client_order_id", 128)
    merchant_order_id = text(data, "merchant_order_id", 64, required=False)
    is_appoint = choice(data, "is_appoint", (0, 2), 0)
    total = integer(obj(data, "order_detail"), "total_price")
    if total < 0:
        raise _bad("order_detail.total_price must not be negative (cents)")
    return CreateRequest(
        merchant_id=text(data, "client_merchant_id", 64),
        client_order_id=client_order_id,
        merchant_order_id=merchant_order_id,
        pickup_code=pickup_code(client_order_id, merchant_order_id),
        order_time=integer(data, "order_time"),
        delivery_type=choice(data, "delivery_type", ("ZEEK_DELIVERY", "SELF_PICKUP"), "ZEEK_DELIVERY"),
        appoint_at=scheduled_at(is_appoint, data.get("appoint_time"), "appoint_time", meta, now),
        remark=text(data, "remark", 1024, required=False),
        merchant_remark=text(data, "merchant_remark", 1024, required=False),
        cod_type=choice(data, "cod_type", (0, 1, 2, 3), 0),
        receiver=receiver(data, meta),
        total_price_cents=total,
    )


@dataclass(frozen=True)
class EstimateRequest:
    merchant_id: str
    location: LatLng
    scheduled_at: float | None
    # Dollars; None when absent or 0 (the seed: 0 counts as "not passed").
    total_price: float | None


def estimate_request(data: dict[str, Any], meta: Meta, now: float) -> EstimateRequest:
    recipient = obj(data, "recipient")
    text(recipient, "address", 255, required=False)
    schedule_type = choice(data, "schedule_type", (0, 2), 0)
    price = obj(data, "product", required=False).get("total_price")
    if price is not None and (isinstance(price, bool) or not isinstance(price, (int, float)) or price < 0):
        raise _bad("product.total_price must be a non-negative number of dollars")
    return EstimateRequest(
        merchant_id=text(data, "client_merchant_id", 64),
        location=location(recipient, "location"),
        scheduled_at=scheduled_at(schedule_type, data.get("schedule_time"), "schedule_time", meta, now),
        total_price=float(price) if price else None,
    )


def user_code(data: dict[str, Any]) -> str:
    code = text(data, "user_code", 4, required=False) or DEFAULT_USER_CODE
    if not re.fullmatch(r"\d{4}", code):
        raise _bad("user_code must be 4 digits")
    return code


def page_args(data: dict[str, Any]) -> tuple[int, int]:
    page, size = integer(data, "page"), integer(data, "pagesize", 20)
    if page < 1:
        raise _bad("page starts at 1")
    if not 1 <= size <= TRACK_PAGE_SIZE_MAX:
        raise _bad(f"pagesize must be between 1 and {TRACK_PAGE_SIZE_MAX}")
    return page, size
