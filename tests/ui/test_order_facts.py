"""What a cashier needs is on screen: who cancelled and why, the payment type, Keeta's delivery time,
customer service's refund decisions, the courier's phone and sub-order, the Zeek booking with its
requested times, distances, page and cancel reason in words."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from posapp.domain.delivery import Cancellation, CancelReason, DeliveryBooking, DeliveryStatus, Partner
from posapp.domain.order import CourierInfo, CourierStatus, OrderStatus
from posapp.domain.refund import Actor, RefundStatus
from posapp.ui import order_facts
from posapp.ui.i18n import LanguageSwitcher
from posapp.ui.timefmt import local_hm
from tests.store import factories as f
from tests.ui.conftest import Env
from tests.ui.harness import open_stack, until


async def test_a_customer_cancellation_says_who_and_why(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        order = await stack.new_order("delivery")
        url = f"{stack.sim.base_url}/sim/keeta/orders/{order.order_view_id}/customer-cancel"
        (await stack.http.post(url)).raise_for_status()
        await until(lambda: _status(stack, order.order_view_id) is OrderStatus.CANCELLED)

        cancelled = stack.window.model.order(order.order_view_id)
        assert cancelled is not None and cancelled.cancelled_by is Actor.CUSTOMER
        board = stack.window.board
        board.select(order.order_view_id)
        text = board.detail.body.toPlainText()
        assert "Cancelled by the customer" in text and "Customer cancelled" in text
        info = (await stack.sim_view(order.order_view_id))["orderInfo"]["baseOrder"]
        assert info["payTypeDesc"] in text  # the payment type
        assert local_hm(info["deliveryTime"] // 1000) in text and "Keeta expects delivery by" in text


def test_customer_service_decisions_and_appeals_are_shown(qapp: QApplication) -> None:
    decided = dataclasses.replace(
        f.refund(RefundStatus.AGREED, after_sale_order_id=1),
        handled_by=Actor.CUSTOMER_SERVICE,
        handle_reason="Food arrived cold",
        is_appeal=True,
    )
    rejected = f.refund(RefundStatus.REJECTED, after_sale_order_id=2)
    by_shop = dataclasses.replace(rejected, handled_by=Actor.MERCHANT)
    order = f.order(status=OrderStatus.ACCEPTED, refunds=(decided, by_shop))

    rows = dict(order_facts.order_rows(order))

    (label,) = [k for k in rows if "appealed" in k]
    assert rows[label] == "Agreed by Keeta customer service: Food arrived cold"
    assert not any("Rejected" in v for v in rows.values())  # the shop's own answer is no news


def test_the_courier_phone_and_sub_order_are_shown(qapp: QApplication) -> None:
    courier = CourierInfo(CourierStatus.ASSIGNED, "陳大文", "+852 9123 4567", f.PLACED_AT + 60, "SUB-2")
    rows = dict(order_facts.order_rows(f.order(status=OrderStatus.ACCEPTED, courier=courier)))
    assert rows["Courier"] == "陳大文 · +852 9123 4567"
    assert rows["Delivery part (big order)"] == "SUB-2"


def test_a_zeek_booking_shows_times_distances_page_and_cancel_words(qapp: QApplication) -> None:
    booking = DeliveryBooking(
        client_order_id="POS-1",
        pickup_code="2468",
        order_id="Z-1",
        status=DeliveryStatus.CANCELLED_BEFORE_PICKUP,
        status_code=9025,
        status_at=f.PLACED_AT + 900,
        cancellation=Cancellation(CancelReason.ASSIGN_TIMEOUT, "7001"),
        partner=Partner("Ah Keung", "+852 6000 0000"),
        requested_pickup_time=f.PLACED_AT + 1200,
        requested_delivery_time=f.PLACED_AT + 2400,
        order_url="https://zeek.example/track/Z-1",
        direct_distance_m=1800,
        travel_distance_m=2600,
    )
    rows = dict(order_facts.booking_rows(booking))

    assert rows["Zeek"].startswith("Cancelled before pickup: no partner took it in time")
    assert "7001" not in " ".join(rows.values()) and "9025" not in " ".join(rows.values())
    assert rows["Pickup code"] == "2468" and rows["Partner"] == "Ah Keung · +852 6000 0000"
    assert rows["Pickup asked for"] == local_hm(f.PLACED_AT + 1200)
    assert rows["Delivery asked for"] == local_hm(f.PLACED_AT + 2400)
    assert rows["Distance"] == "2.6 km by road (1.8 km direct)"
    assert rows["Zeek's page"] == "https://zeek.example/track/Z-1"


def _status(stack: object, order_view_id: int) -> OrderStatus | None:
    order = stack.window.model.order(order_view_id)  # type: ignore[attr-defined]
    return None if order is None else order.status


def test_the_payment_type_is_in_words_in_both_languages_and_unknown_ones_as_given(qapp: QApplication) -> None:
    def payment(pay_type: str) -> str:
        order = dataclasses.replace(f.order(status=OrderStatus.ACCEPTED), pay_type=pay_type)
        return dict(order_facts.order_rows(order))[QCoreApplication.translate("OrderFacts", "Payment")]

    switcher = LanguageSwitcher(qapp)
    # payTypeDesc as Keeta's push gives it, and the bare payType code when the description is missing.
    assert payment("Credit Card") == "Credit Card" and payment("octopus") == "Octopus"
    try:
        assert switcher.switch("zh_HK")
        assert payment("Credit Card") == payment("card") == "信用卡"
        assert payment("octopus") == "八達通" and payment("AlipayHK") == "支付寶香港"
        assert payment("FPS 轉數快") == "FPS 轉數快"  # not in the list: exactly what Keeta sent
    finally:
        switcher.switch("en")
