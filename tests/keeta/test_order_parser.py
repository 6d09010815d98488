"""orderInfo (keeta.md §4) and refund bodies (§7.1) → domain objects."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from posapp.domain.money import Money
from posapp.domain.order import Courier, CourierStatus, Fulfilment, OrderStatus
from posapp.domain.refund import Actor, RefundKind, RefundStatus
from posapp.keeta.order_parser import parse_order, parse_refund, parse_refund_preview
from posapp.keeta.payload import KeetaPayloadError
from tests.conftest import load_fixture


@pytest.fixture
def info() -> dict[str, Any]:
    data: dict[str, Any] = load_fixture("keeta/order_info_delivery.json")
    return data


def test_canonical_order_identity_and_status(info: dict[str, Any]) -> None:
    order = parse_order(info)
    assert order.order_view_id == 756823555555859
    assert order.shop_id == 880001
    assert order.seq_no == "#58"
    assert order.status is OrderStatus.NEW
    assert order.shop_name == "Sheung Wan Noodle House 上環麵家"
    assert order.fulfilment is Fulfilment.DELIVERY
    assert order.courier_kind is Courier.KEETA
    assert order.courier.status is CourierStatus.CREATED


def test_canonical_order_times_are_epoch_seconds(info: dict[str, Any]) -> None:
    order = parse_order(info)
    assert order.placed_at == 1764057600
    assert order.delivery_eta == 1764059400
    assert order.ready_eta is None  # 0 in the payload means "not given"
    assert order.confirm_deadline == 1764057600 + 300


def test_canonical_order_lines_options_and_remarks(info: dict[str, Any]) -> None:
    noodles, tea = parse_order(info).lines
    assert (noodles.line_id, noodles.count, noodles.spu_id, noodles.sku_id) == (9001001, 2, 3001, 4001)
    assert noodles.name == "Wonton Noodles in Soup" and noodles.name_zh == "鮮蝦雲吞麵"
    assert noodles.spec == "Large"
    assert noodles.remark == "走葱 No spring onion"
    assert noodles.item_code == "NOODLE-WT"
    assert noodles.unit_price == Money(4500) and noodles.total == Money(9000)
    (wonton,) = noodles.options
    assert (wonton.name, wonton.name_zh, wonton.group) == ("Extra wonton", "加雲吞", "Add-ons 加配")
    assert wonton.count == 1 and wonton.price == Money(300)
    assert [o.name_zh for o in tea.options] == ["少甜", "少冰"]
    assert tea.remark == ""


def test_canonical_order_money_keeps_tip_apart(info: dict[str, Any]) -> None:
    money = parse_order(info).money
    assert money.items == Money(11600)
    assert money.delivery_fee == Money(1200) and money.platform_fee == Money(300)
    assert money.discounts == Money(1000)
    assert money.tip == Money(500)
    assert money.total_paid == Money(12600)
    assert money.merchant_receivable == Money(8200) and money.commission == Money(2900)
    assert money.items.currency == "HKD"


def test_canonical_order_customer_stays_encrypted(info: dict[str, Any]) -> None:
    order = parse_order(info)
    assert order.customer.name == "ENC_9f8a7b6c5d"
    assert order.customer.phone == "ENC_1a2b3c4d5e"
    assert order.customer.encrypted
    assert order.customer.latitude == pytest.approx(22.2855)
    assert order.cutlery is True
    assert order.remark == "請按門鐘 Please ring the bell"
    assert order.pay_type == "Apple Pay"


def test_pickup_order_has_no_courier(info: dict[str, Any]) -> None:
    info["merchantOrder"]["userGetMode"] = "pickup"
    info["baseOrder"]["estimatedDiningReadyUrgeTime"] = 1764058500000
    order = parse_order(info)
    assert order.fulfilment is Fulfilment.PICKUP
    assert order.courier_kind is Courier.NONE
    assert order.ready_eta == 1764058500


@pytest.mark.parametrize(("mode", "courier"), [("9001", Courier.MERCHANT), ("1098", Courier.DRONE)])
def test_delivery_mode_selects_courier(info: dict[str, Any], mode: str, courier: Courier) -> None:
    info["merchantOrderDeliveries"][0]["deliveryMode"] = mode
    assert parse_order(info).courier_kind is courier


@pytest.mark.parametrize(
    ("code", "status"),
    [
        (30, OrderStatus.ACCEPTED),
        (20, OrderStatus.ACCEPTED),
        (35, OrderStatus.READY),
        (50, OrderStatus.CANCELLED),
        (77, OrderStatus.NEW),
    ],
)
def test_status_codes(info: dict[str, Any], code: int, status: OrderStatus) -> None:
    info["merchantOrder"]["status"] = code
    assert parse_order(info).status is status


def test_big_order_reads_products_from_sub_orders(info: dict[str, Any]) -> None:
    products = info["products"]
    info.update(
        bigOrderTag=True,
        products=[],
        subOrderInfoList=[{"products": products[:1]}, {"products": products[1:]}],
    )
    assert [line.line_id for line in parse_order(info).lines] == [9001001, 9001002]


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda i: i["baseOrder"].clear() or i["merchantOrder"].pop("orderViewId"), "baseOrder.orderViewId"),
        (lambda i: i["merchantOrder"].pop("shopId"), "merchantOrder.shopId"),
        (lambda i: i.pop("products"), "products"),
        (lambda i: i.update(products=[]), "products"),
        (lambda i: i["merchantOrder"].update(shopId="eight"), "merchantOrder.shopId"),
    ],
)
def test_required_fields_are_strict(info: dict[str, Any], mutate: Any, field: str) -> None:
    mutate(info)
    with pytest.raises(KeetaPayloadError) as caught:
        parse_order(info, "message")
    assert caught.value.field == f"message.{field}"
    assert str(caught.value).startswith(f"message.{field}: ")


def test_optional_fields_are_lenient(info: dict[str, Any]) -> None:
    for key in ("feeDtl", "recipientInfo", "merchantOrderDeliveries", "refundInfos", "deliveryInfos"):
        info.pop(key)
    info["baseOrder"]["chooseTableware"] = "yes"  # wrong type: ignored, not fatal
    info["products"][0]["groups"] = "broken"
    order = parse_order(info)
    assert order.cutlery is False
    assert order.lines[0].options == ()
    assert order.money.items == Money(11600)  # summed from the lines
    assert order.money.merchant_receivable is None
    assert order.courier_kind is Courier.KEETA


def test_string_ids_are_accepted(info: dict[str, Any]) -> None:
    info["baseOrder"] = {"orderViewIdStr": "756823555555859"}
    info["merchantOrder"]["shopId"] = "880001"
    order = parse_order(info)
    assert (order.order_view_id, order.shop_id) == (756823555555859, 880001)


def test_refund_infos_on_the_order(info: dict[str, Any]) -> None:
    info["refundInfos"] = [
        {"afterSaleOrderId": 42, "status": 2001, "money": 2800, "currency": "HKD", "opTime": 1764058000000},
        {"afterSaleOrderId": "not-a-number"},
    ]
    (refund,) = parse_order(info).refunds
    assert refund.order_view_id == 756823555555859
    assert refund.kind is RefundKind.FULL and refund.is_pending


def refund_body(**extra: Any) -> dict[str, Any]:
    body = {
        "orderViewId": 756823555555859,
        "shopId": 880001,
        "status": 2001,
        "afterSaleOrderId": 99001,
        "isAppeal": 0,
        "pictures": json.dumps(["https://img.example/1.jpg", "https://img.example/2.jpg"]),
        "money": 2800,
        "currency": "HKD",
        "applyOpType": 10,
        "applyReason": "Food spilled",
        "handleOpType": 20,
        "handleReason": "Merchant agree refund",
        "opTime": 1764058000000,
    }
    body.update(extra)
    return body


def test_full_refund_request() -> None:
    refund = parse_refund(refund_body(), partial=False)
    assert refund.after_sale_order_id == 99001
    assert refund.status is RefundStatus.PENDING and refund.platform_status == 2001
    assert refund.amount == Money(2800, "HKD")
    assert refund.pictures == ("https://img.example/1.jpg", "https://img.example/2.jpg")
    assert refund.requested_by is Actor.CUSTOMER
    assert refund.handled_by is None  # a fresh request has no decision yet
    assert refund.requested_at == 1764058000
    assert refund.reason == "Food spilled"


def test_decided_partial_refund_with_products() -> None:
    products = [
        {
            "spuId": 3001,
            "skuId": 4001,
            "count": 1,
            "name": "Wonton Noodles",
            "refundPrice": 4500,
            "id": 9001001,
        }
    ]
    refund = parse_refund(refund_body(status=5002, refundProducts=products, isAppeal=1), partial=True)
    assert refund.kind is RefundKind.PARTIAL and refund.status is RefundStatus.AGREED
    assert refund.handled_by is Actor.MERCHANT and refund.handle_reason == "Merchant agree refund"
    (item,) = refund.items
    assert (item.spu_id, item.count, item.line_id, item.amount) == (3001, 1, 9001001, Money(4500))
    assert refund.is_appeal


@pytest.mark.parametrize("pictures", ["", "not json", "{}", None, '["ok", 3]'])
def test_odd_pictures_never_fail(pictures: Any) -> None:
    refund = parse_refund(refund_body(pictures=pictures), partial=False)
    assert all(isinstance(p, str) for p in refund.pictures)


def test_refund_without_after_sale_id_names_the_field() -> None:
    body = refund_body()
    del body["afterSaleOrderId"]
    with pytest.raises(KeetaPayloadError, match=r"^message\.afterSaleOrderId: missing$"):
        parse_refund(body, partial=False, path="message")


def test_preview_with_stand_in_fields() -> None:
    data = {
        "products": [
            {
                "id": 9001001,
                "spuId": 3001,
                "skuId": 4001,
                "count": 2,
                "name": "Noodles",
                "refundableCount": 1,
                "refundAmount": 4500,
            }
        ],
        "totalRefundAmount": 4500,
    }
    preview = parse_refund_preview(data)
    (line,) = preview.lines
    assert (line.line_id, line.count_bought, line.refundable_count, line.amount) == (
        9001001,
        2,
        1,
        Money(4500),
    )
    assert preview.total == Money(4500)


def test_preview_defaults_when_only_documented_fields() -> None:
    preview = parse_refund_preview({"products": [{"id": 1, "spuId": 2, "skuId": 3, "count": 4}]})
    (line,) = preview.lines
    assert line.refundable_count == 4 and line.amount == Money(0)
    assert preview.total == Money(0)


def test_parsing_does_not_modify_its_input(info: dict[str, Any]) -> None:
    info["refundInfos"] = [{"afterSaleOrderId": 42, "status": 2001}]
    before = copy.deepcopy(info)
    parse_order(info)
    assert info == before
