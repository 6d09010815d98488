"""Zeek statuses and times in the cashier's words (EN source text, 繁中 through Qt's translator)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from posapp.domain.delivery import DeliveryBooking, DeliveryStatus, Eta

_STATUS = {
    DeliveryStatus.CREATED: QT_TRANSLATE_NOOP("Delivery", "Looking for a partner"),
    DeliveryStatus.REASSIGNED: QT_TRANSLATE_NOOP("Delivery", "Another partner is being assigned"),
    DeliveryStatus.ACCEPTED: QT_TRANSLATE_NOOP("Delivery", "Partner on the way to the shop"),
    DeliveryStatus.NEAR_STORE: QT_TRANSLATE_NOOP("Delivery", "Partner nearly at the shop"),
    DeliveryStatus.AT_STORE: QT_TRANSLATE_NOOP("Delivery", "Partner at the shop"),
    DeliveryStatus.DEPARTED: QT_TRANSLATE_NOOP("Delivery", "Picked up, left the shop"),
    DeliveryStatus.DELIVERING: QT_TRANSLATE_NOOP("Delivery", "Delivering"),
    DeliveryStatus.NEAR_CUSTOMER: QT_TRANSLATE_NOOP("Delivery", "Nearly at the customer"),
    DeliveryStatus.COMPLETED: QT_TRANSLATE_NOOP("Delivery", "Delivered"),
    DeliveryStatus.CANCELLED_BEFORE_PICKUP: QT_TRANSLATE_NOOP("Delivery", "Cancelled before pickup"),
    DeliveryStatus.CANCELLED_AFTER_PICKUP: QT_TRANSLATE_NOOP("Delivery", "Cancelled after pickup"),
    DeliveryStatus.UNKNOWN: QT_TRANSLATE_NOOP("Delivery", "Unknown status"),
}

COD_TYPES = (
    (2, QT_TRANSLATE_NOOP("Delivery", "Paid online – partner collects nothing")),
    (1, QT_TRANSLATE_NOOP("Delivery", "Cash on delivery – partner pays the shop, collects from customer")),
    (0, QT_TRANSLATE_NOOP("Delivery", "Not defined – as written on the receipt")),
    (3, QT_TRANSLATE_NOOP("Delivery", "Card on delivery (ask Zeek first)")),
)


def tr(text: str) -> str:
    return QCoreApplication.translate("Delivery", text)


def clock_text(epoch: int | None) -> str:
    return "" if not epoch else datetime.fromtimestamp(epoch).strftime("%H:%M")


def status_text(booking: DeliveryBooking, sending: bool = False) -> str:
    """e.g. "Partner at the shop (9011) 12:41"; "Sending to Zeek…" before Zeek has the booking."""
    if not booking.order_id:
        return tr("Sending to Zeek…") if sending else tr("Not sent yet")
    words = tr(str(_STATUS[booking.status]))
    code = f" ({booking.status_code})" if booking.status_code else ""
    when = clock_text(booking.status_at)
    return f"{words}{code} {when}".strip()


def eta_text(eta: Eta | None) -> str:
    if eta is None:
        return "–"
    return tr("{n} min").replace("{n}", eta.range_text or str(eta.minutes))


def km(metres: int | None) -> str:
    return "–" if metres is None else f"{metres / 1000:.1f} km"
