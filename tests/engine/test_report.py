"""The report's rules on small hand-made days (the seeded simulator day is tests/ui/test_report_day.py)."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from posapp.domain.delivery import DeliveryBooking, DeliveryStatus
from posapp.domain.money import Money
from posapp.domain.order import Order, OrderStatus
from posapp.domain.refund import RefundKind, RefundRequest, RefundStatus
from posapp.engine import report_export
from posapp.engine.report import daily, day_start, report
from posapp.engine.zeek_fees import combined, fees_by_day, zeek_fees
from posapp.keeta.order_parser import parse_order
from tests.conftest import load_fixture

DAY = date(2026, 12, 3)
NOON = day_start(DAY) + 12 * 3600


def _order(order_view_id: int, placed_at: int = NOON, **changes: object) -> Order:
    order = parse_order(load_fixture("keeta/order_info_delivery.json"))  # food 116, Keeta pays 82, tip 5
    return dataclasses.replace(order, order_view_id=order_view_id, seq_no=f"#{order_view_id}",
                               placed_at=placed_at, **changes)  # fmt: skip


def _refund(
    order_view_id: int, cents: int, kind: RefundKind, status: RefundStatus = RefundStatus.AGREED
) -> RefundRequest:
    return RefundRequest(order_view_id * 10, order_view_id, kind, status, Money(cents), NOON)


def test_one_order() -> None:
    got = report([_order(1)], DAY, DAY)
    assert (got.orders, got.gross_food, got.shop_discounts, got.keeta_discounts) == (1, 11600, 500, 500)
    assert (got.commission, got.keeta_pays, got.net_payout) == (2900, 8200, 8200)
    assert (got.tips, got.customer_delivery_fees, got.customer_platform_fees) == (500, 1200, 300)  # apart


def test_cancelled_orders_are_no_sale_and_their_full_refund_is_not_taken_off_twice() -> None:
    refunded = _order(2, status=OrderStatus.CANCELLED, refunds=(_refund(2, 12600, RefundKind.FULL),))
    partial = _order(
        3,
        refunds=(
            _refund(3, 4500, RefundKind.PARTIAL),
            _refund(3, 999, RefundKind.PARTIAL, RefundStatus.REJECTED),
        ),
    )
    got = report([_order(1), refunded, partial], DAY, DAY)
    assert (got.orders, got.cancelled, got.gross_food) == (3, 1, 2 * 11600)
    assert (got.full_refunds, got.full_refund_count, got.partial_refunds, got.partial_refund_count) == (
        12600,
        1,
        4500,
        1,
    )
    assert got.refunds_deducted == 4500 and got.net_payout == 2 * 8200 - 4500


def test_a_full_refund_on_an_order_still_counted_is_taken_off() -> None:
    got = report([_order(4, refunds=(_refund(4, 12600, RefundKind.FULL),))], DAY, DAY)
    assert got.refunds_deducted == 12600 and got.net_payout == 8200 - 12600


def test_orders_with_unknown_amounts_are_named_and_left_out() -> None:
    unreadable = parse_order(load_fixture("keeta/shapes/unreadable_money.json"))
    no_merchant_side = _order(
        6, money=dataclasses.replace(_order(6).money, commission=None, merchant_receivable=None)
    )
    odd_refund = _order(
        7, refunds=(dataclasses.replace(_refund(7, 0, RefundKind.PARTIAL), amount_unknown=True),)
    )
    got = report(
        [dataclasses.replace(unreadable, placed_at=NOON, seq_no="#5"), no_merchant_side, odd_refund], DAY, DAY
    )
    assert got.unknown_orders == ("#5", "#6", "#7")
    assert got.keeta_pays == 8200 + 8200  # #5 by Keeta's own total, #7's payout known; #6 left out
    assert got.partial_refunds == 0


def test_days_of_a_range_and_orders_outside_it() -> None:
    orders = [_order(1), _order(2, NOON + 86400), _order(3, NOON - 86400)]
    days = daily(orders, DAY, DAY + timedelta(days=1))
    assert [d.orders for d in days] == [1, 1]
    whole = report(orders, DAY, DAY + timedelta(days=1))
    assert whole.orders == 2 and whole.net_payout == sum(d.net_payout for d in days)
    csv_text = report_export.to_csv(days, whole)
    assert csv_text.splitlines()[-1].startswith("total 2026-12-03 to 2026-12-04,2,")


def test_zeek_fees_need_the_shops_fee_per_delivery() -> None:
    delivered = DeliveryBooking("C1", "0001", status=DeliveryStatus.COMPLETED)
    charged = DeliveryBooking("C2", "0002", status=DeliveryStatus.CANCELLED_AFTER_PICKUP)
    free = DeliveryBooking("C3", "0003", status=DeliveryStatus.CANCELLED_BEFORE_PICKUP)
    assert zeek_fees([delivered, charged, free], 3000).total_cents == 6000
    unknown = zeek_fees([delivered], None)
    assert unknown.deliveries == 1 and not unknown.known
    assert zeek_fees([free], None).known  # nothing to pay, nothing unknown
    by_day = fees_by_day([(NOON, delivered), (NOON + 86400, charged)], 3000)
    assert combined(by_day.values()).total_cents == 6000 and len(by_day) == 2
    got = report([_order(1)], DAY, DAY, unknown)
    assert not got.zeek_fees_known
    assert report_export.to_csv([got], got).splitlines()[-1].split(",")[19:21] == ["", ""]
