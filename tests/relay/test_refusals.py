"""Hostile and broken input on the real relay: a 4xx with a reason and one log line, never a 500.

Each case is what an attacker (or a broken proxy) can send without any secret: huge and non-finite
numbers, non-ASCII and lone-surrogate signatures, deeply nested JSON, out-of-range query values. None
may answer 500, log a traceback, or store anything.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import httpx
import pytest

from posapp.keeta.signing import sign
from posapp.relay.request_log import LOGGER_NAME
from posapp.relay.server import RelayServer
from tests.relay.helpers import KEETA_APP_ID, KEETA_SECRET, PUBLIC_URL, SHOP_ID, keeta_push, zeek_callback

DEEP = b"[" * 100_000 + b"]" * 100_000
DEEP_OBJECT = b'{"a":' * 100_000 + b"1" + b"}" * 100_000


def signed_envelope(**fields: Any) -> dict[str, Any]:
    """A Keeta envelope with any field values, correctly signed over what it carries."""
    envelope: dict[str, Any] = {
        "eventId": 1002,
        "appId": KEETA_APP_ID,
        "messageId": "m-hostile",
        "shopId": SHOP_ID,
        "message": json.dumps({"orderViewId": 1, "shopId": SHOP_ID, "status": 30, "opTime": 1}),
        "timestamp": int(time.time()),
    }
    envelope.update(fields)
    envelope["sig"] = sign(PUBLIC_URL + "/keeta/webhook", envelope, KEETA_SECRET)
    return envelope


def _raw(envelope: dict[str, Any]) -> bytes:
    return json.dumps(envelope).encode("utf-8")  # NaN/Infinity and lone surrogates as JSON text


def _keeta_cases() -> dict[str, tuple[bytes, int]]:
    valid = json.loads(keeta_push(1002))
    return {
        "appId 1e309": (
            json.dumps(valid).replace(f'"appId": {KEETA_APP_ID}', '"appId": 1e309').encode(),
            401,
        ),
        "appId NaN": (_raw({**valid, "appId": float("nan")}), 401),
        "non-ASCII sig": (_raw({**valid, "sig": "簽名簽名"}), 401),
        "lone-surrogate sig": (json.dumps(valid).replace(valid["sig"], "\\ud83c").encode(), 401),
        "100,000-deep array": (DEEP, 400),
        "100,000-deep object": (DEEP_OBJECT, 400),
        "deep inside the envelope": (b'{"sig":' + DEEP + b"}", 400),
        "signed timestamp NaN string": (_raw(signed_envelope(timestamp="NaN")), 401),
        "signed timestamp NaN number": (_raw(signed_envelope(timestamp=float("nan"))), 401),
        "signed timestamp Infinity": (_raw(signed_envelope(timestamp=float("inf"))), 401),
        "signed timestamp 1e309 digits": (_raw(signed_envelope(timestamp="9" * 400)), 401),
        "signed fractional timestamp": (_raw(signed_envelope(timestamp=time.time() + 0.5)), 401),
        "signed eventId 1e309": (_raw(signed_envelope(eventId=float("inf"))), 400),
        "signed shopId 2^64": (_raw(signed_envelope(shopId=2**64)), 400),
        "signed lone-surrogate messageId": (_raw(signed_envelope(messageId="\ud83c")), 400),
        "not UTF-8": (b'{"sig": "\xff\xfe"}', 400),
        "UTF-16 JSON": ('{"eventId": 1}'.encode("utf-16"), 400),
    }


def _assert_one_line_each(caplog: pytest.LogCaptureFixture, requests: int) -> None:
    """One line per refused request — the request log's when it writes one, else the refusal's own —
    and none with a traceback."""
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    lines = [
        r.getMessage()
        for r in caplog.records
        if r.name == "posapp.relay.refusal" or (r.name == LOGGER_NAME and '"status":4' in r.getMessage())
    ]
    assert len(lines) == requests
    assert all("\n" not in line and len(line) < 400 for line in lines)


async def _stored(client: httpx.AsyncClient, relay: RelayServer, token: str) -> list[dict[str, Any]]:
    r = await client.get(relay.base_url + "/v1/events?wait=0", headers={"Authorization": f"Bearer {token}"})
    return [] if r.status_code == 204 else list(r.json()["events"])


async def test_hostile_keeta_pushes_get_4xx_one_log_line_and_store_nothing(
    relay: RelayServer, client: httpx.AsyncClient, token: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    cases = _keeta_cases()
    for name, (body, status) in cases.items():
        answer = await client.post(relay.base_url + "/keeta/webhook", content=body)
        assert answer.status_code == status, (name, answer.text)
        assert answer.json()["code"] == status, name
    _assert_one_line_each(caplog, len(cases))
    assert await _stored(client, relay, token) == []


ZEEK_DATA = {"meta": {"lang": "en", "region": "HK"}, "order_id": "Z-9", "order_status": 9005}


async def test_hostile_zeek_callbacks_get_4xx(
    relay: RelayServer, client: httpx.AsyncClient, token: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    valid = json.loads(zeek_callback(ZEEK_DATA))
    auth = valid["auth"]
    cases = {
        "appid 1e309": (json.dumps(valid).replace(f'"appid": {auth["appid"]}', '"appid": 1e309'), 400),
        "timestamp NaN": (json.dumps({**valid, "auth": {**auth, "timestamp": "NaN"}}), 401),
        "timestamp Infinity": (json.dumps({**valid, "auth": {**auth, "timestamp": float("inf")}}), 401),
        "non-ASCII signature": (json.dumps({**valid, "auth": {**auth, "signature": "簽名"}}), 401),
        "lone-surrogate signature": (json.dumps({**valid, "auth": {**auth, "signature": "\ud83c"}}), 401),
        "deep data": ('{"auth":{},"data":' + DEEP.decode() + "}", 400),
    }
    for name, (body, status) in cases.items():
        answer = await client.post(relay.base_url + "/zeek/callback/SIM-HK-0001", content=body.encode())
        assert answer.status_code == status, (name, answer.text)
        assert answer.json()["error"] == status, name
    _assert_one_line_each(caplog, len(cases))
    assert await _stored(client, relay, token) == []


@pytest.mark.parametrize(
    "query",
    [
        "after=99999999999999999999",
        "after=-1",
        "after=1e3",
        "after=%EF%BC%91",  # a full-width digit: isdigit() says yes, int() would take it
        "wait=nan",
        "wait=inf",
        "wait=-1",
        "wait=1e309",
        "wait=" + "9" * 400,
    ],
)
async def test_out_of_range_query_values_are_400(
    relay: RelayServer, client: httpx.AsyncClient, token: str, query: str
) -> None:
    auth = {"Authorization": f"Bearer {token}"}
    answer = await client.get(f"{relay.base_url}/v1/events?{query}", headers=auth)
    assert answer.status_code == 400 and "error" in answer.json()
    if query.startswith("after"):
        answer = await client.get(f"{relay.base_url}/v1/stream?{query}", headers=auth)
        assert answer.status_code == 400


@pytest.mark.parametrize(
    "body",
    [
        b'{"cursor": 9223372036854775808}',  # 2^63
        b'{"cursor": 1e309}',
        b'{"cursor": NaN}',
        b'{"cursor": -1}',
        b'{"cursor": 1.5}',
        b'{"cursor": true}',
        b'{"cursor": "5"}',
        b"{}",
        b"[1]",
        DEEP,
        b'{"cursor": 1, "x": "\xff"}',
    ],
)
async def test_bad_ack_cursors_are_400(
    relay: RelayServer, client: httpx.AsyncClient, token: str, body: bytes
) -> None:
    answer = await client.post(
        relay.base_url + "/v1/ack", content=body, headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 400, answer.text


async def test_the_largest_cursor_is_still_a_cursor(
    relay: RelayServer, client: httpx.AsyncClient, token: str
) -> None:
    auth = {"Authorization": f"Bearer {token}"}
    assert (
        await client.get(f"{relay.base_url}/v1/events?after={2**63 - 1}", headers=auth)
    ).status_code == 204
    answer = await client.post(relay.base_url + "/v1/ack", json={"cursor": 2**63 - 1}, headers=auth)
    assert answer.status_code == 200 and answer.json()["acked"] == 0  # never past the last seq


async def test_without_the_request_log_a_refusal_still_writes_its_own_one_line(
    relay: RelayServer, client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    for body in (DEEP, b'{"sig": 1}'):
        assert (await client.post(relay.base_url + "/keeta/webhook", content=body)).status_code == 400
    assert [r.name for r in caplog.records] == ["posapp.relay.refusal"] * 2
