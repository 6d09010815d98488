"""A push whose signature verifies is kept and acknowledged, whatever its message says.

Keeta retries a refused push three times and then drops it: refusing an authentic push the parser
cannot read (a new field shape, a cut emoji) would lose that order for good. It is stored, answered
``{"code":0}``, streamed to the app like any other event, and the pushes after it still arrive.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
import pytest

from posapp.relay.server import RelayServer
from posapp.zeek.dedup import callback_key
from tests.relay.helpers import SHOP_ID, SseStream, keeta_push, zeek_callback
from tests.relay.test_refusals import signed_envelope

KEETA_OK = {"code": 0, "message": "Success"}

UNREADABLE_MESSAGES: dict[str, str] = {
    "not JSON at all": "<xml>order</xml>",
    "a future field shape": json.dumps({"orderInfo": {"merchantOrder": "v2", "items": {"x": 1}}}),
    "orderViewId beyond 64 bits": json.dumps({"orderViewId": 2**70, "shopId": SHOP_ID, "status": 30}),
    "cut emoji (lone surrogate)": '{"orderViewId":1,"shopId":880001,"status":30,"remark":"\\ud83c"}',
    "raw lone surrogate": "\ud83c",
    "100,000-deep message": "[" * 100_000 + "]" * 100_000,
    "NaN and 1e309 inside": '{"orderViewId":NaN,"shopId":880001,"status":1e309,"opTime":1e30}',
}


@pytest.mark.parametrize("name", list(UNREADABLE_MESSAGES))
async def test_an_authentic_push_the_parser_cannot_read_is_kept_and_streamed(
    relay: RelayServer, client: httpx.AsyncClient, token: str, name: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    event_id = 1001 if "shape" in name else 1002
    envelope = signed_envelope(eventId=event_id, messageId="odd-1", message=UNREADABLE_MESSAGES[name])
    body = json.dumps(envelope).encode("utf-8")
    answer = await client.post(relay.base_url + "/keeta/webhook", content=body)
    assert answer.status_code == 200 and answer.json() == KEETA_OK, answer.text
    canary = keeta_push(1002, message_id="canary")
    assert (await client.post(relay.base_url + "/keeta/webhook", content=canary)).json() == KEETA_OK

    async with SseStream(client, relay.base_url + "/v1/stream", token) as stream:
        kept, after = await stream.events(2)
    assert (kept.data["dedup_key"], kept.data["kind"]) == ("odd-1", str(event_id))
    assert kept.data["body"] == json.loads(body)  # exactly as Keeta sent it
    assert after.data["dedup_key"] == "canary"
    assert not [r for r in caplog.records if r.exc_info]
    if name == "not JSON at all":  # the operator hears of it, in one line
        assert any("authentic but unreadable" in r.getMessage() for r in caplog.records)


async def test_an_authentic_zeek_callback_with_odd_values_is_kept(
    relay: RelayServer, client: httpx.AsyncClient, token: str
) -> None:
    data: dict[str, Any] = {
        "meta": {"lang": "en", "region": "HK"},
        "order_id": "Z-\ud83c",
        "order_status": float("inf"),
        "timestamp": 1e309,
        "partner": {"partner_name": "x" * 1000},
    }
    body = zeek_callback(data)
    answer = await client.post(relay.base_url + "/zeek/callback/SIM-HK-0001", content=body)
    assert answer.status_code == 200 and answer.json() == {"error": 0, "err_msg": ""}, answer.text
    async with SseStream(client, relay.base_url + "/v1/stream", token) as stream:
        event = await stream.next_event()
    assert event.data["kind"] == ""  # no readable status; the app decides what it is
    assert event.data["dedup_key"] == callback_key(json.loads(body)["data"])
