"""The board's lanes, and which lane an order is in."""

from __future__ import annotations

from enum import Enum

from posapp.domain.order import Order, OrderStatus


class Lane(Enum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    READY = "ready"
    DONE = "done"
    REFUNDS = "refunds"


_LANE_OF_STATUS = {
    OrderStatus.NEW: Lane.NEW,
    OrderStatus.ACCEPTED: Lane.IN_PROGRESS,
    OrderStatus.READY: Lane.READY,
    OrderStatus.COMPLETED: Lane.DONE,
    OrderStatus.CANCELLED: Lane.DONE,
}


def lane_of_status(status: OrderStatus) -> Lane:
    """The lane of an order with no refund request."""
    return _LANE_OF_STATUS[status]


def lane_of(order: Order) -> Lane:
    # Most orders have no refund at all: skip the property's scan (called per order per board change).
    if order.refunds and order.pending_refund is not None:
        return Lane.REFUNDS
    return _LANE_OF_STATUS[order.status]
