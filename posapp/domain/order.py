"""The Keeta order as the rest of the app sees it, parsed once at the edge."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from posapp.domain.money import Money
from posapp.domain.refund import Actor, RefundRequest

CONFIRM_WINDOW_SECONDS = 5 * 60


class OrderStatus(Enum):
    """Where an order is in its life, in the app's words (Keeta's codes map in ``keeta/codes.py``)."""

    NEW = "new"
    ACCEPTED = "accepted"
    READY = "ready"
    COMPLETED = "completed"
    CANCELLED = "cancelled"

    @property
    def rank(self) -> int:
        """Order of progress; a lower rank never overwrites a higher one (late events are ignored)."""
        return _RANK[self]

    @property
    def is_final(self) -> bool:
        return self in (OrderStatus.COMPLETED, OrderStatus.CANCELLED)


_RANK = {
    OrderStatus.NEW: 0,
    OrderStatus.ACCEPTED: 1,
    OrderStatus.READY: 2,
    OrderStatus.COMPLETED: 3,
    # Cancelled outranks completed: Keeta may cancel a completed order up to 48 h later.
    OrderStatus.CANCELLED: 4,
}


class Fulfilment(Enum):
    DELIVERY = "delivery"
    PICKUP = "pickup"


class Courier(Enum):
    """Who carries a delivery order (Keeta's ``deliveryMode``)."""

    KEETA = "keeta"
    DRONE = "drone"
    MERCHANT = "merchant"
    NONE = "none"


class CourierStatus(Enum):
    """Keeta courier progress from event 1006 (``logisticsStatus``)."""

    CREATED = "created"
    SEARCHING = "searching"
    ASSIGNED = "assigned"
    AT_STORE = "at_store"
    PICKED_UP = "picked_up"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class OrderOption:
    """One chosen option of a line (a Keeta group SKU), e.g. "Less ice / 少冰"."""

    name: str
    name_zh: str = ""
    group: str = ""
    count: int = 1
    price: Money = field(default_factory=Money.zero)


@dataclass(frozen=True)
class OrderLine:
    line_id: int
    name: str
    count: int
    unit_price: Money
    total: Money
    name_zh: str = ""
    spec: str = ""
    options: tuple[OrderOption, ...] = ()
    remark: str = ""
    spu_id: int = 0
    sku_id: int = 0
    item_code: str = ""


@dataclass(frozen=True)
class Customer:
    name: str = ""
    phone: str = ""
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None

    @staticmethod
    def is_encrypted_value(value: str) -> bool:
        return value.startswith("ENC_")

    @property
    def encrypted(self) -> bool:
        return any(self.is_encrypted_value(v) for v in (self.name, self.phone, self.address))

    def shown(self, value: str) -> str:
        """What a screen may show: Keeta encrypts personal data for its own couriers' orders."""
        return "••••" if self.is_encrypted_value(value) else value


@dataclass(frozen=True)
class MoneyBreakdown:
    """Every money fact of one order, in integer cents, as Keeta states it.

    Customer side: ``items`` (gross food, options included), ``packaging``, ``delivery_fee`` and
    ``platform_fee`` paid by the customer, ``small_order_fee`` (``diffPrice``), ``discounts`` (all of
    them, split by who funds them in ``merchant_discount``/``platform_discount``), the courier's ``tip``
    (inside ``total_paid`` but never the shop's money). Merchant side (``None`` until Keeta sends its
    ``merchantFee``): ``commission``, ``platform_service_fee``, ``bank_fee`` and what Keeta pays the shop,
    ``merchant_receivable``. ``unknown`` names the facts Keeta sent in a form that could not be read: they
    are shown as "amount unknown", never as a number.
    """

    items: Money
    delivery_fee: Money
    platform_fee: Money
    discounts: Money
    tip: Money
    total_paid: Money
    merchant_receivable: Money | None = None
    commission: Money | None = None
    packaging: Money = field(default_factory=Money.zero)
    small_order_fee: Money = field(default_factory=Money.zero)
    merchant_discount: Money = field(default_factory=Money.zero)
    platform_discount: Money = field(default_factory=Money.zero)
    platform_service_fee: Money | None = None
    bank_fee: Money | None = None
    unknown: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        # The defaulted facts are zero in the order's own currency, so an MOP order stays all-MOP.
        currency = self.total_paid.currency
        if (
            self.packaging.currency == currency
            and self.small_order_fee.currency == currency
            and self.merchant_discount.currency == currency
            and self.platform_discount.currency == currency
        ):
            return  # the usual case, and the start-up load's: nothing to do
        for name in _DEFAULTED_ZERO:
            value: Money = getattr(self, name)
            if value.cents == 0 and value.currency != currency:
                object.__setattr__(self, name, Money(0, currency))

    def known(self, fact: str) -> bool:
        return fact not in self.unknown

    def shown(self, fact: str) -> Money | None:
        """The fact's amount, or ``None`` when it is unknown (screens say "amount unknown")."""
        value: Money | None = getattr(self, fact)
        return None if fact in self.unknown else value

    @property
    def currency(self) -> str:
        return self.total_paid.currency

    @property
    def fees(self) -> Money:
        """Commission and the fees Keeta keeps from the shop's share (0 for what is not known yet)."""
        parts = (self.commission, self.platform_service_fee, self.bank_fee)
        return Money(sum(p.cents for p in parts if p is not None), self.currency)

    @property
    def shop_payout(self) -> Money | None:
        """What Keeta pays the shop for this order: its own figure when sent, else food + packaging −
        the shop's discounts − commission and fees. Delivery fee, platform fee and tip are never in it.
        ``None`` while the merchant side is not known (or could not be read)."""
        if self.merchant_receivable is not None:
            return self.merchant_receivable
        if self.commission is None or self.unknown & _PAYOUT_FACTS:
            return None
        cents = self.items.cents + self.packaging.cents - self.merchant_discount.cents - self.fees.cents
        return Money(cents, self.currency)


_DEFAULTED_ZERO = ("packaging", "small_order_fee", "merchant_discount", "platform_discount")
_PAYOUT_FACTS = frozenset(
    {
        "merchant_receivable",
        "items",
        "packaging",
        "merchant_discount",
        "commission",
        "platform_service_fee",
        "bank_fee",
    }
)


@dataclass(frozen=True)
class CourierInfo:
    status: CourierStatus = CourierStatus.UNKNOWN
    name: str = ""
    phone: str = ""
    updated_at: int = 0
    # A big order travels as sub-orders, each with its own courier (1006 ``merchantSubOrderId``).
    sub_order_id: str = ""


@dataclass(frozen=True)
class Order:
    order_view_id: int
    shop_id: int
    seq_no: str
    status: OrderStatus
    fulfilment: Fulfilment
    courier_kind: Courier
    lines: tuple[OrderLine, ...]
    money: MoneyBreakdown
    placed_at: int
    shop_name: str = ""
    customer: Customer = field(default_factory=Customer)
    cutlery: bool = False
    remark: str = ""
    pay_type: str = ""
    delivery_eta: int | None = None
    ready_eta: int | None = None
    courier: CourierInfo = field(default_factory=CourierInfo)
    refunds: tuple[RefundRequest, ...] = ()
    cancel_reason: str = ""
    updated_at: int = 0
    # The shop's own promise, set when the cashier accepts with a preparation time (epoch seconds).
    ready_by: int | None = None
    # Who cancelled (Keeta's ``opType``): the customer, the shop, Keeta's system or customer service.
    cancelled_by: Actor | None = None

    @property
    def item_count(self) -> int:
        return sum(line.count for line in self.lines)

    @property
    def confirm_deadline(self) -> int:
        """Keeta auto-cancels an order not confirmed within five minutes of placement."""
        return self.placed_at + CONFIRM_WINDOW_SECONDS

    @property
    def pending_refund(self) -> RefundRequest | None:
        return next((r for r in self.refunds if r.is_pending), None)
