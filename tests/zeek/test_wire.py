"""The seed's examples parse, and money crosses the edge in the right unit for each endpoint."""

from __future__ import annotations

import dataclasses
import json

import pytest

from posapp.domain.delivery import CancelReason, DeliveryMode, DeliveryStatus, Eta
from posapp.domain.money import Money
from posapp.relay.checks import verify_zeek
from posapp.relay.config import RelayConfig
from posapp.relay.refusal import Refused
from posapp.zeek import wire
from tests.conftest import load_fixture
from tests.zeek.conftest import make_request


def test_estimates_response_fixture_parses_into_quotes_in_cents() -> None:
    quotes = wire.parse_quotes(load_fixture("zeek/estimates_response.json")["data"])
    assert [q.mode for q in quotes] == [
        DeliveryMode.SHORT_RANGE,
        DeliveryMode.STANDARD,
        DeliveryMode.LONG_DISTANCE,
    ]
    first, last = quotes[0], quotes[-1]
    assert first.min_amount == Money(0) and first.max_amount == Money(20_000)
    assert first.fee == Money(1_050)
    assert first.eta == Eta(30, "30-55") and first.eta.bounds == (30, 55)
    assert (first.direct_distance_m, first.travel_distance_m) == (500, 650)
    assert last.max_amount is None


def test_create_response_fixture_parses_into_a_booking() -> None:
    request = make_request(pickup_code="1234")
    booking = wire.parse_created(load_fixture("zeek/create_response.json")["data"], request, now=1)
    assert booking.order_id == "FD20180615080181522"
    assert booking.client_order_id == "15104092022333"
    assert booking.pickup_code == "1234"
    assert booking.predictions.accept == Eta(5, "5-10")
    assert booking.predictions.delivery == Eta(40, "40-60")
    assert booking.requested_pickup_time == 1655189860
    assert booking.order_url.endswith("FD20180615080181522")


@pytest.mark.parametrize("name", ["info_response.json", "info_by_phone_response.json"])
def test_info_fixtures_parse_with_cancel_code(name: str) -> None:
    update = wire.parse_order_info(load_fixture(f"zeek/{name}")["data"])
    assert update.status is DeliveryStatus.CANCELLED_BEFORE_PICKUP and update.status_code == 9025
    assert update.cancellation is not None
    assert update.cancellation.reason is CancelReason.SENDER
    assert update.cancellation.at == 1510733606  # a string in one example, an int in the other
    assert update.partner is not None and update.partner.vehicle == "AB1234"
    assert update.at == 1510733606


def test_callback_fixture_parses() -> None:
    update = wire.parse_callback(load_fixture("zeek/callback_request.json")["data"])
    assert update.status is DeliveryStatus.DELIVERING
    assert update.at == 1533609085
    assert update.partner is not None and update.partner.location == "22.3902837102,114.0042115195"
    assert update.predictions.showup == Eta(10, "10-20")
    assert update.cancellation is not None and update.cancellation.reason is CancelReason.SENDER


def test_callback_fixture_is_refused_because_its_signature_is_the_docs_placeholder() -> None:
    body = load_fixture("zeek/callback_request.json")
    config = RelayConfig("https://relay.test", 1, "x", zeek_appid=100000001, zeek_secret="x")
    with pytest.raises(Refused, match="signature does not match") as refused:
        verify_zeek("1", json.dumps(body).encode(), config, now=body["auth"]["timestamp"])
    assert refused.value.status == 401
    assert load_fixture("zeek/callback_response.json") == {"error": 0, "err_msg": ""}


def test_position_fixtures_parse() -> None:
    latest = wire.parse_position(load_fixture("zeek/position_latest_response.json")["data"], "x")
    assert latest is not None
    assert (latest.latitude, latest.longitude) == (22.3902837102, 114.0042115195)
    assert latest.at == 1510733606 and latest.partner_name == "Zhihao Shi"
    assert latest.predicted_delivery == Eta(30, "30-60")
    track = load_fixture("zeek/position_track_response.json")
    fixes = wire.parse_track_page(track["data"], "FD1")
    assert len(fixes) == 2 and all(f.order_id == "FD1" for f in fixes)
    assert track["pageinfo"]["pagecount"] == 2


@pytest.mark.parametrize(
    "name",
    [
        "estimates_request.json",
        "create_request.json",
        "cancel_request.json",
        "info_request.json",
        "info_by_phone_request.json",
        "position_latest_request.json",
        "position_track_request.json",
    ],
)
def test_request_fixtures_have_the_envelope(name: str) -> None:
    body = load_fixture(f"zeek/{name}")
    assert set(body["auth"]) == {"appid", "timestamp", "signature"}
    assert set(body["data"]["meta"]) == {"lang", "region"}


def test_create_builder_sends_the_seeds_fields() -> None:
    seed = load_fixture("zeek/create_request.json")["data"]
    request = make_request(pickup_code="1234", scheduled_at=1532429647)
    built = wire.create_data(request, "STORE-123", default_country_code="852", utc_offset_hours=8)
    assert set(built) | {"meta"} == set(seed)
    assert set(built["receive"]) == set(seed["receive"])
    assert built["appoint_time"] == "2018-07-24 18:54:07"  # Hong Kong local time


def test_estimates_builder_sends_the_seeds_fields() -> None:
    seed = load_fixture("zeek/estimates_request.json")["data"]
    built = wire.estimates_data("STORE-123", "22.39,114.0", amount=Money(13_300), scheduled_at=1582541640)
    assert set(built) | {"meta"} == set(seed)
    assert built["schedule_type"] == 2 and built["schedule_time"] == "2020-02-24 18:54:00"


# --- money at the edge: estimates speak dollars, create speaks cents -------------------------------


def test_estimates_send_dollars_as_a_float() -> None:
    built = wire.estimates_data("S", "22.28,114.15", amount=Money(12_850))
    assert built["product"] == {"total_price": 128.5}
    assert isinstance(built["product"]["total_price"], float)


def test_estimates_leave_out_a_zero_amount() -> None:
    assert "product" not in wire.estimates_data("S", "22.28,114.15", amount=Money(0))
    assert "product" not in wire.estimates_data("S", "22.28,114.15")


def test_create_sends_integer_cents() -> None:
    built = wire.create_data(make_request(total=Money(12_850)), "S", default_country_code="852")
    assert built["order_detail"] == {"total_price": 12_850}
    assert isinstance(built["order_detail"]["total_price"], int)


@pytest.mark.parametrize(
    ("dollars", "cents"), [(10.5, 1050), (0, 0), (200, 20_000), (0.1, 10), (10.505, 1051), ("12.34", 1234)]
)
def test_dollar_answers_become_cents(dollars: object, cents: int) -> None:
    assert wire.parse_quote({"delivery_fee": dollars}).fee == Money(cents)  # as an estimate reads it


def test_create_defaults_country_code_from_region_and_keeps_a_given_one() -> None:
    built = wire.create_data(make_request(), "S", default_country_code="852")
    assert built["receive"]["user_phone_country_code"] == "852"
    given = wire.create_data(
        dataclasses.replace(make_request(), country_code="65"), "S", default_country_code="852"
    )
    assert given["receive"]["user_phone_country_code"] == "65"


def test_create_without_pickup_code_leaves_merchant_order_id_out() -> None:
    built = wire.create_data(make_request(pickup_code="", client_order_id="201806121528793155"), "S",
                             default_country_code="852")  # fmt: skip
    assert "merchant_order_id" not in built and built["is_appoint"] == 0
