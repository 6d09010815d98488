"""Zeek answers and callbacks with values no courier company means: read as unknown, never raised."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from posapp.domain.bounds import REPLACEMENT
from posapp.domain.money import Money
from posapp.zeek import wire

HUGE: list[Any] = [1e309, -1e309, math.nan, 2**64, -(2**70), "1e309", "NaN", [1], {"x": 1}, True]


@pytest.mark.parametrize("value", HUGE)
def test_callback_with_an_impossible_status_or_time_is_read(value: Any) -> None:
    raw = json.loads(json.dumps({"order_id": "FD1", "order_status": value, "timestamp": value}))
    update = wire.parse_callback(raw)
    assert update.order_id == "FD1"
    assert update.at == 0  # unknown time: the booking keeps its later facts (applied monotonically)
    assert -(2**63) <= update.status_code < 2**63


def test_callback_time_of_1e309_from_the_json_text() -> None:
    data = json.loads('{"order_id": "FD1", "order_status": 1e309, "timestamp": 1e309}')
    update = wire.parse_callback(data)
    assert update.status_code == 0 and update.at == 0


def test_times_outside_2000_to_2100_are_unknown() -> None:
    info = wire.parse_order_info(
        {"order_id": "FD1", "order_status": 9011, "lastmodify": 10**13, "requested_pickup_time": -5}
    )
    assert info.at == 0 and info.requested_pickup_time is None
    assert wire.parse_callback({"order_id": "FD1", "timestamp": 1700000000}).at == 1700000000


@pytest.mark.parametrize("fee", [math.inf, math.nan, "abc", -10, 1e300, [3]])
def test_quote_with_an_unreadable_fee_has_no_fee(fee: Any) -> None:
    quote = wire.parse_quote(
        {"quotation_id": "Q", "mode": "NORMAL", "delivery_fee": fee, "max_product_total_price": fee}
    )
    assert quote.fee is None and quote.max_amount is None
    assert wire.parse_quote({"delivery_fee": 38.5}).fee == Money(3850)


def test_a_dollar_answer_that_is_not_an_amount_is_no_fee() -> None:
    for bad in (math.inf, math.nan, "x", -1, 1e30):
        assert wire.parse_quote({"delivery_fee": bad}).fee is None


def test_position_that_cannot_be_placed_is_no_fix() -> None:
    assert wire.parse_position({"partner_location": "nan,inf", "upload_time": 1700000000}, "FD1") is None
    assert wire.parse_position({"partner_location": "95,200"}, "FD1") is None
    fixes = wire.parse_track_page([{"partner_location": "22.28,114.16", "upload_time": 1e309}], "FD1")
    assert len(fixes) == 1 and fixes[0].at == 0


def test_text_is_clean_and_bounded() -> None:
    update = wire.parse_callback(
        {
            "order_id": "FD1",
            "order_status": 9011,
            "partner": {"partner_name": "陳\ud83c", "partner_phone": "9" * 5000},
        }
    )
    assert update.partner is not None and update.partner.name == f"陳{REPLACEMENT}"
    assert len(update.partner.phone) <= 1000
    update.partner.phone.encode("utf-8")
