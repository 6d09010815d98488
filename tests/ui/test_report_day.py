"""A seeded day of simulator orders with every kind of money line ties out to the cent (issue 13.6).

The day runs through the real simulator, client, outbox, cache and window: Keeta-courier delivery
orders (tips, delivery and platform fees, a small-order top-up, shop- and Keeta-funded discounts,
packaging, commission, bank fees), pickups, a merchant partial refund, a customer partial refund, a
full refund (which cancels its order), a customer cancel, and two Zeek deliveries plus one booking
cancelled before pickup. Every total on the screen, in the CSV and on the printed slip is checked
against the hand calculation below, written from the simulator's seeded orders (seed 0).
"""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path

from posapp.domain.delivery_request import DeliveryRequest
from posapp.domain.money import Money
from posapp.domain.order import OrderStatus
from posapp.domain.refund import RefundStatus
from posapp.engine.report import Report, local_day
from posapp.keeta.codes import PartRefundType
from posapp.printing.report_slip import report_slip
from posapp.store import deliveries
from posapp.zeek import wire
from tests.printing.slip_text import slip_text
from tests.ui.conftest import Env
from tests.ui.harness import Stack, open_stack, until

FEE_PER_ZEEK_DELIVERY = 2500


def _status(stack: Stack, order_view_id: int) -> OrderStatus | None:
    order = stack.window.model.order(order_view_id)
    return None if order is None else order.status


def _agreed_refunds(stack: Stack, order_view_id: int) -> int:
    order = stack.window.model.order(order_view_id)
    agreed = (RefundStatus.AGREED, RefundStatus.AUTO_AGREED)
    return 0 if order is None else sum(1 for r in order.refunds if r.status in agreed)


def _zeek_booking(client_order_id: str, keeta_order: int | None, final_status: int, now: int) -> None:
    """A booking stored as the delivery engine stores it, moved on by Zeek-shaped callbacks."""
    request = DeliveryRequest(
        client_order_id=client_order_id, customer_name="陳生", phone="91234567", address="1 Queen's Road",
        location="22.28,114.16", total=Money(10000), order_time=now, keeta_order_view_id=keeta_order,
    )  # fmt: skip
    deliveries.save_request(request, "STORE-1", now)
    for step, code in enumerate((9001, 9011, final_status)):
        data = {"order_id": f"Z{client_order_id}", "client_order_id": client_order_id,
                "order_status": code, "timestamp": now + step}  # fmt: skip
        deliveries.apply_update(wire.parse_callback(data), now + step)


async def _seeded_day(stack: Stack) -> dict[str, int]:
    plan = [
        ("delivery_a", "delivery"), ("delivery_b", "delivery"), ("pickup_done", "pickup"),
        ("pickup_partial", "pickup"), ("full_refund", "delivery"), ("cancelled", "delivery"),
        ("delivery_c", "delivery"), ("pickup_zeek", "pickup"),
    ]  # fmt: skip
    ids = {}
    for name, mode in plan:  # all created first: each order's content is fixed by the seed
        ids[name] = (await stack.new_order(mode)).order_view_id
    for name, oid in ids.items():
        if name != "cancelled":
            stack.service.confirm(oid)
            await until(lambda oid=oid: _status(stack, oid) is OrderStatus.ACCEPTED)  # type: ignore[misc]
    url = f"{stack.sim.base_url}/sim/keeta/orders/{ids['cancelled']}/customer-cancel"
    (await stack.http.post(url)).raise_for_status()
    await until(lambda: _status(stack, ids["cancelled"]) is OrderStatus.CANCELLED)
    done = ids["pickup_done"]
    stack.service.prepare(done)
    await until(lambda: _status(stack, done) is OrderStatus.READY)
    stack.service.collect(done)
    await until(lambda: _status(stack, done) is OrderStatus.COMPLETED)
    # The shop refunds one of the first line's items itself.
    partial = stack.window.model.order(ids["delivery_b"])
    assert partial is not None
    stack.service.apply_partial_refund(
        ids["delivery_b"], [(partial.lines[0].line_id, 1)], PartRefundType.MISSING_ITEMS
    )
    await until(lambda: _agreed_refunds(stack, ids["delivery_b"]) == 1)
    # A customer asks for part of a pickup back, and for all of a delivery back; the shop agrees.
    await stack.request_refund(ids["pickup_partial"], partial=True)
    stack.service.agree_refund(ids["pickup_partial"])
    await until(lambda: _agreed_refunds(stack, ids["pickup_partial"]) == 1)
    await stack.request_refund(ids["full_refund"], partial=False)
    stack.service.agree_refund(ids["full_refund"])
    await until(lambda: _status(stack, ids["full_refund"]) is OrderStatus.CANCELLED)
    await until(lambda: _agreed_refunds(stack, ids["full_refund"]) == 1)
    now = int(stack.window.model.order(ids["delivery_c"]).placed_at)  # type: ignore[union-attr]
    _zeek_booking("POS-1", ids["pickup_zeek"], 9021, now)  # delivered
    _zeek_booking("POS-2", None, 9021, now)  # delivered
    _zeek_booking("POS-3", ids["delivery_c"], 9025, now)  # cancelled before pickup: no fee
    return ids


# The hand calculation. Per order, from the simulator's seeded content (cents). Columns: status, food,
# packaging, shop-funded discount, Keeta-funded discount, commission, bank fee, Keeta pays, tip, delivery
# fee, platform fee (both paid by the customer), agreed refunds.
HAND = {
    "delivery_a":     ("accepted",   6800, 200,   0,   0, 1700,  84,  5216, 500, 1200, 300,    0),
    "delivery_b":     ("accepted",   6900, 200,   0,   0, 1725,  85,  5290,   0, 1200, 300, 2300),  # by shop
    "pickup_done":    ("completed", 14800, 600, 500, 500, 1776, 185, 12939,   0,    0,   0,    0),
    "pickup_partial": ("accepted",  16400, 400, 500, 500, 1968, 202, 14130,   0,    0,   0, 3200),  # customer
    "full_refund":    ("cancelled",  2300, 200,   0,   0,  575,  30,  1895, 1000, 900, 300, 6400),  # no sale
    "cancelled":      ("cancelled", 10600, 400, 500, 500, 2650, 132,  7718,   0,  900, 300,    0),  # no sale
    "delivery_c":     ("accepted",   6200, 200,   0,   0, 1550,  77,  4773, 500, 1500, 300,    0),
    "pickup_zeek":    ("accepted",  18800, 800, 500, 500, 2256, 235, 16609,   0,    0,   0,    0),
}  # fmt: skip
# Keeta pays = food + packaging − shop-funded discount − commission − bank fee, e.g. delivery_a:
# 6800 + 200 − 0 − 1700 − 84 = 5216 (Keeta's own merchantFee.total says the same).
# Totals over the six orders that were not cancelled (cancelled ones are no sale):
GROSS_FOOD = 6800 + 6900 + 14800 + 16400 + 6200 + 18800  # 69900
PACKAGING = 200 + 200 + 600 + 400 + 200 + 800  # 2400
SHOP_DISCOUNTS = 500 + 500 + 500  # 1500
KEETA_DISCOUNTS = 500 + 500 + 500  # 1500, listed apart: Keeta funds them
COMMISSION = 1700 + 1725 + 1776 + 1968 + 1550 + 2256  # 10975
BANK_FEES = 84 + 85 + 185 + 202 + 77 + 235  # 868
KEETA_PAYS = 5216 + 5290 + 12939 + 14130 + 4773 + 16609  # 58957 = 69900 + 2400 − 1500 − 10975 − 868
PARTIAL_REFUNDS = 2300 + 3200  # 5500, both on counted orders: deducted
FULL_REFUNDS = 6400  # its order was cancelled by the refund: listed, not deducted again
NET_PAYOUT = KEETA_PAYS - PARTIAL_REFUNDS  # 53457
ZEEK_FEES = 2 * FEE_PER_ZEEK_DELIVERY  # 5000: two delivered; the one cancelled before pickup costs nothing
NET_AFTER_DELIVERY = NET_PAYOUT - ZEEK_FEES  # 48457
TIPS = 500 + 500  # 1000, the couriers' (delivery_a, delivery_c): never takings
CUSTOMER_DELIVERY_FEES = 1200 + 1200 + 1500  # 3900, Keeta's riders'
CUSTOMER_PLATFORM_FEES = 300 + 300 + 300  # 900, Keeta's


def _check_orders_against_the_hand_table(stack: Stack, ids: dict[str, int]) -> None:
    for name, oid in ids.items():
        order = stack.window.model.order(oid)
        assert order is not None
        m = order.money
        refunded = sum(r.amount.cents for r in order.refunds if r.status is RefundStatus.AGREED)
        facts = (
            order.status.value, m.items.cents, m.packaging.cents, m.merchant_discount.cents,
            m.platform_discount.cents, m.commission.cents if m.commission else None,
            m.bank_fee.cents if m.bank_fee else None, m.shop_payout.cents if m.shop_payout else None,
            m.tip.cents, m.delivery_fee.cents, m.platform_fee.cents, refunded,
        )  # fmt: skip
        assert facts == HAND[name], name


def _hkd(cents: int) -> str:
    return Money(cents).format()


def _check_screen(panel: object, report: Report) -> None:
    values = {key: label.text() for key, label in panel.report_view.values.items()}  # type: ignore[attr-defined]
    assert values["gross_food"] == _hkd(GROSS_FOOD) == "HK$699.00"
    assert values["packaging"] == _hkd(PACKAGING)
    assert values["shop_discounts"] == _hkd(-SHOP_DISCOUNTS)
    assert values["commission"] == _hkd(-COMMISSION)
    assert values["bank_fees"] == _hkd(-BANK_FEES)
    assert values["keeta_pays"] == _hkd(KEETA_PAYS) == "HK$589.57"
    assert values["full_refunds"].endswith(_hkd(FULL_REFUNDS)) and values["full_refunds"].startswith("1 · ")
    assert values["partial_refunds"].endswith(_hkd(PARTIAL_REFUNDS)) and values["partial_refunds"].startswith(
        "2 · "
    )
    assert values["refunds_deducted"] == _hkd(-PARTIAL_REFUNDS)
    assert values["net_payout"] == _hkd(NET_PAYOUT) == "HK$534.57"
    assert values["zeek_fees"] == f"2 · {_hkd(-ZEEK_FEES)}"
    assert values["net_after_delivery"] == _hkd(NET_AFTER_DELIVERY) == "HK$484.57"
    assert values["keeta_discounts"] == _hkd(KEETA_DISCOUNTS)
    assert values["tips"] == _hkd(TIPS)
    assert values["customer_delivery_fees"] == _hkd(CUSTOMER_DELIVERY_FEES)
    assert values["customer_platform_fees"] == _hkd(CUSTOMER_PLATFORM_FEES)
    assert values["orders"] == "8 (1 done, 2 cancelled)"
    assert not panel.report_view.warning.isVisible()  # type: ignore[attr-defined]


def _check_csv(path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    total = rows[-1]
    assert total["day"].startswith("total")
    expected = {
        "orders": "8", "completed": "1", "cancelled": "2", "gross_food_sales": "699.00",
        "packaging_fees": "24.00", "discounts_shop_funded": "15.00", "discounts_keeta_funded": "15.00",
        "commission": "109.75", "platform_service_fees": "0.00", "bank_fees": "8.68", "keeta_pays": "589.57",
        "full_refunds": "64.00", "full_refund_count": "1", "partial_refunds": "55.00",
        "partial_refund_count": "2", "refunds_deducted": "55.00", "net_payout": "534.57",
        "zeek_deliveries": "2", "zeek_delivery_fees": "50.00", "net_after_delivery": "484.57",
        "tips_for_couriers_not_takings": "10.00", "delivery_fees_paid_by_customers_not_takings": "39.00",
        "platform_fees_paid_by_customers_not_takings": "9.00", "currency": "HKD", "orders_to_check": "",
    }  # fmt: skip
    assert {key: total[key] for key in expected} == expected
    # The days add up to the total (the seeded orders are all on one of them).
    for key in ("gross_food_sales", "net_payout", "net_after_delivery", "zeek_delivery_fees"):
        assert sum(round(float(row[key]) * 100) for row in rows[:-1]) == round(float(total[key]) * 100)


async def test_seeded_day_ties_out_to_the_cent(env: Env, tmp_path: Path) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        ids = await _seeded_day(stack)
        _check_orders_against_the_hand_table(stack, ids)
        stack.services.settings = stack.services.settings.replace(
            zeek_fee_per_delivery_cents=FEE_PER_ZEEK_DELIVERY
        )
        panel = stack.window.history
        stack.window.tabs.setCurrentWidget(panel)
        today = local_day(int(stack.window.model.order(ids["delivery_a"]).placed_at))  # type: ignore[union-attr]
        # Yesterday too: the range never splits the seeded orders, even when the test runs at midnight.
        panel.set_range(today - timedelta(days=1), today)
        panel.refresh_totals()
        got = panel.report()
        assert (got.gross_food, got.packaging, got.shop_discounts, got.keeta_discounts) == (
            GROSS_FOOD,
            PACKAGING,
            SHOP_DISCOUNTS,
            KEETA_DISCOUNTS,
        )
        assert (got.commission, got.bank_fees, got.platform_service_fees, got.keeta_pays) == (
            COMMISSION,
            BANK_FEES,
            0,
            KEETA_PAYS,
        )
        assert (got.full_refunds, got.partial_refunds, got.refunds_deducted) == (
            FULL_REFUNDS,
            PARTIAL_REFUNDS,
            PARTIAL_REFUNDS,
        )
        assert (got.net_payout, got.zeek_fees, got.net_after_delivery) == (
            NET_PAYOUT,
            ZEEK_FEES,
            NET_AFTER_DELIVERY,
        )
        assert (got.tips, got.customer_delivery_fees, got.customer_platform_fees) == (
            TIPS,
            CUSTOMER_DELIVERY_FEES,
            CUSTOMER_PLATFORM_FEES,
        )
        _check_screen(panel, got)
        assert panel.export_to(tmp_path / "day.csv") == len(ids)
        _check_csv(tmp_path / "day.csv")
        slip = slip_text(report_slip(got, "Shop"))
        for cents in (GROSS_FOOD, KEETA_PAYS, NET_PAYOUT, NET_AFTER_DELIVERY, TIPS):
            assert _hkd(cents) in slip
        assert _hkd(-COMMISSION) in slip and _hkd(-ZEEK_FEES) in slip
