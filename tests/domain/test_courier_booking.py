"""The delivery mode decides whether a Zeek courier may be booked for a Keeta order."""

from __future__ import annotations

import dataclasses

import pytest

from posapp.domain.courier_booking import (
    CANCELLED,
    KEETA_DRONE,
    KEETA_RIDER,
    NOT_KNOWN_YET,
    PICKUP,
    courier_booking,
    is_self_delivery,
)
from posapp.domain.order import Courier, Fulfilment, Order, OrderStatus
from posapp.keeta.order_parser import parse_order
from tests.conftest import load_fixture


def _order(mode: str = "9001", status: OrderStatus = OrderStatus.ACCEPTED) -> Order:
    raw = load_fixture("keeta/order_info_delivery.json")
    raw["merchantOrderDeliveries"][0]["deliveryMode"] = mode
    return dataclasses.replace(parse_order(raw), status=status)


def test_a_self_delivery_order_may_be_booked() -> None:
    order = _order("9001")
    assert is_self_delivery(order) and courier_booking(order)


@pytest.mark.parametrize(("mode", "reason"), [("1001", KEETA_RIDER), ("1098", KEETA_DRONE)])
def test_orders_keeta_carries_are_refused_with_the_reason(mode: str, reason: str) -> None:
    verdict = courier_booking(_order(mode))
    assert not verdict and verdict.reason == reason
    assert not is_self_delivery(_order(mode))


def test_pickup_unknown_and_cancelled_orders_are_refused() -> None:
    pickup = dataclasses.replace(_order(), fulfilment=Fulfilment.PICKUP)
    unknown = dataclasses.replace(_order(), courier_kind=Courier.NONE)
    cancelled = _order(status=OrderStatus.CANCELLED)
    assert [courier_booking(o).reason for o in (pickup, unknown, cancelled)] == [
        PICKUP,
        NOT_KNOWN_YET,
        CANCELLED,
    ]
