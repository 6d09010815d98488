"""Checks before sending: each rule refuses with a clear message, a good request passes."""

from __future__ import annotations

import pytest

from posapp.domain.delivery_request import (
    DeliveryValidationError,
    cancel_problems,
    parse_location,
    request_problems,
    validate_request,
)
from posapp.domain.money import Money
from posapp.zeek import codes
from tests.zeek.conftest import NOW, make_request

HK = codes.request_rules("HK")


def problems(**changes: object) -> list[str]:
    return request_problems(make_request(**changes), NOW, HK)


def test_a_good_request_passes() -> None:
    assert problems() == []
    validate_request(make_request(), NOW, HK)


@pytest.mark.parametrize("code", ["123", "12345", "12a4", "１２３４", " 123"])
def test_pickup_code_must_be_exactly_four_digits(code: str) -> None:
    assert problems(pickup_code=code) == [f"pickup code must be exactly 4 digits, got {code!r}"]


def test_without_pickup_code_the_client_order_id_must_be_numeric() -> None:
    assert "must be a number of at least 4 digits" in problems(pickup_code="", client_order_id="POS-42")[0]
    assert problems(pickup_code="", client_order_id="123")[0].startswith("without a pickup code")
    assert problems(pickup_code="", client_order_id="201806121528793155") == []
    assert make_request(pickup_code="", client_order_id="201806121528793155").effective_pickup_code == "3155"


def test_client_order_id_is_required_and_limited() -> None:
    assert problems(client_order_id="") == ["client order id is missing"]
    assert "longer than 128" in problems(client_order_id="9" * 129)[0]


@pytest.mark.parametrize(
    ("phone", "message"),
    [
        ("+85291234567", "must not include the country code"),
        ("0085291234567", "must not include the country code"),
        ("85291234567", "must have 8 digits without the country code"),
        ("9123 4567", "digits only"),
        ("9123456", "must have 8 digits"),
        ("", "customer phone is missing"),
    ],
)
def test_phone_is_local_digits_without_country_code(phone: str, message: str) -> None:
    found = problems(phone=phone)
    assert len(found) == 1 and message in found[0]


def test_country_code_defaults_from_region_and_must_be_digits() -> None:
    assert HK.default_country_code == "852"
    assert codes.request_rules("SG").default_country_code == "65"
    assert problems(country_code="852") == []
    assert "country code must be 1-5 digits" in problems(country_code="+852")[0]


@pytest.mark.parametrize(
    ("location", "message"),
    [
        ("22.28, 114.15", "without spaces"),
        ("22.28;114.15", '"lat,lng"'),
        ("114.15,22.28", "latitude 114.15 is outside -90..90"),
        ("22.28,190.0", "longitude 190.0 is outside"),
        ("0,0", "not located"),
        ("", '"lat,lng"'),
    ],
)
def test_location_must_be_lat_comma_lng_in_range(location: str, message: str) -> None:
    found = problems(location=location)
    assert len(found) == 1 and message in found[0]


def test_parse_location_reads_latitude_first() -> None:
    assert parse_location("22.3902837102,114.0042115195") == (22.3902837102, 114.0042115195)


@pytest.mark.parametrize(
    ("lead", "ok"),
    [(30 * 60, False), (30 * 60 + 1, True), (7 * 86400, True), (7 * 86400 + 1, False), (-60, False)],
)
def test_scheduled_time_must_be_30_minutes_to_7_days_ahead(lead: int, ok: bool) -> None:
    found = problems(scheduled_at=NOW + lead)
    assert (found == []) is ok
    if not ok:
        assert "30 minutes" in found[0] or "7 days" in found[0]


def test_text_lengths() -> None:
    assert problems(remark="x" * 1024) == []
    assert problems(remark="x" * 1025) == ["remark for the courier is longer than 1024 characters"]
    assert problems(merchant_remark="x" * 1025) == ["merchant remark is longer than 1024 characters"]
    assert problems(customer_name="x" * 65) == ["customer name is longer than 64 characters"]
    assert problems(address="x" * 256) == ["delivery address is longer than 255 characters"]
    assert problems(customer_name=" ") == ["customer name is missing"]
    assert problems(address="") == ["delivery address is missing"]


def test_amount_and_payment_type() -> None:
    assert problems(total=Money(-1)) == ["order total must not be negative"]
    assert problems(cod_type=5) == ["payment type must be 0, 1, 2 or 3, got 5"]


def test_all_problems_are_reported_together() -> None:
    with pytest.raises(DeliveryValidationError) as caught:
        validate_request(make_request(pickup_code="12", phone="+852", location="x"), NOW, HK)
    assert len(caught.value.problems) == 3
    assert "pickup code" in str(caught.value)


def test_cancel_checks_reason_length_and_staff_number() -> None:
    assert cancel_problems("ok", "0000") == []
    assert cancel_problems("x" * 256, "0000") == ["cancel reason is longer than 255 characters"]
    assert cancel_problems("", "12") == ["staff number must be exactly 4 digits, got '12'"]
