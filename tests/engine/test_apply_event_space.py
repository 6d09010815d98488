"""The whole event space through the REAL applier and a real SQLite cache: no event stops the stream.

Each Keeta event (1001–1007) and a Zeek callback is taken in a shape the platform sends, then one field
(or the whole message, or a container) is replaced by an edge value: integers beyond 64-bit, 1e30,
1e309, NaN, a lone surrogate, a 1 MB string, a wrong type, null, or the key removed. Whatever that
does, applying it must not raise, the cursor must move past it, and a new order pushed after it must
be on the board. Where the event could not be read it is kept, whole, as a "could not read" item.
"""

from __future__ import annotations

import copy
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import peewee
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from posapp.engine.apply import EventApplier
from posapp.engine.zeek_events import DeliveryEvents
from posapp.store import orders, sync_state
from tests.conftest import load_fixture
from tests.streamed import streamed

STREAM = "relay:test"
SHOP = 880001
ORDER = 756823555555859
MS = 1764060000000


class Raw:
    """A JSON token written as is (``1e309`` has no Python value that json.dumps would write so)."""

    def __init__(self, token: str) -> None:
        self.token = token

    def __repr__(self) -> str:
        return f"Raw({self.token})"


class Missing:
    """The key is removed."""

    def __repr__(self) -> str:
        return "Missing"


EDGES: list[Any] = [
    2**63,
    2**64 + 5,
    10**30,
    -1,
    -(2**63) - 1,
    0,
    1e30,
    1e20,
    Raw("1e309"),
    Raw("-1e309"),
    float("nan"),
    float("inf"),
    "\ud83c",
    "half an emoji \ud83c and more",
    "x" * 1_000_000,
    "",
    "12abc",
    True,
    None,
    [],
    {},
    [None, "\udfff"],
    {"orderViewId": 2**70},
    Missing(),
]


def _order_info() -> dict[str, Any]:
    info: dict[str, Any] = load_fixture("keeta/order_info_delivery.json")
    return info


def _messages() -> dict[int, dict[str, Any]]:
    """One message per eventId, as Keeta sends it (keeta.md §3)."""
    common = {"orderViewId": ORDER, "shopId": SHOP, "opTime": MS}
    return {
        1001: {"orderInfo": _order_info()},
        1002: {**common, "status": 30},
        1003: {**common, "status": 40},
        1004: {**common, "status": 50, "cancelReason": "Not confirmed", "opType": 20},
        1005: {
            **common,
            "status": 2001,
            "afterSaleOrderId": 77,
            "isAppeal": 0,
            "pictures": json.dumps(["https://img.example/a.jpg"]),
            "money": 2800,
            "currency": "HKD",
            "applyOpType": 10,
            "applyReason": "Spilled",
        },
        1006: {
            **common,
            "logisticsStatus": 20,
            "courierName": "陳大文",
            "courierPhone": "+852 9123 4567",
            "merchantSubOrderId": 5,
        },
        1007: {
            **common,
            "status": 5001,
            "afterSaleOrderId": 78,
            "money": 4500,
            "currency": "HKD",
            "applyOpType": 10,
            "pictures": "[]",
            "refundProducts": [{"spuId": 3001, "skuId": 4001, "count": 1, "refundPrice": 4500}],
        },
    }


Path = tuple[str | int, ...]


def _paths(value: Any, prefix: Path = ()) -> Iterator[Path]:
    """Every place a value sits in ``value`` (containers included), depth first."""
    items: Any = ()
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    for key, child in items:
        path = (*prefix, key)
        yield path
        yield from _paths(child, path)


def _replace(document: Any, path: Path, edge: Any, raws: dict[str, str]) -> Any:
    if not path:
        return _value(edge, raws)
    copied = copy.deepcopy(document)
    parent = copied
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    if isinstance(edge, Missing):
        del parent[last]
    else:
        parent[last] = _value(edge, raws)
    return copied


def _value(edge: Any, raws: dict[str, str]) -> Any:
    if isinstance(edge, Raw):
        marker = f"@@raw{len(raws)}@@"
        raws[marker] = edge.token
        return marker
    return edge


def _dumps(value: Any, raws: dict[str, str]) -> str:
    text = json.dumps(value)  # ASCII with \\u escapes, as a platform would send a lone surrogate
    for marker, token in raws.items():
        text = text.replace(json.dumps(marker), token)
    return text


@dataclass(frozen=True)
class Case:
    platform: str
    label: str
    path: Path
    in_message: bool


def _keeta_cases() -> list[Case]:
    cases = []
    for event_id, message in _messages().items():
        envelope = {"eventId": event_id, "messageId": "m", "shopId": SHOP, "timestamp": 1, "message": ""}
        cases += [Case("keeta", str(event_id), path, False) for path in _paths(envelope)]
        cases.append(Case("keeta", str(event_id), (), True))
        cases += [Case("keeta", str(event_id), path, True) for path in _paths(message)]
    return cases


def _zeek_cases() -> list[Case]:
    callback = load_fixture("zeek/callback_request.json")
    paths: list[Path] = [(), *_paths(callback)]
    return [Case("zeek", "callback", path, False) for path in paths]


KEETA_CASES = _keeta_cases()
ZEEK_CASES = _zeek_cases()


def _keeta_body(case: Case, edge: Any, message_id: str) -> bytes:
    event_id = int(case.label)
    raws: dict[str, str] = {}
    message: Any = _messages()[event_id]
    if case.in_message:
        message = _replace(message, case.path, edge, raws)
    message_text = None if isinstance(message, Missing) else _dumps(message, raws)
    envelope: dict[str, Any] = {"eventId": event_id, "messageId": message_id, "shopId": SHOP, "timestamp": 1}
    if message_text is not None:
        envelope["message"] = message_text
    if not case.in_message:
        envelope = _replace(envelope, case.path, edge, raws)
    return _dumps(envelope, raws).encode("ascii")


def _zeek_body(case: Case, edge: Any, serial: int) -> bytes:
    callback = load_fixture("zeek/callback_request.json")
    callback["data"]["timestamp"] = 1764060000 + serial  # each example its own callback, not a retry
    raws: dict[str, str] = {}
    document = _replace(callback, case.path, edge, raws)
    return b"" if isinstance(document, Missing) else _dumps(document, raws).encode("ascii")


class Stream:
    """The applier as the sync engine drives it, with a canary order after each event."""

    def __init__(self) -> None:
        self.applier = EventApplier(STREAM, handlers={"zeek": DeliveryEvents().record})
        self.cursor = itertools.count(1)
        self.serial = itertools.count(1)

    def apply(self, platform: str, body: bytes) -> int:
        cursor = next(self.cursor)
        self.applier(streamed(cursor, platform, body))  # must not raise, whatever the body holds
        assert sync_state.load_cursor(STREAM) == cursor
        return cursor

    def canary(self) -> None:
        serial = next(self.serial)
        order_id = 900_000_000 + serial
        info = _order_info()
        info["baseOrder"]["orderViewId"] = order_id
        info["baseOrder"]["orderViewIdStr"] = str(order_id)
        info["merchantOrder"]["orderViewId"] = order_id
        message = json.dumps({"orderInfo": info})
        envelope = {"eventId": 1001, "messageId": f"canary-{serial}", "shopId": SHOP, "timestamp": 1}
        body = json.dumps({**envelope, "message": message}).encode()
        self.apply("keeta", body)
        assert order_id in {order.order_view_id for order in orders.open_orders()}


@pytest.fixture
def stream(db: peewee.SqliteDatabase) -> Stream:
    return Stream()


EXAMPLES = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@EXAMPLES
@given(case=st.sampled_from(KEETA_CASES), edge=st.sampled_from(EDGES))
def test_no_keeta_event_stops_the_stream(stream: Stream, case: Case, edge: Any) -> None:
    before = len(sync_state.open_unreadable())  # nothing here settles an unread event
    body = _keeta_body(case, edge, f"bad-{next(stream.serial)}")
    cursor = stream.apply("keeta", body)
    unread = [item for item in sync_state.open_unreadable() if item.cursor == cursor]
    assert len(sync_state.open_unreadable()) - before == len(unread) <= 1
    if unread:
        assert unread[0].error and len(unread[0].error) <= 500
    stream.canary()


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=st.sampled_from(ZEEK_CASES), edge=st.sampled_from(EDGES))
def test_no_zeek_callback_stops_the_stream(stream: Stream, case: Case, edge: Any) -> None:
    stream.apply("zeek", _zeek_body(case, edge, next(stream.serial)))
    stream.canary()


def test_an_event_the_cache_cannot_hold_is_kept_with_its_order(stream: Stream) -> None:
    """The shapes that ended sync on main: a 2^63+ order id and a remark with half an emoji."""
    huge = Case("keeta", "1002", ("orderViewId",), True)
    cursor = stream.apply("keeta", _keeta_body(huge, 2**63 + 7, "huge"))
    remark = Case("keeta", "1001", ("orderInfo", "baseOrder", "remark"), True)
    stream.apply("keeta", _keeta_body(remark, "bell \ud83c", "surrogate"))
    stream.canary()
    kept = {item.cursor: item for item in sync_state.open_unreadable()}
    assert kept[cursor].order_ref == str(2**63 + 7)
    assert kept[cursor].kind == "keeta"
    # The half emoji is either read (kept with a replacement) or kept whole as unread: never lost.
    order = orders.get_order(ORDER)
    assert order is not None or any(item.order_ref == str(ORDER) for item in kept.values())
