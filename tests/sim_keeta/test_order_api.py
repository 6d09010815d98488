"""The simulated Keeta Order API over real HTTP: envelope checks, transitions and business errors."""

from __future__ import annotations

import time

from posapp.keeta import codes
from posapp.keeta.codes import EventId
from posapp.keeta.signing import sign
from tests.sim_keeta.helpers import KeetaCaller, Receiver


async def test_confirm_pushes_1002_and_get_shows_confirmed(keeta: KeetaCaller, receiver: Receiver) -> None:
    order_id = await keeta.create("delivery")
    await receiver.wait_event(EventId.ORDER_PLACED, order_id)

    answer = await keeta.order("order/confirm", order_id)
    assert answer["code"] == codes.SUCCESS

    [accepted] = await receiver.wait_event(EventId.ORDER_ACCEPTED, order_id)
    assert accepted["status"] == 30 and accepted["shopId"] == keeta.config.shop_id
    got = await keeta.order("order/get", order_id)
    assert got["code"] == 0
    assert got["data"]["orderInfo"]["merchantOrder"]["status"] == 30
    assert got["data"]["orderInfo"]["baseOrder"]["orderViewId"] == order_id


async def test_confirm_twice_is_a_business_error(keeta: KeetaCaller) -> None:
    order_id = await keeta.create()
    assert (await keeta.order("order/confirm", order_id))["code"] == 0
    again = await keeta.order("order/confirm", order_id)
    assert again["code"] == codes.INVALID_STATE
    assert again["message"] == "order status is not in a valid state for confirm"


async def test_bad_signature_wrong_token_stale_timestamp_and_app_id(keeta: KeetaCaller) -> None:
    order_id = await keeta.create()
    fields = {"orderViewId": order_id, "shopId": keeta.config.shop_id}

    bad_sig = await keeta.call("order/confirm", fields, secret="not-the-secret")
    wrong_token = await keeta.call("order/confirm", fields, token="stolen-token")
    stale = await keeta.call("order/confirm", fields, timestamp=int(time.time()) - 301)
    wrong_app = await keeta.call("order/confirm", fields, app_id=99)

    assert bad_sig["code"] == codes.SIG_ERROR and bad_sig["code"] in codes.AUTH_RANGE
    assert wrong_token["code"] == codes.TOKEN_INVALID
    assert stale["code"] == codes.TIMESTAMP_EXPIRED
    assert wrong_app["code"] == codes.APP_ID_ERROR
    # None of them touched the order.
    assert (await keeta.view(order_id))["status"] == 10


async def test_signature_covers_the_url_that_was_called(keeta: KeetaCaller) -> None:
    order_id = await keeta.create()
    body = {
        "appId": keeta.config.app_id,
        "accessToken": keeta.token,
        "timestamp": int(time.time()),
        "orderViewId": order_id,
        "shopId": keeta.config.shop_id,
    }
    body["sig"] = sign("https://open.mykeeta.com/api/open/order/confirm", body, keeta.config.secret)
    answer = (await keeta.http.post(keeta.url("order/confirm"), json=body)).json()
    assert answer["code"] == codes.SIG_ERROR


async def test_unknown_order_and_wrong_shop(keeta: KeetaCaller) -> None:
    order_id = await keeta.create()
    unknown = await keeta.order("order/get", 123)
    wrong_shop = await keeta.call("order/get", {"orderViewId": order_id, "shopId": 1})
    assert unknown["code"] == codes.ORDER_NOT_FOUND
    assert wrong_shop["code"] == codes.PARAM_ERROR


async def test_prepare_needs_confirm_first(keeta: KeetaCaller) -> None:
    order_id = await keeta.create()
    early = await keeta.order("order/prepare", order_id)
    assert early["code"] == codes.INVALID_STATE
    await keeta.order("order/confirm", order_id)
    assert (await keeta.order("order/prepare", order_id))["code"] == 0
    assert (await keeta.view(order_id))["status"] == 35
    assert (await keeta.order("order/prepare", order_id))["code"] == codes.INVALID_STATE


async def test_cancel_reason_rules_and_merchant_cancel_push(keeta: KeetaCaller, receiver: Receiver) -> None:
    order_id = await keeta.create()
    missing = await keeta.order("order/cancel", order_id, cancelCode=500000, cancelReason="")
    out_of_range = await keeta.order("order/cancel", order_id, cancelCode=499999, cancelReason="x")
    assert missing["code"] == codes.PARAM_ERROR
    assert out_of_range["code"] == codes.PARAM_ERROR

    assert (await keeta.order("order/cancel", order_id, cancelCode=500001, cancelReason=""))["code"] == 0
    [cancelled] = await receiver.wait_event(EventId.ORDER_CANCELLED, order_id)
    assert cancelled["status"] == 50 and cancelled["opType"] == 20
    again = await keeta.order("order/cancel", order_id, cancelCode=500000, cancelReason="twice")
    assert again["code"] == codes.INVALID_STATE


async def test_collect_only_for_ready_pickup_orders(keeta: KeetaCaller, receiver: Receiver) -> None:
    delivery = await keeta.create("delivery")
    await keeta.order("order/confirm", delivery)
    await keeta.order("order/prepare", delivery)
    assert (await keeta.order("order/collect", delivery))["code"] == codes.PARAM_ERROR

    pickup = await keeta.create("pickup")
    await keeta.order("order/confirm", pickup)
    assert (await keeta.order("order/collect", pickup))["code"] == codes.INVALID_STATE
    await keeta.order("order/prepare", pickup)
    assert (await keeta.order("order/collect", pickup))["code"] == 0
    [completed] = await receiver.wait_event(EventId.ORDER_COMPLETED, pickup)
    assert completed["status"] == 40
    assert (await keeta.view(pickup))["status"] == 40


async def test_agree_and_reject_need_a_pending_refund(keeta: KeetaCaller) -> None:
    order_id = await keeta.create()
    await keeta.order("order/confirm", order_id)
    assert (await keeta.order("order/agree", order_id))["code"] == codes.REFUND_NOT_PENDING
    no_pending = await keeta.order("order/reject", order_id, rejectCode=100001, rejectReason="")
    assert no_pending["code"] == codes.REFUND_NOT_PENDING


async def test_agreeing_a_full_refund_cancels_the_order(keeta: KeetaCaller, receiver: Receiver) -> None:
    order_id = await keeta.create()
    await keeta.order("order/confirm", order_id)
    after_sale = await keeta.refund_request(order_id, partial=False)
    [requested] = await receiver.wait_event(EventId.REFUND, order_id)
    assert requested["status"] == 2001 and requested["afterSaleOrderId"] == after_sale
    assert isinstance(requested["pictures"], str) and requested["pictures"].startswith("[")
    assert requested["applyOpType"] == 10

    assert (await keeta.order("order/agree", order_id))["code"] == 0
    updates = await receiver.wait_event(EventId.REFUND, order_id, count=2)
    assert updates[-1]["status"] == codes.RefundCode.FULL_AGREED
    [cancelled] = await receiver.wait_event(EventId.ORDER_CANCELLED, order_id)
    assert cancelled["status"] == 50
    assert (await keeta.order("order/agree", order_id))["code"] == codes.REFUND_NOT_PENDING


async def test_reject_needs_a_reason_for_other(keeta: KeetaCaller, receiver: Receiver) -> None:
    order_id = await keeta.create()
    await keeta.order("order/confirm", order_id)
    await keeta.refund_request(order_id, partial=True)
    [requested] = await receiver.wait_event(EventId.PARTIAL_REFUND, order_id)
    assert requested["status"] == 5001 and requested["refundProducts"]

    missing = await keeta.order("order/reject", order_id, rejectCode=100000, rejectReason=" ")
    assert missing["code"] == codes.PARAM_ERROR
    bad_code = await keeta.order("order/reject", order_id, rejectCode=100003, rejectReason="x")
    assert bad_code["code"] == codes.PARAM_ERROR
    ok = await keeta.order(
        "order/reject", order_id, rejectCode=100000, rejectReason="Food was fine 食物冇問題"
    )
    assert ok["code"] == 0
    updates = await receiver.wait_event(EventId.PARTIAL_REFUND, order_id, count=2)
    assert updates[-1]["status"] == codes.RefundCode.PARTIAL_REJECTED
    assert updates[-1]["handleReason"] == "Food was fine 食物冇問題"
    assert (await keeta.view(order_id))["status"] == 30


async def test_oauth_refresh_rotates_tokens(keeta: KeetaCaller) -> None:
    order_id = await keeta.create()
    fields = {"grantType": "refresh_token", "refreshToken": keeta.config.refresh_token}
    fresh = await keeta.call("base/oauth/token", fields, with_token=False)
    assert fresh["tokenType"] == "bearer" and fresh["expiresIn"] == 7_776_000 and fresh["scope"] == "all"
    assert fresh["refreshToken"] != keeta.config.refresh_token
    assert fresh["issuedAtTime"] > 10**12  # milliseconds

    reused = await keeta.call("base/oauth/token", fields, with_token=False)
    assert reused["code"] == codes.REFRESH_TOKEN_INVALID

    keeta.token = fresh["accessToken"]
    assert (await keeta.order("order/get", order_id))["code"] == 0
    old = await keeta.call("order/get", {"orderViewId": order_id, "shopId": keeta.config.shop_id},
                           token=keeta.config.token)  # fmt: skip
    assert old["code"] == 0, "the old token keeps working for a while"
    await keeta.advance(3601)
    expired = await keeta.call("order/get", {"orderViewId": order_id, "shopId": keeta.config.shop_id},
                               token=keeta.config.token)  # fmt: skip
    assert expired["code"] == codes.TOKEN_INVALID
    assert (await keeta.order("order/get", order_id))["code"] == 0
