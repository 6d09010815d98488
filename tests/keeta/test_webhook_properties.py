"""Property tests: whatever arrives, the parser returns an event or raises WebhookParseError."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posapp.domain.events import Heartbeat, KeetaEvent
from posapp.keeta.webhooks import WebhookParseError, parse_webhook
from tests.conftest import load_fixture

EVENT_IDS = st.sampled_from([1, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1101, 9999])
HUGE = st.integers(min_value=-(10**40), max_value=10**40) | st.sampled_from([2**63, -(2**63), 10**30])
SCALARS = st.none() | st.booleans() | HUGE | st.floats(allow_nan=True) | st.text(max_size=20)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=20,
)
KEYS = st.sampled_from(
    [
        "orderViewId",
        "shopId",
        "status",
        "opTime",
        "afterSaleOrderId",
        "money",
        "pictures",
        "refundProducts",
        "logisticsStatus",
        "opType",
        "cancelReason",
        "orderInfo",
        "baseOrder",
        "merchantOrder",
        "products",
        "applyOpType",
        "handleOpType",
        "currency",
        "courierName",
        "merchantSubOrderId",
        "isAppeal",
    ]
)
MESSAGE = st.dictionaries(KEYS, JSON, max_size=8)


def _check(raw: bytes) -> None:
    try:
        event = parse_webhook(raw, received_at=0)
    except WebhookParseError as exc:
        assert exc.field and exc.problem
        assert str(exc).startswith(exc.field)
        return
    assert isinstance(event, (Heartbeat, *KeetaEvent.__args__))  # type: ignore[attr-defined]


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


@given(st.binary(max_size=200))
def test_random_bytes(raw: bytes) -> None:
    _check(raw)


@given(JSON)
def test_random_json_bodies(value: Any) -> None:
    _check(_dumps(value))


@given(
    event_id=EVENT_IDS | JSON,
    message_id=st.text(max_size=10) | HUGE | JSON,
    shop_id=HUGE | JSON,
    message=MESSAGE.map(json.dumps) | st.text(max_size=40) | JSON,
    timestamp=HUGE | JSON,
    drop=st.sets(st.sampled_from(["eventId", "messageId", "shopId", "message", "timestamp"])),
)
def test_malformed_envelopes(
    event_id: Any, message_id: Any, shop_id: Any, message: Any, timestamp: Any, drop: set[str]
) -> None:
    env = {
        "eventId": event_id,
        "messageId": message_id,
        "shopId": shop_id,
        "message": message,
        "timestamp": timestamp,
        "appId": 1,
        "sig": "x",
    }
    for key in drop:
        env.pop(key)
    _check(_dumps(env))


@given(event_id=EVENT_IDS, message=MESSAGE)
def test_well_formed_envelopes_with_random_messages(event_id: int, message: dict[str, Any]) -> None:
    env = {"eventId": event_id, "messageId": "m", "shopId": 1, "message": json.dumps(message), "timestamp": 1}
    _check(_dumps(env))


@st.composite
def mangled_orders(draw: st.DrawFn) -> dict[str, Any]:
    """The canonical order with some fields replaced by random JSON or removed."""
    info: dict[str, Any] = load_fixture("keeta/order_info_delivery.json")
    blocks = [
        info,
        info["baseOrder"],
        info["merchantOrder"],
        info["products"][0],
        info["feeDtl"]["customerFee"],
        info["recipientInfo"],
        info["products"][0]["groups"][0],
    ]
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        block = draw(st.sampled_from(blocks))
        key = draw(st.sampled_from(sorted(block)))
        if draw(st.booleans()):
            block[key] = draw(JSON)
        else:
            block.pop(key)
    return info


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(info=mangled_orders(), wrapped=st.booleans())
def test_mangled_orders(info: dict[str, Any], wrapped: bool) -> None:
    message = {"orderInfo": info} if wrapped else info
    env = {"eventId": 1001, "messageId": "m", "shopId": 1, "message": json.dumps(message), "timestamp": 1}
    _check(_dumps(env))
