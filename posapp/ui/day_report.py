"""The orders CSV of the history screen (one row per order). Plain Python; the money report is
:mod:`posapp.engine.report`."""

from __future__ import annotations

import csv
import io
import time
from datetime import datetime

from posapp.domain.order import Order
from posapp.domain.refund import RefundStatus

_REFUNDED = (RefundStatus.AGREED, RefundStatus.AUTO_AGREED)


def start_of_local_day(now: float) -> int:
    local = datetime.fromtimestamp(now)
    return int(local.replace(hour=0, minute=0, second=0, microsecond=0).timestamp())


CSV_HEADER = ("order_no", "order_view_id", "placed_local", "type", "status", "items", "total_paid",
              "refunded", "currency")  # fmt: skip


def to_csv(orders: list[Order]) -> str:
    """One row per order; amounts in major units with a dot, times in local time (for a spreadsheet)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for order in orders:
        refunded = sum(r.amount.cents for r in order.refunds if r.status in _REFUNDED)
        money = order.money.total_paid
        writer.writerow(
            (
                order.seq_no,
                order.order_view_id,
                time.strftime("%Y-%m-%d %H:%M", time.localtime(order.placed_at)),
                order.fulfilment.value,
                order.status.value,
                order.item_count,
                _major(money.cents, money.exponent),
                _major(refunded, money.exponent),
                money.currency,
            )
        )
    return out.getvalue()


def _major(cents: int, exponent: int) -> str:
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 10**exponent)
    return f"{sign}{whole}.{frac:0{exponent}d}"
