"""Quotations: the seed's two scenarios, HK distances and the mode tables."""

from __future__ import annotations

import pytest

from tests.sim_zeek.helpers import CAUSEWAY_BAY, CENTRAL, SHA_TIN, SHENZHEN_BAY, ZeekCaller

PATH = "order/takeaway/estimates"


def ask(merchant_id: str, location: str, price: float | None = None) -> dict[str, object]:
    data: dict[str, object] = {"client_merchant_id": merchant_id, "recipient": {"location": location}}
    if price is not None:
        data["product"] = {"total_price": price}
    return data


async def test_location_only_returns_the_conversion_table(zeek: ZeekCaller) -> None:
    data = await zeek.ok(PATH, ask(zeek.config.merchant_id, CENTRAL))
    table = [
        (q["mode"], q["min_product_total_price"], q["max_product_total_price"]) for q in data["quotations"]
    ]
    # Short distance: small parcel and thermal bag ride short range, a box standard, boxes long distance.
    assert table == [("SHORT_RANGE", 0, 500), ("STANDARD", 500, 1000), ("LONG_DISTANCE", 1000, None)]


async def test_amount_returns_one_quotation_in_its_band(zeek: ZeekCaller) -> None:
    data = await zeek.ok(PATH, ask(zeek.config.merchant_id, CENTRAL, 650.0))
    [quote] = data["quotations"]
    assert quote["mode"] == "STANDARD"
    assert quote["min_product_total_price"] <= 650 < quote["max_product_total_price"]
    assert isinstance(quote["delivery_fee"], float)
    low, high = map(int, quote["predicted_quote_time_range"].split("-"))
    assert low == quote["predicted_quote_time"] < high


async def test_zero_amount_counts_as_not_passed(zeek: ZeekCaller) -> None:
    data = await zeek.ok(PATH, ask(zeek.config.merchant_id, CENTRAL, 0))
    assert len(data["quotations"]) == 3


async def test_distances_are_hong_kong_road_distances(zeek: ZeekCaller) -> None:
    data = await zeek.ok(PATH, ask(zeek.config.merchant_id, CAUSEWAY_BAY, 120.0))
    [quote] = data["quotations"]
    # Sheung Wan → Causeway Bay is about 3.5 km as the crow flies, longer by road.
    assert 3_200 < quote["direct_distance"] < 3_800
    assert quote["travel_distance"] == pytest.approx(quote["direct_distance"] * 1.35, abs=2)
    assert quote["mode"] == "LONG_DISTANCE"


async def test_far_customer_is_city_wide_and_still_inside_the_area(zeek: ZeekCaller) -> None:
    data = await zeek.ok(PATH, ask(zeek.config.merchant_id, SHA_TIN))
    assert [q["mode"] for q in data["quotations"]] == ["CITY_WIDE"]
    assert data["quotations"][0]["max_product_total_price"] is None
    assert data["quotations"][0]["direct_distance"] > 10_000


async def test_outside_the_delivery_area(zeek: ZeekCaller) -> None:
    answer = await zeek.call(PATH, ask(zeek.config.merchant_id, SHENZHEN_BAY))
    assert answer["error"] == 3002


async def test_unknown_merchant(zeek: ZeekCaller) -> None:
    answer = await zeek.call(PATH, ask("NOPE-1", CENTRAL))
    assert answer["error"] == 3001


@pytest.mark.parametrize(
    "data",
    [
        {"recipient": {"location": CENTRAL}},
        {"client_merchant_id": "SIM-HK-0001"},
        {"client_merchant_id": "SIM-HK-0001", "recipient": {"location": "114.15,22.28,1"}},
        {"client_merchant_id": "SIM-HK-0001", "recipient": {"location": "22.28, 114.15"}},
        {"client_merchant_id": "SIM-HK-0001", "recipient": {"location": "95.0,114.15"}},
        {
            "client_merchant_id": "SIM-HK-0001",
            "recipient": {"location": CENTRAL},
            "product": {"total_price": -1},
        },
        {"client_merchant_id": "SIM-HK-0001", "recipient": {"location": CENTRAL}, "schedule_type": 1},
    ],
    ids=[
        "no-merchant",
        "no-location",
        "bad-location",
        "space",
        "lat-out-of-range",
        "negative-price",
        "type-1",
    ],
)
async def test_bad_parameters(zeek: ZeekCaller, data: dict[str, object]) -> None:
    answer = await zeek.call(PATH, data)
    assert answer["error"] == 2001, answer


async def test_scheduled_estimate_needs_a_time_in_the_window(zeek: ZeekCaller) -> None:
    data = {
        **ask(zeek.config.merchant_id, CENTRAL),
        "schedule_type": 2,
        "schedule_time": "2020-02-24 18:54:00",
    }
    answer = await zeek.call(PATH, data)
    assert answer["error"] == 2004


async def test_merchant_location_is_configurable_at_run_time(zeek: ZeekCaller) -> None:
    response = await zeek.http.post(
        f"{zeek.server.base_url}/sim/zeek/config", json={"merchantLocation": "22.2800000000,114.1840000000"}
    )
    assert response.json()["merchantLocation"] == CAUSEWAY_BAY
    data = await zeek.ok(PATH, ask(zeek.config.merchant_id, CAUSEWAY_BAY, 50.0))
    assert data["quotations"][0]["direct_distance"] == 0
    assert data["quotations"][0]["mode"] == "SHORT_RANGE"


async def test_predicted_quote_and_accept_times(zeek: ZeekCaller) -> None:
    ask_quote = {"client_merchant_id": zeek.config.merchant_id, "user_location": CENTRAL}
    quote = await zeek.ok("order/takeaway/precompletetime", ask_quote)
    accept = await zeek.ok("order/takeaway/preassigntime", {"client_merchant_id": zeek.config.merchant_id})
    assert 0 < accept["time"] < quote["time"]
    assert quote["time_range"].startswith(f"{quote['time']}-")
    assert (await zeek.call("order/takeaway/preassigntime", {"client_merchant_id": "NOPE"}))["error"] == 3001
