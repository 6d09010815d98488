"""Courier deliveries booked with Zeek: quotes, bookings, courier positions and cancellations.

Zeek's status codes (9xxx/8xxx) map to these enums in ``zeek/codes.py``; its documented cancel codes
(7xxx) map here (``CancelReason.for_code``), because the cache keeps the code and reads the reason
back. Zeek's quotes carry the delivery mode, so the distance × volume rule is Zeek's (and the
simulator's, ``sim/zeek/quotes.py``), not the app's. Money is integer cents throughout.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from posapp.domain.money import Money


class DeliveryMode(Enum):
    SHORT_RANGE = "SHORT_RANGE"
    STANDARD = "STANDARD"
    LONG_DISTANCE = "LONG_DISTANCE"
    CITY_WIDE = "CITY_WIDE"
    UNKNOWN = "UNKNOWN"


@dataclass(frozen=True)
class Eta:
    """A predicted duration in minutes with the platform's range text, e.g. 30 and "30-40"."""

    minutes: int
    range_text: str = ""

    @property
    def bounds(self) -> tuple[int, int] | None:
        low, sep, high = self.range_text.partition("-")
        if not sep or not low.strip().isdigit() or not high.strip().isdigit():
            return None
        return int(low), int(high)


@dataclass(frozen=True)
class Quote:
    """One quotation: the mode for an amount band, a reference fee, the ETA and the distances."""

    quotation_id: str
    mode: DeliveryMode
    min_amount: Money
    max_amount: Money | None  # exclusive; None means no upper limit
    fee: Money | None
    eta: Eta
    direct_distance_m: int
    travel_distance_m: int

    def covers(self, amount: Money) -> bool:
        return amount >= self.min_amount and (self.max_amount is None or amount < self.max_amount)


def quote_for_amount(table: list[Quote], amount: Money) -> Quote | None:
    """Scenario 1 of the estimates API: pick the quotation whose amount band holds ``amount``."""
    return next((quote for quote in table if quote.covers(amount)), None)


class DeliveryStatus(Enum):
    """Where a courier booking is; ``rank`` orders progress so a late update never moves it back."""

    CREATED = "created"
    REASSIGNED = "reassigned"
    ACCEPTED = "accepted"
    NEAR_STORE = "near_store"
    AT_STORE = "at_store"
    DEPARTED = "departed"
    DELIVERING = "delivering"
    NEAR_CUSTOMER = "near_customer"
    COMPLETED = "completed"
    CANCELLED_BEFORE_PICKUP = "cancelled_before_pickup"
    CANCELLED_AFTER_PICKUP = "cancelled_after_pickup"
    UNKNOWN = "unknown"

    @property
    def rank(self) -> int:
        return _STATUS_RANK[self]

    @property
    def is_final(self) -> bool:
        return self in _FINAL

    @property
    def food_picked_up(self) -> bool:
        return self in _PICKED_UP

    @property
    def cancel_may_cost(self) -> bool:
        """Cancelling once the partner is at the store may cost a fee (zeek.md §8): staff are warned."""
        return self is DeliveryStatus.AT_STORE or (self.food_picked_up and not self.is_final)


_STATUS_RANK = {
    DeliveryStatus.UNKNOWN: -1,
    DeliveryStatus.CREATED: 0,
    DeliveryStatus.REASSIGNED: 1,
    DeliveryStatus.ACCEPTED: 2,
    DeliveryStatus.NEAR_STORE: 3,
    DeliveryStatus.AT_STORE: 4,
    DeliveryStatus.DEPARTED: 5,
    DeliveryStatus.DELIVERING: 6,
    DeliveryStatus.NEAR_CUSTOMER: 7,
    DeliveryStatus.COMPLETED: 8,
    DeliveryStatus.CANCELLED_BEFORE_PICKUP: 9,
    DeliveryStatus.CANCELLED_AFTER_PICKUP: 9,
}
_PICKED_UP = {
    DeliveryStatus.DEPARTED,
    DeliveryStatus.DELIVERING,
    DeliveryStatus.NEAR_CUSTOMER,
    DeliveryStatus.COMPLETED,
    DeliveryStatus.CANCELLED_AFTER_PICKUP,
}
_FINAL = {
    DeliveryStatus.COMPLETED,
    DeliveryStatus.CANCELLED_BEFORE_PICKUP,
    DeliveryStatus.CANCELLED_AFTER_PICKUP,
}


class CancelReason(Enum):
    ASSIGN_TIMEOUT = "assign_timeout"
    SENDER = "sender"
    RECIPIENT = "recipient"
    SHIPPER = "shipper"
    ORDER_INFO_ERROR = "order_info_error"
    TEST_ORDER = "test_order"
    OTHER = "other"

    @classmethod
    def for_code(cls, code: object) -> CancelReason | None:
        """The reason a Zeek cancel code (zeek.md §5, documented) stands for; None for no or an unknown
        code. Here, not in ``zeek``, because the cache keeps the code and reads the reason back."""
        return CANCEL_CODES.get(str(code).strip()) if code not in (None, "") else None


# Zeek's cancel codes (zeek.md §5, documented) → reasons.
CANCEL_CODES: dict[str, CancelReason] = {
    "7001": CancelReason.ASSIGN_TIMEOUT,
    "7002": CancelReason.SENDER,
    "7003": CancelReason.RECIPIENT,
    "7004": CancelReason.SHIPPER,
    "7005": CancelReason.ORDER_INFO_ERROR,
    "7006": CancelReason.TEST_ORDER,
    "7007": CancelReason.OTHER,
}


@dataclass(frozen=True)
class Partner:
    """The courier ("partner") Zeek assigned."""

    name: str = ""
    phone: str = ""
    location: str = ""
    vehicle: str = ""


@dataclass(frozen=True)
class Cancellation:
    reason: CancelReason | None
    code: str = ""
    text: str = ""
    by: str = ""
    at: int = 0


@dataclass(frozen=True)
class Predictions:
    accept: Eta | None = None
    showup: Eta | None = None
    delivery: Eta | None = None


@dataclass(frozen=True)
class BookingUpdate:
    """What Zeek says about a booking at one moment (a callback, an info answer): applied monotonically."""

    order_id: str
    client_order_id: str
    status: DeliveryStatus
    status_code: int
    at: int
    partner: Partner | None = None
    cancellation: Cancellation | None = None
    predictions: Predictions = Predictions()
    requested_pickup_time: int | None = None
    requested_delivery_time: int | None = None


@dataclass(frozen=True)
class DeliveryBooking:
    """A courier booked (or being booked) for one order; ``order_id`` is Zeek's, empty until created."""

    client_order_id: str
    pickup_code: str
    order_id: str = ""
    status: DeliveryStatus = DeliveryStatus.CREATED
    status_code: int = 0
    status_at: int = 0
    cancellation: Cancellation | None = None
    partner: Partner | None = None
    predictions: Predictions = Predictions()
    requested_pickup_time: int | None = None
    requested_delivery_time: int | None = None
    order_url: str = ""
    direct_distance_m: int | None = None
    travel_distance_m: int | None = None
    keeta_order_view_id: int | None = None


@dataclass(frozen=True)
class CourierPosition:
    """A courier fix: ``location`` is Zeek's "lat,lng" text, ``at`` its upload time (epoch seconds)."""

    order_id: str
    latitude: float
    longitude: float
    at: int
    partner_name: str = ""
    predicted_delivery: Eta | None = None

    @property
    def location(self) -> str:
        return f"{self.latitude},{self.longitude}"


def supersedes(update: BookingUpdate, current: DeliveryStatus, current_at: int) -> bool:
    """Whether ``update`` moves a booking now at ``current`` (since ``current_at``) forward.

    Final states stay final; a cancellation or completion always lands; otherwise progress must rank
    higher (or repeat the same step with fresher details) and not be older than what is known. A
    reassignment (8001) only counts before pickup, and only if it is newer.
    """
    if current.is_final or update.status is DeliveryStatus.UNKNOWN:
        return False
    if update.status.is_final:
        return True
    newer = update.at >= current_at or not (update.at and current_at)
    if update.status is DeliveryStatus.REASSIGNED:
        return (
            DeliveryStatus.ACCEPTED.rank <= current.rank <= DeliveryStatus.AT_STORE.rank
            and update.at > current_at
        )
    if update.status is current:
        return update.at > current_at
    return update.status.rank > current.rank and newer
