"""Values outside what a shop can mean stop at the parsing edge (issue 12 point 2), not in SQLite.

Each case is a push the relay could store (it verifies the signature, not the content). Either the
parser refuses it with a WebhookParseError naming the field, or what it returns is safe to store:
the cache takes it without OverflowError or UnicodeEncodeError.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import peewee
import pytest

from posapp.domain.bounds import CUT_MARK, REMARK_LIMIT, REPLACEMENT
from posapp.domain.events import CourierChanged, OrderPlaced, OrderStatusChanged, RefundChanged
from posapp.keeta.webhooks import WebhookParseError, parse_webhook
from posapp.store.db import open_database
from posapp.store.ingest import ingest
from tests.conftest import load_fixture

ORDER = 756823555555859
SHOP = 880001


@pytest.fixture
def db(tmp_path: Any) -> Any:
    database = open_database(tmp_path / "cache.sqlite3")
    yield database
    database.close()


def push(event_id: int, message: Any, **outer: Any) -> bytes:
    envelope = {"eventId": event_id, "messageId": "m-1", "shopId": SHOP, "timestamp": 1764057601}
    envelope.update(outer)
    envelope["message"] = message if isinstance(message, str) else json.dumps(message)
    # json.dumps writes a lone surrogate as the escape "\ud83c", exactly what arrived in the field
    return json.dumps(envelope).encode("utf-8")


def order_with(change: Callable[[dict[str, Any]], None]) -> bytes:
    info: dict[str, Any] = copy.deepcopy(load_fixture("keeta/order_info_delivery.json"))
    change(info)
    return push(1001, {"orderInfo": info})


def stored(db: peewee.SqliteDatabase, raw: bytes) -> Any:
    event = parse_webhook(raw, received_at=1764057602)
    ingest(event, raw.decode("utf-8"), 1764057602)  # the cache takes it: nothing overflows or fails to encode
    return event


def test_order_view_id_beyond_64_bits_is_refused_naming_the_field() -> None:
    raw = order_with(lambda info: info["baseOrder"].update(orderViewId=2**63, orderViewIdStr=str(2**63)))
    with pytest.raises(WebhookParseError) as caught:
        parse_webhook(raw)
    assert caught.value.field == "message.orderInfo.baseOrder.orderViewId"


@pytest.mark.parametrize("value", [-1, 2**64, 1e309, "1e5", True])
def test_status_event_with_an_impossible_order_id_is_refused(value: Any) -> None:
    with pytest.raises(WebhookParseError) as caught:
        parse_webhook(push(1002, {"orderViewId": value, "status": 30}))
    assert caught.value.field == "message.orderViewId"


def test_shop_id_beyond_64_bits_is_refused() -> None:
    with pytest.raises(WebhookParseError):
        parse_webhook(push(1002, {"orderViewId": ORDER}, shopId=2**63))


def test_times_of_1e30_are_unknown_not_overflowing(db: peewee.SqliteDatabase) -> None:
    def change(info: dict[str, Any]) -> None:
        info["baseOrder"].update(ctime=1e30, deliveryTime=10**40)
        info["merchantOrder"]["ctime"] = 1764057600000

    event = stored(db, order_with(change))
    assert isinstance(event, OrderPlaced)
    assert event.order.placed_at == 1764057600  # the merchant side's time is the next reading
    assert event.order.delivery_eta is None

    status = stored(db, push(1002, {"orderViewId": ORDER, "status": 30, "opTime": 1e30}, messageId="m-2"))
    assert isinstance(status, OrderStatusChanged) and status.at == 1764057601  # the push's own time


def test_push_timestamp_nan_is_no_time() -> None:
    raw = push(1002, {"orderViewId": ORDER, "status": 30}).replace(b"1764057601", b"NaN")
    event = parse_webhook(raw, received_at=1764057602)
    assert event.meta.pushed_at == 0 and isinstance(event, OrderStatusChanged) and event.at == 1764057602


def test_refund_amount_of_1e20_is_not_stored_as_a_number(db: peewee.SqliteDatabase) -> None:
    stored(db, order_with(lambda info: None))
    body = {
        "orderViewId": ORDER,
        "afterSaleOrderId": 9001,
        "status": 10,
        "money": 1e20,
        "opTime": 1764057700000,
    }
    event = stored(db, push(1005, body, messageId="m-3"))
    assert isinstance(event, RefundChanged)
    assert event.refund.amount.cents <= 2**63 - 1


def test_after_sale_id_beyond_64_bits_is_refused() -> None:
    body = {"orderViewId": ORDER, "afterSaleOrderId": 2**63, "status": 10, "money": 100}
    with pytest.raises(WebhookParseError) as caught:
        parse_webhook(push(1005, body))
    assert caught.value.field == "message.afterSaleOrderId"


def test_half_an_emoji_in_a_remark_is_kept_with_a_replacement(db: peewee.SqliteDatabase) -> None:
    def change(info: dict[str, Any]) -> None:
        info["baseOrder"]["remark"] = "Extra spicy \ud83c"
        info["products"][0]["remark"] = "\udf5c no onion"
        info["recipientInfo"]["name"] = "陳\ud800生"

    event = stored(db, order_with(change))
    assert isinstance(event, OrderPlaced)
    assert event.order.remark == f"Extra spicy {REPLACEMENT}"
    assert event.order.lines[0].remark == f"{REPLACEMENT} no onion"
    assert event.order.customer.name == f"陳{REPLACEMENT}生"


def test_a_megabyte_remark_is_cut_with_a_mark(db: peewee.SqliteDatabase) -> None:
    def change(info: dict[str, Any]) -> None:
        info["baseOrder"]["remark"] = "走青" * 500_000
        info["products"][0]["name"] = "x" * 1_000_000

    event = stored(db, order_with(change))
    assert isinstance(event, OrderPlaced)
    assert len(event.order.remark) == REMARK_LIMIT and event.order.remark.endswith(CUT_MARK)
    assert len(event.order.lines[0].name) < 2000 and event.order.lines[0].name.endswith(CUT_MARK)


@pytest.mark.parametrize("value", [1e309, -500, 2**70, "NaN", [1], {"a": 1}])
def test_impossible_amounts_and_counts_do_not_reach_the_cache(db: peewee.SqliteDatabase, value: Any) -> None:
    def change(info: dict[str, Any]) -> None:
        info["feeDtl"]["customerFee"]["payTotal"] = value
        info["feeDtl"]["merchantFee"]["brokerage"] = value
        info["products"][0]["count"] = value
        info["products"][0]["priceWithGroup"] = {"unitPrice": value, "amount": value}
        info["recipientInfo"]["point"] = {"latitude": value, "longitude": 1e309}

    event = stored(db, order_with(change))
    assert isinstance(event, OrderPlaced)
    money = event.order.money
    assert 0 <= money.total_paid.cents <= 2**63 - 1
    assert event.order.lines[0].count >= 1
    assert event.order.customer.latitude is None and event.order.customer.longitude is None


def test_courier_event_with_odd_values(db: peewee.SqliteDatabase) -> None:
    stored(db, order_with(lambda info: None))
    body = {"orderViewId": ORDER, "logisticsStatus": 1e309, "opTime": -1, "courierName": "\ud83c" * 3}
    event = stored(db, push(1006, body, messageId="m-4"))
    assert isinstance(event, CourierChanged)
    assert event.courier.name == REPLACEMENT * 3 and event.courier.updated_at == 1764057601
