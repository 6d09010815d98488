"""The report as CSV for a bookkeeper's spreadsheet: one row per day, then the period's total.

Amounts in major units with a dot (``1922.00``), exactly the figures the screen and the printed slip
show; an amount that is not known is left empty and named in ``orders_to_check``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from posapp.domain.money import Money
from posapp.engine.report import Report

# (column, figure in cents or a count); amounts are the ones whose column ends in "_amount" or is money.
_COLUMNS: tuple[tuple[str, Callable[[Report], int]], ...] = (
    ("orders", lambda r: r.orders),
    ("completed", lambda r: r.completed),
    ("cancelled", lambda r: r.cancelled),
    ("gross_food_sales", lambda r: r.gross_food),
    ("packaging_fees", lambda r: r.packaging),
    ("discounts_shop_funded", lambda r: r.shop_discounts),
    ("discounts_keeta_funded", lambda r: r.keeta_discounts),
    ("commission", lambda r: r.commission),
    ("platform_service_fees", lambda r: r.platform_service_fees),
    ("bank_fees", lambda r: r.bank_fees),
    ("keeta_pays", lambda r: r.keeta_pays),
    ("full_refunds", lambda r: r.full_refunds),
    ("full_refund_count", lambda r: r.full_refund_count),
    ("partial_refunds", lambda r: r.partial_refunds),
    ("partial_refund_count", lambda r: r.partial_refund_count),
    ("refunds_deducted", lambda r: r.refunds_deducted),
    ("net_payout", lambda r: r.net_payout),
    ("zeek_deliveries", lambda r: r.zeek_deliveries),
    ("zeek_delivery_fees", lambda r: r.zeek_fees),
    ("net_after_delivery", lambda r: r.net_after_delivery),
    ("tips_for_couriers_not_takings", lambda r: r.tips),
    ("delivery_fees_paid_by_customers_not_takings", lambda r: r.customer_delivery_fees),
    ("platform_fees_paid_by_customers_not_takings", lambda r: r.customer_platform_fees),
)
_COUNTS = {"orders", "completed", "cancelled", "full_refund_count", "partial_refund_count", "zeek_deliveries"}
_NEEDS_ZEEK_FEE = {"zeek_delivery_fees", "net_after_delivery"}
HEADER = ("day", *(name for name, _ in _COLUMNS), "currency", "orders_to_check")


def major(cents: int, currency: str) -> str:
    """``192200`` → ``1922.00`` (the currency's own decimals)."""
    exponent = Money(0, currency).exponent
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 10**exponent)
    return f"{sign}{whole}.{frac:0{exponent}d}"


def _row(label: str, report: Report) -> list[str]:
    cells = [label]
    for name, figure in _COLUMNS:
        if name in _NEEDS_ZEEK_FEE and not report.zeek_fees_known:
            cells.append("")
        elif name in _COUNTS:
            cells.append(str(figure(report)))
        else:
            cells.append(major(figure(report), report.currency))
    return [*cells, report.currency, " ".join(report.unknown_orders)]


def to_csv(days: list[Report], total: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for day in days:
        writer.writerow(_row(day.first_day.isoformat(), day))
    writer.writerow(_row(f"total {total.first_day.isoformat()} to {total.last_day.isoformat()}", total))
    return out.getvalue()
