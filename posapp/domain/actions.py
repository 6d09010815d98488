"""The order state machine: which cashier actions make sense in which state, and why not."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from posapp.domain.order import Courier, CourierStatus, Fulfilment, Order, OrderStatus


class OrderAction(Enum):
    CONFIRM = "confirm"
    PREPARE = "prepare"
    COLLECT = "collect"
    CANCEL = "cancel"
    AGREE_REFUND = "agree_refund"
    REJECT_REFUND = "reject_refund"
    PARTIAL_REFUND = "partial_refund"
    REFRESH = "refresh"


@dataclass(frozen=True)
class Verdict:
    """Whether an action is allowed; when not, ``reason`` says why in a cashier's words."""

    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


_OK = Verdict(True)
# Keeta lets a merchant cancel a completed order for 48 hours (keeta.md §5: "up to 48 h after
# completion"); the completion time is the order's last status change as the cache saw it.
CANCEL_AFTER_COMPLETION_SECONDS = 48 * 3600


def _refused(reason: str) -> Verdict:
    return Verdict(False, reason)


def check(order: Order, action: OrderAction, now: float | None = None) -> Verdict:
    """May the cashier do ``action`` to ``order`` at ``now``? (Without ``now``, time limits refuse.)"""
    status = order.status
    if action is OrderAction.REFRESH:
        return _OK
    if action in (OrderAction.AGREE_REFUND, OrderAction.REJECT_REFUND):
        if order.pending_refund is None:
            return _refused("There is no refund request waiting for an answer.")
        return _OK
    if status is OrderStatus.CANCELLED:
        return _refused("This order is cancelled.")
    if status is OrderStatus.COMPLETED:
        if action is OrderAction.CANCEL:
            return _cancel_completed(order, now)
        return _refused("This order is already completed.")
    return _check_open(order, action)


def _cancel_completed(order: Order, now: float | None) -> Verdict:
    if now is not None and now - order.updated_at <= CANCEL_AFTER_COMPLETION_SECONDS:
        return _OK
    return _refused("Keeta allows cancelling a completed order only within 48 hours.")


def _check_open(order: Order, action: OrderAction) -> Verdict:
    status = order.status
    if action is OrderAction.CONFIRM:
        return _OK if status is OrderStatus.NEW else _refused("This order has already been accepted.")
    if action is OrderAction.PREPARE:
        if status is OrderStatus.NEW:
            return _refused("Accept the order before marking it ready.")
        if status is OrderStatus.READY:
            return _refused("This order is already marked ready.")
        return _OK
    if action is OrderAction.COLLECT:
        if order.fulfilment is not Fulfilment.PICKUP:
            return _refused("Only pickup orders are handed over at the counter.")
        if status is not OrderStatus.READY:
            return _refused("Mark the order ready before the customer picks it up.")
        return _OK
    if action is OrderAction.CANCEL:
        return _OK
    if action is OrderAction.PARTIAL_REFUND:
        return _check_partial_refund(order)
    return _refused("This action is not available.")


def _check_partial_refund(order: Order) -> Verdict:
    if order.status is OrderStatus.NEW:
        return _refused("Accept the order before refunding items.")
    if order.pending_refund is not None:
        return _refused("Answer the customer's refund request first.")
    delivered = order.courier_kind is Courier.KEETA and order.courier.status is CourierStatus.DELIVERED
    if delivered:
        return _refused("The order has been delivered; items can no longer be refunded here.")
    return _OK


def allowed_actions(order: Order, now: float | None = None) -> list[OrderAction]:
    return [action for action in OrderAction if check(order, action, now)]
