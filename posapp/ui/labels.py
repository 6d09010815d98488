"""Cashier words for the app's enums and Keeta's reason codes (translated at the moment they are shown)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from posapp.domain.money import Money
from posapp.domain.order import CourierStatus, Fulfilment, OrderStatus
from posapp.domain.refund import RefundKind, RefundStatus
from posapp.engine.keeta_terms import CancelCode, PartRefundType, RejectCode


def status_text(status: OrderStatus) -> str:
    return {
        OrderStatus.NEW: QCoreApplication.translate("Labels", "New"),
        OrderStatus.ACCEPTED: QCoreApplication.translate("Labels", "Preparing"),
        OrderStatus.READY: QCoreApplication.translate("Labels", "Ready"),
        OrderStatus.COMPLETED: QCoreApplication.translate("Labels", "Done"),
        OrderStatus.CANCELLED: QCoreApplication.translate("Labels", "Cancelled"),
    }[status]


def amount_text(amount: Money | None) -> str:
    """An amount, or the words for one Keeta sent that could not be read: never a wrong number."""
    if amount is None:
        return QCoreApplication.translate("Labels", "amount unknown")
    return amount.format()


def fulfilment_text(fulfilment: Fulfilment) -> str:
    if fulfilment is Fulfilment.PICKUP:
        return QCoreApplication.translate("Labels", "Pickup")
    return QCoreApplication.translate("Labels", "Delivery")


def courier_text(status: CourierStatus) -> str:
    return {
        CourierStatus.CREATED: QCoreApplication.translate("Labels", "Courier requested"),
        CourierStatus.SEARCHING: QCoreApplication.translate("Labels", "Finding a courier"),
        CourierStatus.ASSIGNED: QCoreApplication.translate("Labels", "Courier on the way to the shop"),
        CourierStatus.AT_STORE: QCoreApplication.translate("Labels", "Courier at the shop"),
        CourierStatus.PICKED_UP: QCoreApplication.translate("Labels", "Courier picked up"),
        CourierStatus.DELIVERED: QCoreApplication.translate("Labels", "Delivered"),
        CourierStatus.CANCELLED: QCoreApplication.translate("Labels", "Courier cancelled"),
        CourierStatus.UNKNOWN: QCoreApplication.translate("Labels", "No courier news yet"),
    }[status]


def refund_kind_text(kind: RefundKind) -> str:
    if kind is RefundKind.PARTIAL:
        return QCoreApplication.translate("Labels", "Partial refund request")
    return QCoreApplication.translate("Labels", "Full refund request")


def refund_status_text(status: RefundStatus) -> str:
    return {
        RefundStatus.PENDING: QCoreApplication.translate("Labels", "Waiting for your answer"),
        RefundStatus.AGREED: QCoreApplication.translate("Labels", "Agreed"),
        RefundStatus.REJECTED: QCoreApplication.translate("Labels", "Rejected"),
        RefundStatus.AUTO_AGREED: QCoreApplication.translate("Labels", "Agreed by Keeta (no answer in time)"),
        RefundStatus.WITHDRAWN: QCoreApplication.translate("Labels", "Withdrawn by the customer"),
    }[status]


def cancel_reasons() -> list[tuple[int, str]]:
    return [
        (
            CancelCode.INSUFFICIENT_INGREDIENTS,
            QCoreApplication.translate("Labels", "Sold out / not enough ingredients"),
        ),
        (CancelCode.STORE_CLOSED, QCoreApplication.translate("Labels", "Shop is closed")),
        (CancelCode.STAFF_SHORTAGE, QCoreApplication.translate("Labels", "Too busy / not enough staff")),
        (CancelCode.OTHER, QCoreApplication.translate("Labels", "Other (write a reason)")),
    ]


def reject_reasons() -> list[tuple[int, str]]:
    return [
        (RejectCode.MEAL_PREPARED, QCoreApplication.translate("Labels", "The food was already made")),
        (RejectCode.DELIVERY_STARTED, QCoreApplication.translate("Labels", "The courier already left")),
        (RejectCode.OTHER, QCoreApplication.translate("Labels", "Other (write a reason)")),
    ]


def partial_refund_reasons() -> list[tuple[int, str]]:
    return [
        (PartRefundType.INSUFFICIENT_INGREDIENTS, QCoreApplication.translate("Labels", "Item sold out")),
        (PartRefundType.MISSING_ITEMS, QCoreApplication.translate("Labels", "Item missing from the bag")),
        (PartRefundType.WRONG_ITEM, QCoreApplication.translate("Labels", "Wrong item given")),
        (PartRefundType.SLOW_PREPARATION, QCoreApplication.translate("Labels", "Food was slow")),
        (PartRefundType.OTHER, QCoreApplication.translate("Labels", "Other (write a reason)")),
    ]


def action_text(action: str) -> str:
    return {
        "confirm": QCoreApplication.translate("Labels", "Accept"),
        "prepare": QCoreApplication.translate("Labels", "Ready"),
        "collect": QCoreApplication.translate("Labels", "Picked up"),
        "cancel": QCoreApplication.translate("Labels", "Cancel order"),
        "agree_refund": QCoreApplication.translate("Labels", "Agree to refund"),
        "reject_refund": QCoreApplication.translate("Labels", "Reject refund"),
        "partial_refund": QCoreApplication.translate("Labels", "Partial refund"),
        # Self-delivery reports to Keeta (engine/delivery/keeta_reports.py)
        "dispatched": QCoreApplication.translate("Labels", "Tell Keeta: courier left"),
        "delivered": QCoreApplication.translate("Labels", "Tell Keeta: delivered"),
    }.get(action, action)
