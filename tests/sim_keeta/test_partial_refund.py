"""Merchant partial refunds: preview arithmetic, apply validation, and the recorded result."""

from __future__ import annotations

from typing import Any

from posapp.keeta import codes
from posapp.keeta.codes import EventId
from tests.sim_keeta.helpers import KeetaCaller, Receiver


async def _confirmed_order(keeta: KeetaCaller) -> tuple[int, list[dict[str, Any]]]:
    order_id = await keeta.create("delivery")
    await keeta.order("order/confirm", order_id)
    info = (await keeta.order("order/get", order_id))["data"]["orderInfo"]
    return order_id, info["products"]


async def test_preview_without_products_lists_everything_at_zero(keeta: KeetaCaller) -> None:
    order_id, lines = await _confirmed_order(keeta)
    preview = await keeta.order("order/refund/part/products/preview", order_id, products=[])
    assert preview["code"] == 0
    listed = preview["data"]["products"]
    assert [p["id"] for p in listed] == [line["id"] for line in lines]
    assert all(p["refundAmount"] == 0 and p["refundableCount"] == p["count"] for p in listed)


async def test_preview_amount_is_unit_price_with_options_times_count(keeta: KeetaCaller) -> None:
    order_id, lines = await _confirmed_order(keeta)
    line = lines[0]
    preview = await keeta.order(
        "order/refund/part/products/preview", order_id,
        products=[{"orderProductId": line["id"], "refundCount": 1}],
    )  # fmt: skip
    option_cents = sum(o["price"] * o["count"] for g in line["groups"] for o in g["shopProductGroupSkuList"])
    expected = line["price"] + option_cents
    [row] = [p for p in preview["data"]["products"] if p["id"] == line["id"]]
    assert row["refundAmount"] == expected == line["priceWithGroup"]["unitPrice"]
    assert preview["data"]["totalRefundAmount"] == expected


async def test_apply_validates_then_records_the_refund(keeta: KeetaCaller, receiver: Receiver) -> None:
    order_id, lines = await _confirmed_order(keeta)
    line = lines[0]
    too_many = [{"orderProductId": line["id"], "refundCount": line["count"] + 1}]
    all_of_it = [{"orderProductId": line["id"], "refundCount": line["count"]}]

    exceeded = await keeta.order(
        "order/refund/part/apply", order_id, products=too_many, partRefundType=200002
    )
    no_reason = await keeta.order(
        "order/refund/part/apply", order_id, products=all_of_it, partRefundType=200000, partRefundReason=""
    )
    bad_type = await keeta.order(
        "order/refund/part/apply", order_id, products=all_of_it, partRefundType=200005
    )
    unknown_line = await keeta.order(
        "order/refund/part/apply", order_id,
        products=[{"orderProductId": 1, "refundCount": 1}], partRefundType=200002,
    )  # fmt: skip
    assert exceeded["code"] == codes.REFUND_COUNT_EXCEEDED
    assert no_reason["code"] == codes.PARAM_ERROR
    assert bad_type["code"] == codes.PARAM_ERROR
    assert unknown_line["code"] == codes.PARAM_ERROR

    applied = await keeta.order(
        "order/refund/part/apply", order_id, products=all_of_it, partRefundType=200002
    )
    assert applied["code"] == 0
    assert applied["data"]["refundAmount"] == line["priceWithGroup"]["amount"]

    info = (await keeta.order("order/get", order_id))["data"]["orderInfo"]
    [refund] = info["refundInfos"]
    assert refund["afterSaleOrderId"] == applied["data"]["afterSaleOrderId"]
    assert refund["refundProducts"][0]["count"] == line["count"]
    view = await keeta.view(order_id)
    assert view["refundedCounts"] == {str(line["id"]): line["count"]}
    [pushed] = await receiver.wait_event(EventId.PARTIAL_REFUND, order_id)
    assert pushed["status"] == codes.RefundCode.PARTIAL_AGREED and pushed["applyOpType"] == 20

    # Already refunded in full: one more is more than was bought minus refunded.
    again = await keeta.order(
        "order/refund/part/apply", order_id,
        products=[{"orderProductId": line["id"], "refundCount": 1}], partRefundType=200003,
    )  # fmt: skip
    assert again["code"] == codes.REFUND_COUNT_EXCEEDED


async def test_partial_refund_refused_before_confirm(keeta: KeetaCaller) -> None:
    order_id = await keeta.create()
    info = (await keeta.order("order/get", order_id))["data"]["orderInfo"]
    products = [{"orderProductId": info["products"][0]["id"], "refundCount": 1}]
    answer = await keeta.order("order/refund/part/apply", order_id, products=products, partRefundType=200001)
    assert answer["code"] == codes.INVALID_STATE


async def test_agreed_customer_partial_refund_counts_against_the_merchant_refund(
    keeta: KeetaCaller, receiver: Receiver
) -> None:
    order_id, _ = await _confirmed_order(keeta)
    await keeta.refund_request(order_id, partial=True)
    [requested] = await receiver.wait_event(EventId.PARTIAL_REFUND, order_id)
    assert requested["money"] == sum(p["refundPrice"] for p in requested["refundProducts"])
    assert (await keeta.order("order/agree", order_id))["code"] == 0

    first = requested["refundProducts"][0]
    preview = await keeta.order("order/refund/part/products/preview", order_id, products=[])
    [row] = [p for p in preview["data"]["products"] if p["id"] == first["id"]]
    assert row["refundableCount"] == row["count"] - first["count"]
