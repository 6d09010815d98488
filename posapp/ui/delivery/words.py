"""Zeek statuses and times in the cashier's words (EN source text, 繁中 through Qt's translator)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from posapp.domain.delivery import Cancellation, CancelReason, DeliveryBooking, DeliveryStatus, Eta
from posapp.ui.messages import translated

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

# Zeek's cancel codes 7001–7007 (zeek.md §5), in words; the code itself goes to the log only.
_CANCEL = {
    CancelReason.ASSIGN_TIMEOUT: QT_TRANSLATE_NOOP("Delivery", "no partner took it in time"),
    CancelReason.SENDER: QT_TRANSLATE_NOOP("Delivery", "cancelled by the shop"),
    CancelReason.RECIPIENT: QT_TRANSLATE_NOOP("Delivery", "cancelled for the customer"),
    CancelReason.SHIPPER: QT_TRANSLATE_NOOP("Delivery", "cancelled by the partner or Zeek"),
    CancelReason.ORDER_INFO_ERROR: QT_TRANSLATE_NOOP("Delivery", "the booking's details were wrong"),
    CancelReason.TEST_ORDER: QT_TRANSLATE_NOOP("Delivery", "a test booking"),
    CancelReason.OTHER: QT_TRANSLATE_NOOP("Delivery", "another reason"),
}

COD_TYPES = (
    (2, QT_TRANSLATE_NOOP("Delivery", "Paid online – partner collects nothing")),
    (1, QT_TRANSLATE_NOOP("Delivery", "Cash on delivery – partner pays the shop, collects from customer")),
    (0, QT_TRANSLATE_NOOP("Delivery", "Not defined – as written on the receipt")),
    (3, QT_TRANSLATE_NOOP("Delivery", "Card on delivery (ask Zeek first)")),
)


CONTEXT = "Delivery"
# Call sites write ``translate("Delivery", "…")`` with the literal context so pyside6-lupdate files
# each string under it; ``tr`` is for text already marked with QT_TRANSLATE_NOOP or sent by the engine.
translate = QCoreApplication.translate


def tr(text: str) -> str:
    """Text marked with QT_TRANSLATE_NOOP("Delivery", …) or an engine sentence (a Message keeps values)."""
    return translated(CONTEXT, text)


def clock_text(epoch: int | None) -> str:
    return "" if not epoch else datetime.fromtimestamp(epoch).strftime("%H:%M")


def status_words(status: DeliveryStatus) -> str:
    return tr(str(_STATUS[status]))


def cancel_words(cancellation: Cancellation | None) -> str:
    """Why Zeek cancelled, e.g. "no partner took it in time" (plus Zeek's own text when it gave one)."""
    if cancellation is None:
        return ""
    words = tr(str(_CANCEL[cancellation.reason])) if cancellation.reason is not None else ""
    extra = cancellation.text.strip()
    if extra and extra != words:
        return f"{words} – {extra}" if words else extra
    return words


def status_text(booking: DeliveryBooking, sending: bool = False) -> str:
    """e.g. "Partner at the shop 12:41" (Zeek's code is in the log); "Sending to Zeek…" before Zeek
    has the booking."""
    if not booking.order_id:
        return translate("Delivery", "Sending to Zeek…") if sending else translate("Delivery", "Not sent yet")
    words = status_words(booking.status)
    why = cancel_words(booking.cancellation) if booking.status.is_final else ""
    if why:
        words = f"{words}: {why}"
    when = clock_text(booking.status_at)
    return f"{words} {when}".strip()


def eta_text(eta: Eta | None) -> str:
    if eta is None:
        return "–"
    return translate("Delivery", "{n} min").replace("{n}", eta.range_text or str(eta.minutes))


def eta_full_text(eta: Eta | None) -> str:
    """A quote's ETA with its range, e.g. "20 min (15-25)"."""
    if eta is None:
        return "–"
    text = translate("Delivery", "{n} min").replace("{n}", str(eta.minutes))
    return f"{text} ({eta.range_text})" if eta.range_text else text


def km(metres: int | None) -> str:
    return "–" if metres is None else f"{metres / 1000:.1f} km"
