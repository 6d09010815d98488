"""What the shop's own Zeek couriers cost, from the bookings the cache holds.

Zeek's quotes carry a fee "for reference only; billing follows the commercial agreement between Zeek
and the merchant" (API seed, ``delivery_fee``). So the fee per delivery is the shop's setting
(``delivery_fee_per_delivery_cents``); without it the count is known and the amount is not, and the
report says "amount unknown" rather than guessing. A booking costs a fee when it was delivered, or
cancelled after the partner picked the food up (9026, "with charges").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from posapp.domain.delivery import DeliveryBooking, DeliveryStatus
from posapp.store import booking_queries

BILLABLE = (DeliveryStatus.COMPLETED, DeliveryStatus.CANCELLED_AFTER_PICKUP)


@dataclass(frozen=True)
class ZeekFees:
    deliveries: int = 0
    total_cents: int = 0
    known: bool = True


def zeek_fees(bookings: Iterable[DeliveryBooking], fee_per_delivery_cents: int | None) -> ZeekFees:
    count = sum(1 for booking in bookings if booking.status in BILLABLE)
    if fee_per_delivery_cents is None:
        return ZeekFees(count, 0, known=count == 0)
    return ZeekFees(count, count * fee_per_delivery_cents)


def bookings_between(start: int, end: int) -> list[tuple[int, DeliveryBooking]]:
    """(created_at, booking) of bookings made in [start, end), oldest first."""
    return booking_queries.bookings_between(start, end)


def fees_by_day(
    bookings: Iterable[tuple[int, DeliveryBooking]], fee_per_delivery_cents: int | None
) -> dict[date, ZeekFees]:
    """Each local day's fees, by the day the courier was booked."""
    days: dict[date, list[DeliveryBooking]] = {}
    for created_at, booking in bookings:
        days.setdefault(datetime.fromtimestamp(created_at).date(), []).append(booking)
    return {day: zeek_fees(found, fee_per_delivery_cents) for day, found in days.items()}


def combined(fees: Iterable[ZeekFees]) -> ZeekFees:
    """Several days' fees as one period's."""
    parts = list(fees)
    return ZeekFees(
        sum(f.deliveries for f in parts), sum(f.total_cents for f in parts), all(f.known for f in parts)
    )
