"""Webhook envelopes (keeta.md §3) → parsed events, and the verified parse the relay uses."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from posapp.domain.events import (
    CourierChanged,
    Heartbeat,
    OrderPlaced,
    OrderStatusChanged,
    RefundChanged,
    StoreStatusChanged,
    UnknownEvent,
)
from posapp.domain.money import Money
from posapp.domain.order import CourierStatus, OrderStatus
from posapp.domain.refund import Actor, RefundKind, RefundStatus
from posapp.keeta.signing import verify_webhook
from posapp.keeta.webhooks import WebhookParseError, parse_push, parse_webhook
from posapp.relay.checks import verify_keeta
from posapp.relay.config import RelayConfig
from posapp.relay.refusal import Refused
from tests.conftest import load_fixture
from tests.keeta.helpers import APP_ID, SECRET, SHOP_ID, WEBHOOK_URL, body, envelope

ORDER = 756823555555859


def push(event_id: int, message: Any, **kwargs: Any) -> Any:
    return parse_webhook(body(envelope(event_id, message, **kwargs)), received_at=1764057700)


@pytest.mark.parametrize("raw", [b"", b"   ", b"\n", b"{}"])
def test_empty_body_is_a_heartbeat(raw: bytes) -> None:
    assert parse_webhook(raw) == Heartbeat()


@pytest.mark.parametrize("wrapped", [True, False])
def test_order_placed_with_and_without_order_info_wrapper(wrapped: bool) -> None:
    info = load_fixture("keeta/order_info_delivery.json")
    event = push(1001, {"orderInfo": info} if wrapped else info, message_id="m-1001")
    assert isinstance(event, OrderPlaced)
    assert event.order.order_view_id == ORDER and event.order.seq_no == "#58"
    assert event.meta.source_id == "m-1001" and event.meta.event_id == 1001
    assert event.meta.shop_id == SHOP_ID
    assert event.meta.pushed_at == 1764057601 and event.meta.received_at == 1764057700


def test_order_placed_error_names_the_nested_field() -> None:
    info = load_fixture("keeta/order_info_delivery.json")
    del info["products"]
    with pytest.raises(WebhookParseError) as caught:
        push(1001, {"orderInfo": info})
    assert caught.value.field == "message.orderInfo.products"


def test_accepted() -> None:
    event = push(1002, {"opTime": 1749008143025, "orderViewId": ORDER, "shopId": SHOP_ID, "status": 30})
    assert isinstance(event, OrderStatusChanged)
    assert event.status is OrderStatus.ACCEPTED
    assert event.order_view_id == ORDER and event.at == 1749008143
    assert event.by is None


def test_completed() -> None:
    event = push(1003, {"orderViewId": ORDER, "shopId": SHOP_ID, "status": 40, "opTime": 1764060000000})
    assert isinstance(event, OrderStatusChanged) and event.status is OrderStatus.COMPLETED


@pytest.mark.parametrize(
    ("op_type", "actor"),
    [(0, Actor.SYSTEM), (10, Actor.CUSTOMER), (20, Actor.MERCHANT), (30, Actor.CUSTOMER_SERVICE), (7, None)],
)
def test_cancelled_with_reason_and_actor(op_type: int, actor: Actor | None) -> None:
    event = push(
        1004,
        {
            "orderViewId": ORDER,
            "shopId": SHOP_ID,
            "status": 50,
            "opTime": 1764060000000,
            "cancelReason": "Not confirmed in time",
            "opType": op_type,
        },
    )
    assert isinstance(event, OrderStatusChanged)
    assert event.status is OrderStatus.CANCELLED
    assert event.reason == "Not confirmed in time" and event.by is actor


def test_system_cancel_1008() -> None:
    event = push(
        1008,
        {
            "orderViewId": ORDER,
            "shopId": SHOP_ID,
            "status": 50,
            "cancelType": 1,
            "opType": 0,
            "opTime": 1764060000000,
            "cancelReason": "Store closed",
        },
    )
    assert isinstance(event, OrderStatusChanged)
    assert event.status is OrderStatus.CANCELLED and event.by is Actor.SYSTEM


def test_full_refund_1005() -> None:
    event = push(
        1005,
        {
            "orderViewId": ORDER,
            "shopId": SHOP_ID,
            "status": 2001,
            "afterSaleOrderId": 77,
            "isAppeal": 0,
            "pictures": json.dumps(["https://img.example/a.jpg"]),
            "money": 2800,
            "currency": "HKD",
            "applyOpType": 10,
            "applyReason": "Spilled",
            "opTime": 1764060000000,
        },
    )
    assert isinstance(event, RefundChanged)
    refund = event.refund
    assert refund.kind is RefundKind.FULL and refund.status is RefundStatus.PENDING
    assert refund.after_sale_order_id == 77 and refund.amount == Money(2800)
    assert refund.pictures == ("https://img.example/a.jpg",)


def test_partial_refund_1007_with_products() -> None:
    event = push(
        1007,
        {
            "orderViewId": ORDER,
            "shopId": SHOP_ID,
            "status": 5001,
            "afterSaleOrderId": 78,
            "money": 4500,
            "currency": "HKD",
            "applyOpType": 10,
            "pictures": "[]",
            "refundProducts": [{"spuId": 3001, "skuId": 4001, "count": 1, "refundPrice": 4500}],
        },
    )
    assert isinstance(event, RefundChanged)
    assert event.refund.kind is RefundKind.PARTIAL
    assert [(i.spu_id, i.count) for i in event.refund.items] == [(3001, 1)]


def test_courier_1006() -> None:
    event = push(
        1006,
        {
            "orderViewId": ORDER,
            "shopId": SHOP_ID,
            "logisticsStatus": 20,
            "opTime": 1764060000000,
            "courierName": "陳大文",
            "courierPhone": "+852 9123 4567",
            "bigOrderTag": False,
            "merchantSubOrderId": 5,
        },
    )
    assert isinstance(event, CourierChanged)
    assert event.courier.status is CourierStatus.ASSIGNED
    assert event.courier.name == "陳大文" and event.courier.updated_at == 1764060000
    assert event.sub_order_id == "5" and event.courier.sub_order_id == "5"
    assert event.courier.phone == "+852 9123 4567"


def test_courier_1006_sub_order_id_is_bounded() -> None:
    event = push(1006, {"orderViewId": ORDER, "logisticsStatus": 20, "merchantSubOrderId": "9" * 10_000})
    assert isinstance(event, CourierChanged) and len(event.courier.sub_order_id) <= 64


def test_courier_unknown_logistics_status() -> None:
    event = push(1006, {"orderViewId": ORDER, "logisticsStatus": 12345})
    assert isinstance(event, CourierChanged) and event.courier.status is CourierStatus.UNKNOWN


def test_unknown_event_is_kept_raw() -> None:
    raw = body(envelope(1202, "not even json", message_id="m-menu"))
    event = parse_webhook(raw)
    assert isinstance(event, UnknownEvent)
    assert event.meta.event_id == 1202 and event.meta.source_id == "m-menu"
    assert event.body == json.loads(raw)  # the push as it came, its message unread


def test_shop_id_may_come_from_the_message_only() -> None:
    event = push(1002, {"orderViewId": ORDER, "shopId": 5}, shop_id=None)
    assert event.meta.shop_id == 5


def test_message_given_as_object_is_tolerated() -> None:
    env = envelope(1002, {})
    env["message"] = {"orderViewId": ORDER, "shopId": SHOP_ID}
    event = parse_webhook(body(env))
    assert isinstance(event, OrderStatusChanged) and event.order_view_id == ORDER


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        (b"\xff\xfe", "body"),
        (b"{not json", "body"),
        (b"[1, 2]", "body"),
        (body({"messageId": "m", "shopId": 1, "message": "{}"}), "eventId"),
        (body({"eventId": "ten", "messageId": "m", "shopId": 1, "message": "{}"}), "eventId"),
        (body({"eventId": 1002, "shopId": 1, "message": "{}"}), "messageId"),
        (body({"eventId": 1002, "messageId": "m", "shopId": 1}), "message"),
        (body({"eventId": 1002, "messageId": "m", "shopId": 1, "message": 5}), "message"),
        (body({"eventId": 1002, "messageId": "m", "shopId": 1, "message": "{oops"}), "message"),
        (body({"eventId": 1002, "messageId": "m", "shopId": 1, "message": "[]"}), "message"),
        (body({"eventId": 1002, "messageId": "m", "message": '{"orderViewId": 1}'}), "shopId"),
        (body({"eventId": 1002, "messageId": "m", "shopId": 1, "message": "{}"}), "message.orderViewId"),
        (
            body({"eventId": 1005, "messageId": "m", "shopId": 1, "message": '{"orderViewId": 1}'}),
            "message.afterSaleOrderId",
        ),
    ],
)
def test_malformed_pushes_name_the_field(raw: bytes, field: str) -> None:
    with pytest.raises(WebhookParseError) as caught:
        parse_webhook(raw)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")


def test_missing_order_view_id_message_text() -> None:
    with pytest.raises(WebhookParseError, match=r"^message\.orderViewId: missing$"):
        push(1002, {"shopId": SHOP_ID, "status": 30})


RELAY = RelayConfig("https://relay.example.hk", APP_ID, SECRET)  # its webhook URL is WEBHOOK_URL
PUSHED_AT = 1764057601  # the helpers' push timestamp: inside the relay's window


def test_verified_parse_accepts_a_correctly_signed_push() -> None:
    raw = body(envelope(1002, {"orderViewId": ORDER, "shopId": SHOP_ID}))
    verified = verify_keeta(raw, RELAY, now=PUSHED_AT)  # the relay's check, then the app's parse
    assert isinstance(parse_push(json.loads(verified.body)), OrderStatusChanged)
    assert verify_webhook(json.loads(raw), WEBHOOK_URL, SECRET, APP_ID).recipe == "url?params+secret"
    assert verified.dedup_key == "msg-1" and verified.unreadable == ""


@pytest.mark.parametrize(
    ("changed", "problem"),
    [
        ({"keeta_secret": "wrong"}, "sig"),
        ({"keeta_app_id": APP_ID + 1}, "appId"),
        ({"public_url": "https://other.example.hk"}, "sig"),
    ],
)
def test_verified_parse_rejects_forgeries(changed: dict[str, Any], problem: str) -> None:
    raw = body(envelope(1002, {"orderViewId": ORDER, "shopId": SHOP_ID}))
    with pytest.raises(Refused) as caught:
        verify_keeta(raw, dataclasses.replace(RELAY, **changed), now=PUSHED_AT)
    assert caught.value.status == 401 and problem in caught.value.reason


def test_verified_parse_checks_sig_before_reading_the_message() -> None:
    env = envelope(1002, "{broken")
    env["sig"] = "0" * 64
    with pytest.raises(Refused) as caught:
        verify_keeta(body(env), RELAY, now=PUSHED_AT)
    assert caught.value.status == 401


def test_verified_parse_of_heartbeat_needs_no_signature() -> None:
    assert parse_webhook(b"") == Heartbeat() == parse_push({})


def test_store_status_push_is_read() -> None:
    event = push(1102, {"shopId": SHOP_ID, "fromStatus": 3, "toStatus": 4})
    assert isinstance(event, StoreStatusChanged)
    assert (event.from_status, event.to_status, event.meta.shop_id) == (3, 4, SHOP_ID)


def test_store_status_push_without_its_new_status_is_unreadable() -> None:
    with pytest.raises(WebhookParseError, match="toStatus"):
        push(1102, {"shopId": SHOP_ID, "fromStatus": 3})
