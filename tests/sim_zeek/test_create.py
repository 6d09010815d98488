"""Booking: the seed's create validation, the answer's fields and duplicate client_order_id."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.sim_zeek.helpers import SHENZHEN_BAY, ZeekCaller, create_data

PATH = "order/takeaway/create"


def hk_local(seconds_from_now: float) -> str:
    at = datetime.now(UTC) + timedelta(hours=8, seconds=seconds_from_now)
    return at.strftime("%Y-%m-%d %H:%M:%S")


async def test_create_answers_the_seed_fields(zeek: ZeekCaller) -> None:
    data = await zeek.create(client_order_id="POS-A-1", merchant_order_id="4321")
    assert data["order_id"].startswith("FD")
    assert data["client_order_id"] == "POS-A-1"
    assert data["order_url"].endswith(data["order_id"])
    assert 800 < data["direct_distance"] < 1_000 < data["travel_distance"]
    assert data["predicted_accept_time"] <= data["predicted_showup_time"] <= data["predicted_delivery_time"]
    assert data["requested_pickup_time"] < data["requested_delivery_time"]
    view = await zeek.view(data["order_id"])
    assert view["status"] == 9001
    assert view["pickupCode"] == "4321"


async def test_pickup_code_defaults_to_last_four_digits_of_a_numeric_order_id(zeek: ZeekCaller) -> None:
    data = await zeek.create(client_order_id="201806121528793155", merchant_order_id=None)
    assert (await zeek.view(data["order_id"]))["pickupCode"] == "3155"


async def test_info_shows_the_booking(zeek: ZeekCaller) -> None:
    created = await zeek.create(remark="Call at the lobby", order_detail={"total_price": 25000})
    info = await zeek.info(created["order_id"])
    assert info["order_status"] == 9001
    assert info["client_order_id"] == created["client_order_id"]
    assert info["remark_text"] == "Call at the lobby"
    assert info["merchant_location"] == "22.2866000000,114.1508000000"
    assert info["partner_name"] == ""
    assert info["cancel_code"] == ""


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"merchant_order_id": "123"}, 2003),
        ({"merchant_order_id": "12a4"}, 2003),
        ({"merchant_order_id": None, "client_order_id": "POS-NOT-NUMERIC"}, 2003),
        ({"client_order_id": None}, 2001),
        ({"client_order_id": "9" * 129}, 2001),
        ({"order_time": None}, 2001),
        ({"order_time": "1528793155"}, 2001),
        ({"client_merchant_id": "UNKNOWN"}, 3001),
        ({"receive": {"user_location": SHENZHEN_BAY}}, 3002),
        ({"receive": {"user_location": "114.158,22.282"}}, 2001),
        ({"receive": {"user_location": ""}}, 2001),
        ({"receive": {"user_phone": "+85291234567"}}, 2001),
        ({"receive": {"user_phone": "85291234567"}}, 2001),
        ({"receive": {"user_phone": "9123 4567"}}, 2001),
        ({"receive": {"user_phone_country_code": "+852"}}, 2001),
        ({"receive": {"user_name": ""}}, 2001),
        ({"receive": {"user_name": "x" * 65}}, 2001),
        ({"receive": {"user_address": "x" * 256}}, 2001),
        ({"remark": "x" * 1025}, 2001),
        ({"merchant_remark": "x" * 1025}, 2001),
        ({"cod_type": 7}, 2001),
        ({"delivery_type": "DRONE"}, 2001),
        ({"is_appoint": 1}, 2001),
        ({"is_appoint": 2}, 2004),
        ({"is_appoint": 2, "appoint_time": "tomorrow"}, 2004),
        ({"order_detail": {"total_price": 168.5}}, 2001),
        ({"order_detail": {"total_price": -1}}, 2001),
        ({"order_detail": {}}, 2001),
        ({"receive": None}, 2001),
    ],
)
async def test_validation(zeek: ZeekCaller, overrides: dict[str, Any], code: int) -> None:
    data = create_data(zeek.config.merchant_id, **overrides)
    if "receive" in overrides and overrides["receive"] is None:
        del data["receive"]
    answer = await zeek.call(PATH, data)
    assert answer["error"] == code, answer
    assert answer["err_msg"]


@pytest.mark.parametrize(
    ("ahead", "code"), [(25 * 60, 2004), (31 * 60, 0), (6 * 86400, 0), (8 * 86400, 2004)]
)
async def test_scheduled_time_must_be_30_minutes_to_7_days_ahead(
    zeek: ZeekCaller, ahead: int, code: int
) -> None:
    data = create_data(zeek.config.merchant_id, is_appoint=2, appoint_time=hk_local(ahead))
    answer = await zeek.call(PATH, data)
    assert answer["error"] == code, answer


async def test_scheduled_booking_is_delivered_around_the_appointment(zeek: ZeekCaller) -> None:
    created = await zeek.create(is_appoint=2, appoint_time=hk_local(3 * 3600))
    assert abs(created["requested_delivery_time"] - (time.time() + 3 * 3600)) < 10 * 60
    await zeek.advance(3600)
    assert (await zeek.view(created["order_id"]))["status"] == 9001


async def test_duplicate_client_order_id_answers_the_existing_order(zeek: ZeekCaller) -> None:
    data = create_data(zeek.config.merchant_id)
    first = await zeek.call(PATH, data)
    again = await zeek.call(PATH, data)
    assert first["error"] == 0
    assert again["error"] == 3003
    assert again["data"]["order_id"] == first["data"]["order_id"]
    assert len(zeek.zeek.orders) == 1


async def test_same_client_order_id_may_book_again_once_the_first_is_final(zeek: ZeekCaller) -> None:
    data = create_data(zeek.config.merchant_id)
    first = (await zeek.call(PATH, data))["data"]
    cancel = {"order_id": first["order_id"], "client_merchant_id": zeek.config.merchant_id}
    assert (await zeek.call("order/takeaway/cancel", cancel))["error"] == 0
    second = await zeek.call(PATH, data)
    assert second["error"] == 0
    assert second["data"]["order_id"] != first["order_id"]


async def test_other_regions_default_their_country_code(zeek: ZeekCaller) -> None:
    # A Singapore-registered phone format on an SG request is still a local 8-digit number.
    answer = await zeek.call(
        PATH,
        create_data(zeek.config.merchant_id, receive={"user_phone": "63632752"}),
        meta={"lang": "en", "region": "SG"},
    )
    assert answer["error"] == 0
    order = zeek.zeek.orders[answer["data"]["order_id"]]
    assert order.request.receiver.country_code == "65"
