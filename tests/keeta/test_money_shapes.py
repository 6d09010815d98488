"""Money facts survive every shape Keeta is known to send (issue 13.7): one fixture and test per shape.

The fixtures under ``fixtures/keeta/shapes`` are the canonical order (``order_info_delivery.json``:
food 116.00, delivery 12.00, platform fee 3.00, discount 10.00 split 5.00 shop / 5.00 Keeta, tip 5.00,
paid 126.00; commission 29.00, Keeta pays the shop 82.00) with one part written the other way.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import peewee
import pytest

from posapp.domain.events import OrderPlaced
from posapp.domain.money import Money
from posapp.domain.refund import RefundKind, RefundStatus
from posapp.keeta.order_parser import parse_order
from posapp.keeta.webhooks import parse_webhook
from posapp.store import orders
from posapp.store.db import open_database
from posapp.store.ingest import ingest
from tests.conftest import load_fixture

SHOP = 880001


def shape(name: str) -> dict[str, Any]:
    data: dict[str, Any] = load_fixture(f"keeta/shapes/{name}.json")
    return data


def hkd(cents: int) -> Money:
    return Money(cents, "HKD")


def push(message: Any, *, message_id: str = "m-1", event_id: int = 1001) -> bytes:
    envelope = {"eventId": event_id, "messageId": message_id, "shopId": SHOP, "timestamp": 1764057601}
    envelope["message"] = json.dumps(message, ensure_ascii=False)
    return json.dumps(envelope).encode("utf-8")


@pytest.fixture
def db(tmp_path: Path) -> Any:
    database = open_database(tmp_path / "cache.sqlite3")
    yield database
    database.close()


def test_canonical_order_has_every_fact() -> None:
    money = parse_order(load_fixture("keeta/order_info_delivery.json")).money
    assert (money.items, money.delivery_fee, money.platform_fee, money.tip) == (
        hkd(11600),
        hkd(1200),
        hkd(300),
        hkd(500),
    )
    assert (money.discounts, money.merchant_discount, money.platform_discount) == (
        hkd(1000),
        hkd(500),
        hkd(500),
    )
    assert (money.total_paid, money.commission, money.merchant_receivable) == (
        hkd(12600),
        hkd(2900),
        hkd(8200),
    )
    assert money.bank_fee == hkd(0) and money.platform_service_fee == hkd(0) and money.packaging == hkd(0)
    assert money.shop_payout == hkd(8200) and not money.unknown


def test_addon_prices_in_unit_price() -> None:
    order = parse_order(shape("addon_unit_price"))
    wonton = order.lines[0]
    assert wonton.options[0].price == hkd(300)
    # No priceWithGroup: the line is its price plus its add-ons, per item, times the count.
    assert wonton.unit_price == hkd(4200 + 300) and wonton.total == hkd(9000)
    assert order.money.items == hkd(11600)


def test_refund_rows_keyed_by_id_without_after_sale_order_id() -> None:
    order = parse_order(shape("refund_infos_by_id"))
    partial, full = order.refunds
    assert partial.after_sale_order_id == 660011 and partial.kind is RefundKind.PARTIAL
    assert partial.amount == hkd(4500) and not partial.amount_unknown
    assert partial.status is RefundStatus.AGREED
    assert partial.pictures == ("https://img.example.hk/r/660011-1.jpg",)  # from the commonExt JSON text
    assert [(i.line_id, i.count, i.amount) for i in partial.items] == [(9001001, 1, hkd(4500))]
    assert partial.requested_at == 1764058800
    assert full.after_sale_order_id == 660012 and full.kind is RefundKind.FULL
    assert full.amount == hkd(12600) and full.status is RefundStatus.PENDING


def test_merchant_fee_with_basic_commission_and_distance_fee() -> None:
    money = parse_order(shape("merchant_fee_earnings")).money
    assert money.commission == hkd(2500 + 400)
    assert money.merchant_receivable == hkd(8200) and money.shop_payout == hkd(8200)
    assert money.merchant_discount == hkd(500) and not money.unknown


def test_merchant_fee_with_commission_and_earnings() -> None:
    money = parse_order(shape("merchant_fee_commission")).money
    assert money.commission == hkd(2900) and money.merchant_receivable == hkd(8200)


def test_fees_as_a_fee_dtls_array() -> None:
    money = parse_order(shape("fee_dtls")).money
    assert (money.items, money.packaging, money.delivery_fee) == (hkd(11600), hkd(200), hkd(1200))
    assert (money.platform_fee, money.tip, money.discounts) == (hkd(300), hkd(500), hkd(1000))
    assert (money.total_paid, money.commission, money.bank_fee) == (hkd(12800), hkd(2900), hkd(180))
    # No merchant total was sent: the payout is food + packaging − the shop's discount − commission − fees.
    assert money.merchant_discount == hkd(500)
    assert money.shop_payout == hkd(11600 + 200 - 500 - 2900 - 180)


def test_merchant_order_without_shop_id_takes_the_envelopes() -> None:
    event = parse_webhook(push({"orderInfo": shape("no_merchant_shop_id")}))
    assert isinstance(event, OrderPlaced) and event.order.shop_id == SHOP


@pytest.mark.parametrize("wrapped", [True, False])
def test_order_with_or_without_the_order_info_wrapper(wrapped: bool) -> None:
    info = load_fixture("keeta/order_info_delivery.json")
    event = parse_webhook(push({"orderInfo": info} if wrapped else info))
    assert isinstance(event, OrderPlaced)
    assert event.order == parse_order(info)


def test_unreadable_money_is_unknown_not_a_wrong_number(db: peewee.SqliteDatabase) -> None:
    order = parse_order(shape("unreadable_money"))
    assert order.money.unknown == {"total_paid", "commission"}
    assert order.money.commission is None and order.money.shop_payout == hkd(8200)  # Keeta's own total
    ingest(parse_webhook(push({"orderInfo": shape("unreadable_money")})), "{}", 1764057602)
    assert orders.get_order(order.order_view_id).money.unknown == {"total_paid", "commission"}


def test_a_later_push_never_erases_earlier_money_facts(db: peewee.SqliteDatabase) -> None:
    ingest(
        parse_webhook(push({"orderInfo": load_fixture("keeta/order_info_delivery.json")})), "{}", 1764057602
    )
    later = load_fixture("keeta/order_info_delivery.json")
    del later["feeDtl"]["merchantFee"]  # an order/get or re-push without the merchant side
    later["feeDtl"]["customerFee"]["payTotal"] = "n/a"
    ingest(parse_webhook(push({"orderInfo": later}, message_id="m-2")), "{}", 1764057700)
    money = orders.get_order(756823555555859).money
    assert (money.commission, money.merchant_receivable, money.total_paid) == (
        hkd(2900),
        hkd(8200),
        hkd(12600),
    )
    assert not money.unknown


def test_agreed_refund_with_empty_pictures_keeps_the_customers_photos(db: peewee.SqliteDatabase) -> None:
    ingest(
        parse_webhook(push({"orderInfo": load_fixture("keeta/order_info_delivery.json")})), "{}", 1764057602
    )
    asked = {
        "orderViewId": 756823555555859, "afterSaleOrderId": 9100, "status": 2001, "money": 2800,
        "applyReason": "食物灑瀉 Food spilled", "opTime": 1764057700000,
        "pictures": json.dumps(["https://img.example.hk/a.jpg", "https://img.example.hk/b.jpg"]),
    }  # fmt: skip
    agreed = {"orderViewId": 756823555555859, "afterSaleOrderId": 9100, "status": 2002, "money": "?",
              "pictures": "", "applyReason": "", "opTime": 1764057800000, "handleOpType": 20}  # fmt: skip
    ingest(parse_webhook(push(asked, message_id="r-1", event_id=1005)), "{}", 1764057701)
    ingest(parse_webhook(push(agreed, message_id="r-2", event_id=1005)), "{}", 1764057801)
    refund = orders.get_order(756823555555859).refunds[0]
    assert refund.status is RefundStatus.AGREED
    assert refund.pictures == ("https://img.example.hk/a.jpg", "https://img.example.hk/b.jpg")
    assert refund.reason == "食物灑瀉 Food spilled"
    assert refund.amount == hkd(2800) and not refund.amount_unknown


def test_refund_amount_that_cannot_be_read_is_unknown() -> None:
    body = {"orderViewId": 1, "afterSaleOrderId": 2, "status": 10, "money": 1e20}
    event = parse_webhook(push(body, event_id=1005))
    assert event.refund.amount_unknown  # type: ignore[union-attr]
