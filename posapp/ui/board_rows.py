"""What the board keeps per order besides the order itself: its lane and its search key.

Pure Python (no Qt object is touched), so the worker that reads the cache at start prepares them too:
at 10,000 open orders that was a third of a second on the Qt thread.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import Enum

from posapp.domain.order import Order, OrderStatus
from posapp.ui.board_search import SearchKey


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


def lane_of(order: Order) -> Lane:
    # Most orders have no refund at all: skip the property's scan (called per order per board change).
    if order.refunds and order.pending_refund is not None:
        return Lane.REFUNDS
    return _LANE_OF_STATUS[order.status]


@dataclass(frozen=True)
class BoardRows:
    """Orders with their search keys and lanes, row by row."""

    orders: list[Order]
    keys: list[SearchKey]
    lanes: list[Lane]

    @classmethod
    def of(cls, orders: list[Order]) -> BoardRows:
        return cls(
            list(orders), [SearchKey.of(order) for order in orders], [lane_of(order) for order in orders]
        )

    def without(self, order_view_ids: Collection[int]) -> BoardRows:
        keep = [i for i, order in enumerate(self.orders) if order.order_view_id not in order_view_ids]
        return BoardRows(
            [self.orders[i] for i in keep], [self.keys[i] for i in keep], [self.lanes[i] for i in keep]
        )

    def plus(self, orders: list[Order]) -> BoardRows:
        more = BoardRows.of(orders)
        return BoardRows(self.orders + more.orders, self.keys + more.keys, self.lanes + more.lanes)
