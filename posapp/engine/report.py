"""The money report a bookkeeper can tie out: per local day and for any date range (issue 13.6).

Pure computation over orders (as the cache holds them) and Zeek bookings. The rules, each a line of
the report and of the hand calculation in ``tests/engine/test_report_day.py``:

- An order belongs to the day it was placed (local time). A cancelled order is no sale: it adds
  nothing to the takings; its agreed refund is listed (a full refund cancels the order) but not
  deducted, because the order's money was never counted.
- Gross food sales = ``items`` (food with options); packaging is listed apart.
- Discounts are split by who funds them. Only the shop's share reduces the shop's money; Keeta's share
  is listed for information.
- Keeta pays the shop = per order Keeta's own figure (``merchantFee.total``/``earnings``) when sent,
  else food + packaging − the shop's discounts − commission − platform service and bank fees.
- Net payout = Keeta pays − agreed refunds (full and partial) of the orders counted.
- Zeek delivery fees are what the shop pays its own couriers; net after delivery = net payout − them.
- The courier's tip, the delivery fee and the platform fee the customer paid are shown apart and never
  counted as takings: they are not the shop's money.
- An order whose figures Keeta sent unreadable, or whose merchant side is not known yet, is counted
  in ``unknown_orders`` and left out of the figures it cannot give — never read as 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from posapp.domain.money import Money
from posapp.domain.order import Order, OrderStatus
from posapp.domain.refund import RefundKind, RefundStatus
from posapp.engine.zeek_fees import ZeekFees

_AGREED = (RefundStatus.AGREED, RefundStatus.AUTO_AGREED)


@dataclass(frozen=True)
class Report:
    """Every figure for one period, in integer cents of one currency."""

    first_day: date
    last_day: date
    currency: str = "HKD"
    orders: int = 0
    completed: int = 0
    cancelled: int = 0
    gross_food: int = 0
    packaging: int = 0
    shop_discounts: int = 0
    keeta_discounts: int = 0
    commission: int = 0
    platform_service_fees: int = 0
    bank_fees: int = 0
    keeta_pays: int = 0
    full_refunds: int = 0
    full_refund_count: int = 0
    partial_refunds: int = 0
    partial_refund_count: int = 0
    refunds_deducted: int = 0
    zeek_fees: int = 0
    zeek_deliveries: int = 0
    zeek_fees_known: bool = True
    tips: int = 0
    customer_delivery_fees: int = 0
    customer_platform_fees: int = 0
    unknown_orders: tuple[str, ...] = field(default_factory=tuple)  # order numbers to check in Keeta

    @property
    def net_payout(self) -> int:
        return self.keeta_pays - self.refunds_deducted

    @property
    def net_after_delivery(self) -> int:
        return self.net_payout - self.zeek_fees

    @property
    def fees(self) -> int:
        return self.commission + self.platform_service_fees + self.bank_fees

    def money(self, cents: int) -> Money:
        return Money(cents, self.currency)


def local_day(epoch: int) -> date:
    return datetime.fromtimestamp(epoch).date()


def day_start(day: date) -> int:
    """Epoch seconds of local midnight starting ``day``."""
    return int(datetime(day.year, day.month, day.day).timestamp())


def period_bounds(first_day: date, last_day: date) -> tuple[int, int]:
    """[start, end) in epoch seconds for the local days ``first_day`` … ``last_day``."""
    return day_start(first_day), day_start(last_day + timedelta(days=1))


def report(
    orders: Iterable[Order],
    first_day: date,
    last_day: date,
    zeek: ZeekFees | None = None,
    currency: str = "HKD",
) -> Report:
    """The report for orders placed in ``first_day`` … ``last_day`` (others are ignored)."""
    start, end = period_bounds(first_day, last_day)
    sums: dict[str, int] = dict.fromkeys(_SUMMED, 0)
    unknown: list[str] = []
    for order in orders:
        if start <= order.placed_at < end:
            _add(sums, unknown, order)
    fees = zeek or ZeekFees()
    return Report(
        first_day=first_day,
        last_day=last_day,
        currency=currency,
        **sums,
        zeek_fees=fees.total_cents,
        zeek_deliveries=fees.deliveries,
        zeek_fees_known=fees.known,
        unknown_orders=tuple(unknown),
    )


def daily(
    orders: Iterable[Order], first_day: date, last_day: date, zeek_by_day: dict[date, ZeekFees] | None = None
) -> list[Report]:
    """One report per local day of the period, oldest first."""
    by_day: dict[date, list[Order]] = {}
    for order in orders:
        by_day.setdefault(local_day(order.placed_at), []).append(order)
    days = [first_day + timedelta(days=n) for n in range((last_day - first_day).days + 1)]
    zeek = zeek_by_day or {}
    return [report(by_day.get(day, []), day, day, zeek.get(day)) for day in days]


_SUMMED = (
    "orders", "completed", "cancelled", "gross_food", "packaging", "shop_discounts", "keeta_discounts",
    "commission", "platform_service_fees", "bank_fees", "keeta_pays", "full_refunds", "full_refund_count",
    "partial_refunds", "partial_refund_count", "refunds_deducted", "tips", "customer_delivery_fees",
    "customer_platform_fees",
)  # fmt: skip


# Report figure ← the order's MoneyBreakdown fact, summed when known.
_CUSTOMER_SIDE = (
    ("gross_food", "items"),
    ("packaging", "packaging"),
    ("shop_discounts", "merchant_discount"),
    ("keeta_discounts", "platform_discount"),
    ("tips", "tip"),
    ("customer_delivery_fees", "delivery_fee"),
    ("customer_platform_fees", "platform_fee"),
)


def _add(sums: dict[str, int], unknown: list[str], order: Order) -> None:
    sums["orders"] += 1
    sums["completed"] += order.status is OrderStatus.COMPLETED
    cancelled = order.status is OrderStatus.CANCELLED
    sums["cancelled"] += cancelled
    refunds_known = True
    for refund in order.refunds:
        if refund.status not in _AGREED:
            continue
        if refund.amount_unknown:
            refunds_known = False
            continue
        kind = "partial" if refund.kind is RefundKind.PARTIAL else "full"
        sums[f"{kind}_refunds"] += refund.amount.cents
        sums[f"{kind}_refund_count"] += 1
        if not cancelled:
            sums["refunds_deducted"] += refund.amount.cents
    money = order.money
    payout = money.shop_payout
    if not refunds_known or (not cancelled and (payout is None or money.unknown)):
        unknown.append(order.seq_no or str(order.order_view_id))
    if cancelled:
        return
    for key, fact in _CUSTOMER_SIDE:
        value = money.shown(fact)
        if value is not None:
            sums[key] += value.cents
    for key, amount in (
        ("commission", money.commission),
        ("platform_service_fees", money.platform_service_fee),
        ("bank_fees", money.bank_fee),
        ("keeta_pays", payout),
    ):
        if amount is not None:
            sums[key] += amount.cents
