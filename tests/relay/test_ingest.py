"""Platform → relay over real HTTP: verified pushes are stored once, everything else nowhere."""

from __future__ import annotations

import json
import time

import httpx

from posapp.relay.server import RelayServer
from tests.relay.conftest import add_store
from tests.relay.helpers import SseStream, keeta_push, zeek_callback

KEETA_OK = {"code": 0, "message": "Success"}


async def _stored(client: httpx.AsyncClient, relay: RelayServer, token: str) -> list[dict]:
    r = await client.get(
        relay.base_url + "/v1/events?after=0&wait=0", headers={"Authorization": f"Bearer {token}"}
    )
    return [] if r.status_code == 204 else r.json()["events"]


async def test_valid_push_is_acknowledged_and_streamed(
    relay: RelayServer, client: httpx.AsyncClient, token: str
):
    push = keeta_push(1002, message_id="m-1")
    r = await client.post(relay.base_url + "/keeta/webhook", content=push)
    assert r.status_code == 200 and r.json() == KEETA_OK
    async with SseStream(client, relay.base_url + "/v1/stream", token) as stream:
        event = await stream.next_event()
    assert (event.id, event.event) == ("1", "keeta")
    data = event.data
    assert data["seq"] == 1 and data["dedup_key"] == "m-1" and data["kind"] == "1002"
    assert data["body"] == json.loads(push)  # the verified push, whole


async def test_duplicate_message_id_is_acknowledged_and_stored_once(
    relay: RelayServer, client: httpx.AsyncClient, token: str
):
    first = keeta_push(1001, message_id="dup-1")
    retry = keeta_push(1001, message_id="dup-1", timestamp=int(time.time()) + 60)  # Keeta re-signs a retry
    for body in (first, retry, first):
        r = await client.post(relay.base_url + "/keeta/webhook", content=body)
        assert r.json() == KEETA_OK
    await client.post(relay.base_url + "/keeta/webhook", content=keeta_push(1002, message_id="next"))
    assert [e["dedup_key"] for e in await _stored(client, relay, token)] == ["dup-1", "next"]


async def test_forged_and_malformed_pushes_get_4xx_and_are_stored_nowhere(
    relay: RelayServer, client: httpx.AsyncClient, token: str
):
    url = relay.base_url + "/keeta/webhook"
    forged = keeta_push(1001, secret="not-the-secret")
    tampered = json.loads(keeta_push(1001))
    tampered["message"] = tampered["message"].replace("30", "50")
    cases = {
        "forged signature": (forged, 401),
        "tampered message": (json.dumps(tampered).encode(), 401),
        "wrong app id": (keeta_push(1001, app_id=999), 401),
        "signed over another URL": (keeta_push(1001, url="https://evil.test/keeta/webhook"), 401),
        "stale timestamp (replay)": (keeta_push(1001, timestamp=int(time.time()) - 3600), 401),
        "unknown store": (keeta_push(1001, shop_id=123), 404),
        "not JSON": (b"{not json", 400),
        "missing fields": (json.dumps({"eventId": 1001}).encode(), 400),
    }
    for name, (body, status) in cases.items():
        r = await client.post(url, content=body)
        assert r.status_code == status, name
        assert r.json()["code"] != 0, name
    assert await _stored(client, relay, token) == []


async def test_empty_body_heartbeat_succeeds_and_stores_nothing(
    relay: RelayServer, client: httpx.AsyncClient, token: str
):
    r = await client.post(relay.base_url + "/keeta/webhook", content=b"")
    assert r.status_code == 200 and r.json() == KEETA_OK
    assert await _stored(client, relay, token) == []


async def test_revoked_store_pushes_are_refused(relay: RelayServer, client: httpx.AsyncClient, db_url: str):
    await relay.app.state.relay.storage.revoke_store(880001, time.time())
    r = await client.post(relay.base_url + "/keeta/webhook", content=keeta_push(1001))
    assert r.status_code == 404


async def test_pushes_land_in_their_own_store(
    relay: RelayServer, client: httpx.AsyncClient, db_url: str, token: str
):
    other = await add_store(db_url, shop_id=990002, zeek_merchant_id="")
    await client.post(
        relay.base_url + "/keeta/webhook", content=keeta_push(1001, shop_id=990002, message_id="o")
    )
    await client.post(relay.base_url + "/keeta/webhook", content=keeta_push(1001, message_id="mine"))
    assert [e["dedup_key"] for e in await _stored(client, relay, other)] == ["o"]
    mine = await _stored(client, relay, token)
    assert [(e["dedup_key"], e["seq"]) for e in mine] == [("mine", 1)]


ZEEK_DATA = {
    "meta": {"lang": "en", "region": "HK"},
    "order_id": "Z-1",
    "client_order_id": "K-1",
    "status": 9005,
}


async def test_zeek_callback_is_verified_stored_once_and_streamed(
    relay: RelayServer, client: httpx.AsyncClient, token: str
):
    url = relay.base_url + "/zeek/callback/SIM-HK-0001"
    for stamp_offset in (0, 15):  # Zeek's retry re-signs the same data with a new timestamp
        r = await client.post(
            url, content=zeek_callback(ZEEK_DATA, timestamp=int(time.time()) + stamp_offset)
        )
        assert r.status_code == 200 and r.json() == {"error": 0, "err_msg": ""}
    by_shop_id = relay.base_url + "/zeek/callback/880001"
    assert (
        await client.post(by_shop_id, content=zeek_callback({**ZEEK_DATA, "status": 9011}))
    ).status_code == 200
    async with SseStream(client, relay.base_url + "/v1/stream", token) as stream:
        events = await stream.events(2)
    assert [(e.event, e.data["kind"]) for e in events] == [("zeek", "9005"), ("zeek", "9011")]
    assert events[0].data["body"]["data"] == ZEEK_DATA


async def test_forged_zeek_callback_is_refused(relay: RelayServer, client: httpx.AsyncClient, token: str):
    url = relay.base_url + "/zeek/callback/SIM-HK-0001"
    assert (await client.post(url, content=zeek_callback(ZEEK_DATA, secret="wrong"))).status_code == 401
    stale = zeek_callback(ZEEK_DATA, timestamp=int(time.time()) - 3600)
    assert (await client.post(url, content=stale)).status_code == 401
    assert (await client.post(url, content=b"[]")).status_code == 400
    unknown = relay.base_url + "/zeek/callback/NOPE"
    assert (await client.post(unknown, content=zeek_callback(ZEEK_DATA))).status_code == 404
    assert await _stored(client, relay, token) == []
