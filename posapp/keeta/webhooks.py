"""Keeta webhook pushes (keeta.md §3) → parsed platform events.

The envelope carries ``message`` as a JSON *string*; it is decoded a second time here, once. Malformed
input of any kind raises :class:`WebhookParseError` naming the field; nothing else escapes the parser.
The app reads pushes already parsed by the stream (:func:`parse_push`); :func:`parse_webhook` reads
a body as posted.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from posapp.domain.events import (
    CourierChanged,
    EventMeta,
    Heartbeat,
    KeetaEvent,
    OrderPlaced,
    OrderStatusChanged,
    RefundChanged,
    StoreStatusChanged,
    UnknownEvent,
)
from posapp.domain.order import CourierInfo, CourierStatus, OrderStatus
from posapp.keeta import codes
from posapp.keeta.codes import EventId
from posapp.keeta.order_parser import parse_order, parse_refund
from posapp.keeta.payload import KeetaPayloadError, Obj

# What each status event means, whatever its ``status`` field says (1002 is "always 30" per the docs,
# but one mock uses 20; the eventId is the documented meaning).
_STATUS_EVENTS: dict[int, OrderStatus] = {
    EventId.ORDER_ACCEPTED: OrderStatus.ACCEPTED,
    EventId.ORDER_COMPLETED: OrderStatus.COMPLETED,
    EventId.ORDER_CANCELLED: OrderStatus.CANCELLED,
    EventId.SYSTEM_CANCELLED: OrderStatus.CANCELLED,
}
_CANCEL_EVENTS = {EventId.ORDER_CANCELLED, EventId.SYSTEM_CANCELLED}


class WebhookParseError(KeetaPayloadError):
    """A push that cannot be read; ``field`` is its dotted path, e.g. ``message.orderViewId``."""


def parse_webhook(body: bytes, *, received_at: int | None = None) -> KeetaEvent | Heartbeat:
    """One push body → its event. An empty body is Keeta's heartbeat."""
    envelope = decode_envelope(body)
    if envelope is None:
        return Heartbeat()
    return parse_envelope(envelope, received_at=received_at)


def parse_push(push: Any, *, received_at: int | None = None) -> KeetaEvent | Heartbeat:
    """A push already parsed as JSON (as the relay streams it) → its event; an empty object is the
    heartbeat, and anything but an object is a :class:`WebhookParseError`."""
    if not isinstance(push, dict):
        raise WebhookParseError("body", "expected a JSON object")
    if not push:
        return Heartbeat()
    return parse_envelope(push, received_at=received_at)


def message_text(push: Any) -> str:
    """The push's ``message`` exactly as Keeta sent it (JSON text): what the cache keeps for audit and
    re-parse, without writing the parsed push out again. "" when there is no such text."""
    message = push.get("message") if isinstance(push, dict) else None
    return message if isinstance(message, str) else ""


def decode_envelope(body: bytes) -> dict[str, Any] | None:
    """The outer JSON object, or ``None`` for a heartbeat (an empty body or an empty object)."""
    if not body.strip():
        return None
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise WebhookParseError("body", "not UTF-8 text") from None
    except (ValueError, RecursionError):
        raise WebhookParseError("body", "not JSON") from None
    if not isinstance(data, dict):
        raise WebhookParseError("body", "expected a JSON object")
    return data or None


def parse_envelope(envelope: dict[str, Any], *, received_at: int | None = None) -> KeetaEvent:
    """An already decoded envelope → its event (an unknown eventId keeps the envelope as it came)."""
    try:
        outer = Obj(envelope, "")
        event_id = outer.req_int("eventId")
        message_id = outer.req_str("messageId", limit=200)
        handler = _HANDLERS.get(event_id)
        if handler is None:
            # Not acted on, so not read further: kept as received for audit and a later re-parse.
            meta = _meta(outer, event_id, message_id, None, received_at)
            return UnknownEvent(meta, envelope)
        message = Obj(_decode_message(outer), "message")
        return handler(_meta(outer, event_id, message_id, message, received_at), message)
    except WebhookParseError:
        raise
    except KeetaPayloadError as exc:
        raise WebhookParseError(exc.field, exc.problem) from None


def _decode_message(outer: Obj) -> Any:
    raw = outer.data.get("message")
    if raw is None:
        raise WebhookParseError("message", "missing")
    if isinstance(raw, dict):
        return raw  # already an object: tolerated, though Keeta documents a string
    if not isinstance(raw, str):
        raise WebhookParseError("message", "expected a JSON string")
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        raise WebhookParseError("message", "not valid JSON text") from None


def _meta(
    outer: Obj, event_id: int, message_id: str, message: Obj | None, received_at: int | None
) -> EventMeta:
    return EventMeta(
        source_id=message_id,
        event_id=event_id,
        shop_id=outer.opt_id("shopId") if message is None else _shop_id(outer, message),
        received_at=int(time.time()) if received_at is None else received_at,
        pushed_at=outer.opt_time("timestamp") or 0,
    )


def _shop_id(outer: Obj, message: Obj) -> int:
    if outer.has("shopId"):
        return outer.req_id("shopId")
    if message.has("shopId"):
        return message.req_id("shopId")
    raise WebhookParseError("shopId", "missing")


def _order_placed(meta: EventMeta, message: Obj) -> KeetaEvent:
    # The docs wrap the order in "orderInfo"; a live integration reads it unwrapped (keeta.md §3.2).
    shop_id = meta.shop_id or None
    if message.has("orderInfo"):
        info = message.data["orderInfo"]
        return OrderPlaced(meta, parse_order(info, message.where("orderInfo"), shop_id=shop_id))
    return OrderPlaced(meta, parse_order(message.data, message.path, shop_id=shop_id))


def _status_changed(meta: EventMeta, message: Obj) -> KeetaEvent:
    cancelled = meta.event_id in _CANCEL_EVENTS
    by = codes.OP_TYPE.get(message.opt_int("opType", -1)) if cancelled else None
    return OrderStatusChanged(
        meta=meta,
        order_view_id=message.req_id("orderViewId"),
        status=_STATUS_EVENTS[meta.event_id],
        at=_op_time(message, meta),
        reason=message.opt_str("cancelReason") if cancelled else "",
        by=by,
    )


def _refund(meta: EventMeta, message: Obj) -> KeetaEvent:
    partial = meta.event_id == EventId.PARTIAL_REFUND
    return RefundChanged(meta, parse_refund(message.data, partial=partial, path=message.path))


def _courier(meta: EventMeta, message: Obj) -> KeetaEvent:
    code = message.opt_int("logisticsStatus", -1)
    sub_order_id = message.opt_str("merchantSubOrderId", limit=64)
    courier = CourierInfo(
        status=codes.LOGISTICS_STATUS.get(code, CourierStatus.UNKNOWN),
        name=message.opt_str("courierName"),
        phone=message.opt_str("courierPhone"),
        updated_at=_op_time(message, meta),
        sub_order_id=sub_order_id,
    )
    return CourierChanged(
        meta=meta,
        order_view_id=message.req_id("orderViewId"),
        courier=courier,
        sub_order_id=sub_order_id,
    )


def _store_status(meta: EventMeta, message: Obj) -> KeetaEvent:
    return StoreStatusChanged(
        meta=meta, from_status=message.opt_int("fromStatus", -1), to_status=message.req_int("toStatus")
    )


def _op_time(message: Obj, meta: EventMeta) -> int:
    return message.opt_time("opTime") or meta.pushed_at or meta.received_at


_HANDLERS: dict[int, Callable[[EventMeta, Obj], KeetaEvent]] = {
    EventId.ORDER_PLACED: _order_placed,
    EventId.ORDER_ACCEPTED: _status_changed,
    EventId.ORDER_COMPLETED: _status_changed,
    EventId.ORDER_CANCELLED: _status_changed,
    EventId.SYSTEM_CANCELLED: _status_changed,
    EventId.REFUND: _refund,
    EventId.COURIER: _courier,
    EventId.PARTIAL_REFUND: _refund,
    EventId.STORE_STATUS: _store_status,
}
