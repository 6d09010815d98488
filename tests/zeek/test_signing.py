"""Signing (zeek.md §3): the published test vector, the signed fields, and callback verification."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from posapp.zeek import codes
from posapp.zeek.signing import (
    SIGNERS,
    envelope,
    hmac_sha256_signer,
    php_text,
    sign,
    signer_named,
    string_to_sign,
    verify,
)

APPID, SECRET, TS = 100000001, "sim-secret-not-real", 1528793155
VECTOR_DATA: dict[str, Any] = {
    "meta": {"lang": "en", "region": "HK"},
    "client_merchant_id": "STORE-123",
    "client_order_id": "POS-20240101-0042",
    "merchant_order_id": "0042",
    "order_time": 1528793100,
    "is_appoint": 0,
    "receive": {"user_name": "Chan", "user_phone": "91234567"},
    "order_detail": {"total_price": 12800},
}


def test_zeek_md_test_vector_reproduces() -> None:
    assert string_to_sign(VECTOR_DATA, APPID, SECRET, TS) == (
        "client_merchant_id=STORE-123&client_order_id=POS-20240101-0042&is_appoint=0"
        "&merchant_order_id=0042&order_time=1528793100&100000001&sim-secret-not-real&1528793155"
    )
    assert sign(VECTOR_DATA, APPID, SECRET, TS) == "1568c51625d4c3c3114461fa4c70a230"


def test_nested_objects_null_and_booleans_are_not_signed() -> None:
    noisy = {**VECTOR_DATA, "receive": {"other": 1}, "flag": True, "gone": None, "items": [1, 2]}
    assert sign(noisy, APPID, SECRET, TS) == "1568c51625d4c3c3114461fa4c70a230"


def test_every_scalar_field_is_signed() -> None:
    changed = {**VECTOR_DATA, "merchant_order_id": "0043"}
    assert sign(changed, APPID, SECRET, TS) != sign(VECTOR_DATA, APPID, SECRET, TS)
    assert sign(VECTOR_DATA, APPID, SECRET, TS + 1) != sign(VECTOR_DATA, APPID, SECRET, TS)


def test_numbers_are_written_as_php_writes_them() -> None:
    assert php_text(13.0) == "13"
    assert php_text(12.5) == "12.5"
    assert php_text(7) == "7"
    assert string_to_sign({"b": 1.0, "a": "", "B": 2}, 1, "s", 2) == "B=2&a=&b=1&1&s&2"


def test_envelope_carries_auth_and_meta_and_verifies() -> None:
    body = envelope({"order_id": "FD1"}, appid=APPID, secret=SECRET, timestamp=TS, lang="zh-HK", region="HK")
    assert body["auth"]["appid"] == APPID and body["auth"]["timestamp"] == TS
    assert body["data"]["meta"] == {"lang": "zh-HK", "region": "HK"}
    assert body["auth"]["signature"] == sign(body["data"], APPID, SECRET, TS)
    assert verify(body, appid=APPID, secret=SECRET, now=TS).ok


def _signed(now: int) -> dict[str, Any]:
    return envelope({"order_id": "FD1", "order_status": 9005}, appid=APPID, secret=SECRET, timestamp=now,
                    lang="en", region="HK")  # fmt: skip


@pytest.mark.parametrize("skew", [-300, -299, 0, 299, 300])
def test_timestamps_within_300_seconds_pass(skew: int) -> None:
    assert verify(_signed(TS), appid=APPID, secret=SECRET, now=TS + skew).ok


@pytest.mark.parametrize("skew", [-301, 301, 3600])
def test_timestamps_further_off_are_refused_as_stale(skew: int) -> None:
    verdict = verify(_signed(TS), appid=APPID, secret=SECRET, now=TS + skew)
    assert not verdict.ok and verdict.code == codes.AUTH_STALE_TIMESTAMP


def test_tampered_data_is_refused() -> None:
    body = _signed(TS)
    body["data"]["order_status"] = 9021
    verdict = verify(body, appid=APPID, secret=SECRET, now=TS)
    assert not verdict.ok and verdict.code == codes.AUTH_BAD_SIGNATURE


def test_wrong_secret_appid_or_shape_is_refused() -> None:
    body = _signed(TS)
    assert verify(body, appid=APPID, secret="other", now=TS).code == codes.AUTH_BAD_SIGNATURE
    assert verify(body, appid=APPID + 1, secret=SECRET, now=TS).code == codes.AUTH_UNKNOWN_APPID
    no_meta = copy.deepcopy(body)
    del no_meta["data"]["meta"]
    assert verify(no_meta, appid=APPID, secret=SECRET, now=TS).code == codes.AUTH_MALFORMED
    assert verify({"data": {}}, appid=APPID, secret=SECRET, now=TS).code == codes.AUTH_MALFORMED
    no_sig = copy.deepcopy(body)
    del no_sig["auth"]["signature"]
    assert verify(no_sig, appid=APPID, secret=SECRET, now=TS).code == codes.AUTH_MALFORMED


def test_signer_is_replaceable_in_one_place() -> None:
    assert signer_named(None) is SIGNERS["zeek-md5"]
    body = envelope({"a": "1"}, appid=1, secret="s", timestamp=5, lang="en", region="HK",
                    signer=hmac_sha256_signer)  # fmt: skip
    assert verify(body, appid=1, secret="s", now=5, signer=hmac_sha256_signer).ok
    assert not verify(body, appid=1, secret="s", now=5).ok
    with pytest.raises(ValueError, match="unknown Zeek signer"):
        signer_named("rot13")
