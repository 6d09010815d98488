"""Auth and meta checks on every Zeek path: signature, wall-clock timestamp window, appid, meta."""

from __future__ import annotations

import time

import pytest

from tests.sim_zeek.helpers import ZeekCaller

PATHS = [
    "order/takeaway/estimates",
    "order/takeaway/create",
    "order/takeaway/cancel",
    "order/takeaway/info",
    "order/takeaway/info_by_phone",
    "tasker/takeaway/position_latest",
    "tasker/takeaway/position_track",
]


@pytest.mark.parametrize("path", PATHS)
async def test_bad_signature_is_refused_on_every_path(zeek: ZeekCaller, path: str) -> None:
    answer = await zeek.call(path, {"client_merchant_id": zeek.config.merchant_id}, secret="wrong-secret")
    assert answer["error"] == 1003
    assert answer["data"] is None
    assert answer["err_msg"]


async def test_tampered_data_breaks_the_signature(zeek: ZeekCaller) -> None:
    body = zeek.envelope({"client_merchant_id": zeek.config.merchant_id, "order_id": "FD1"})
    body["data"]["order_id"] = "FD2"
    answer = await zeek.raw("order/takeaway/info", body)
    assert answer["error"] == 1003


@pytest.mark.parametrize("skew", [-301, 301, -3600])
async def test_stale_or_future_timestamp_is_refused(zeek: ZeekCaller, skew: int) -> None:
    answer = await zeek.call(
        "order/takeaway/estimates",
        {"client_merchant_id": zeek.config.merchant_id, "recipient": {"location": "22.28,114.15"}},
        timestamp=int(time.time()) + skew,
    )
    assert answer["error"] == 1004


async def test_timestamp_window_follows_wall_clock_not_sim_clock(zeek: ZeekCaller) -> None:
    await zeek.advance(3 * 3600)
    answer = await zeek.call(
        "order/takeaway/estimates",
        {"client_merchant_id": zeek.config.merchant_id, "recipient": {"location": "22.28,114.15"}},
    )
    assert answer["error"] == 0


async def test_unknown_appid_is_refused(zeek: ZeekCaller) -> None:
    answer = await zeek.call("order/takeaway/info", {"order_id": "x"}, appid=12345)
    assert answer["error"] == 1002


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"data": {"meta": {"lang": "en", "region": "HK"}}},
        {"auth": {"appid": 20001, "timestamp": 1, "signature": "x"}},
        {"auth": {"appid": 20001, "timestamp": 1, "signature": "x"}, "data": {"order_id": "x"}},
        {"auth": {"appid": 20001, "timestamp": 1, "signature": "x"}, "data": {"meta": {"lang": "en"}}},
        [1, 2],
    ],
    ids=["empty", "no-auth", "no-data", "no-meta", "meta-without-region", "not-an-object"],
)
async def test_missing_auth_or_meta_is_refused(zeek: ZeekCaller, body: object) -> None:
    answer = await zeek.raw("order/takeaway/info", body)
    assert answer["error"] == 1001


async def test_body_that_is_not_json_is_refused(zeek: ZeekCaller) -> None:
    response = await zeek.http.post(f"{zeek.server.base_url}/zeek/order/takeaway/info", content=b"{nope")
    assert response.json()["error"] == 1001


@pytest.mark.parametrize("meta", [{"lang": "fr", "region": "HK"}, {"lang": "en", "region": "JP"}])
async def test_unknown_lang_or_region_is_refused(zeek: ZeekCaller, meta: dict[str, str]) -> None:
    answer = await zeek.call("order/takeaway/info", {"order_id": "x"}, meta=meta)
    assert answer["error"] == 2002


async def test_get_is_not_an_api_method(zeek: ZeekCaller) -> None:
    response = await zeek.http.get(f"{zeek.server.base_url}/zeek/order/takeaway/info")
    assert response.status_code == 405
