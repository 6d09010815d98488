"""Platform events after parsing: what happened to an order, independent of the wire format.

``keeta/webhooks.py`` turns a push into one of these; ``store`` applies them idempotently; the engine
and the screens react to them. ``source_id`` is the platform's message id, the dedupe key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from posapp.domain.order import CourierInfo, Order, OrderStatus
from posapp.domain.refund import Actor, RefundRequest


@dataclass(frozen=True)
class EventMeta:
    source_id: str
    event_id: int
    shop_id: int
    received_at: int
    pushed_at: int = 0


@dataclass(frozen=True)
class OrderPlaced:
    meta: EventMeta
    order: Order


@dataclass(frozen=True)
class OrderStatusChanged:
    """1002 (accepted), 1003 (completed), 1004 and 1008 (cancelled)."""

    meta: EventMeta
    order_view_id: int
    status: OrderStatus
    at: int
    reason: str = ""
    by: Actor | None = None


@dataclass(frozen=True)
class RefundChanged:
    """1005 (full) and 1007 (partial): a new request or a change of an existing one."""

    meta: EventMeta
    refund: RefundRequest


@dataclass(frozen=True)
class CourierChanged:
    """1006: Keeta's own courier moved on."""

    meta: EventMeta
    order_view_id: int
    courier: CourierInfo
    sub_order_id: str = ""


@dataclass(frozen=True)
class StoreStatusChanged:
    """1102: the store opened (3) or was suspended (4), by this app, Keeta's own app or Keeta's staff."""

    meta: EventMeta
    from_status: int
    to_status: int


@dataclass(frozen=True)
class Heartbeat:
    """An empty push: Keeta checking that the endpoint answers."""


@dataclass(frozen=True)
class UnknownEvent:
    """An eventId this app does not act on; kept raw for audit and later re-parse."""

    meta: EventMeta
    body: Any = field(default=None)


KeetaEvent = (
    OrderPlaced | OrderStatusChanged | RefundChanged | CourierChanged | StoreStatusChanged | UnknownEvent
)
