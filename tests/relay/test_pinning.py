"""A store acts only as itself: gateway Zeek calls pinned to its merchant, Zeek callbacks tied to
their path. Runs on every storage back-end (SQLite, and PostgreSQL with POSAPP_TEST_PG_URL)."""

from __future__ import annotations

import json
from typing import Any

import httpx

from posapp.relay.server import RelayServer
from posapp.sim.server import SimServer
from tests.relay.conftest import add_store
from tests.relay.helpers import zeek_callback
from tests.relay.test_gateway import bearer, set_gateway, sim_credentials

OTHER_SHOP = 990002
DATA: dict[str, Any] = {"meta": {"lang": "en", "region": "HK"}, "order_id": "Z-1", "order_status": 9005}


async def _stored(client: httpx.AsyncClient, relay: RelayServer, token: str) -> list[dict[str, Any]]:
    r = await client.get(relay.base_url + "/v1/events?wait=0", headers=bearer(token))
    return [] if r.status_code == 204 else list(r.json()["events"])


async def test_a_store_without_a_zeek_merchant_id_makes_no_zeek_calls(
    relay: RelayServer, db_url: str, sim: SimServer, client: httpx.AsyncClient
) -> None:
    other = await add_store(db_url, shop_id=OTHER_SHOP, zeek_merchant_id="")
    await set_gateway(db_url, sim_credentials(sim), shop_id=OTHER_SHOP)
    data = {
        "meta": DATA["meta"],
        "client_merchant_id": "SIM-HK-0001",
        "recipient": {"location": "22.28,114.15"},
    }
    answer = await client.post(
        f"{relay.base_url}/v1/zeek/order/takeaway/estimates", json={"data": data}, headers=bearer(other)
    )
    assert answer.status_code == 403 and "no Zeek merchant id" in answer.json()["gateway_error"]


async def test_zeek_calls_always_name_the_stores_own_merchant(
    relay: RelayServer, db_url: str, token: str, sim: SimServer, client: httpx.AsyncClient
) -> None:
    await set_gateway(db_url, sim_credentials(sim))
    data = {
        "meta": DATA["meta"],
        "client_merchant_id": "SOMEONE-ELSE",
        "recipient": {"location": "22.2830,114.1540", "address": "88 Queen's Road Central"},
    }
    answer = await client.post(
        f"{relay.base_url}/v1/zeek/order/takeaway/estimates", json={"data": data}, headers=bearer(token)
    )
    # The simulator knows only SIM-HK-0001: an answer for "SOMEONE-ELSE" would be error 3001.
    assert answer.status_code == 200 and answer.json()["error"] == 0, answer.text


async def test_a_callback_is_taken_only_on_its_own_stores_path(
    relay: RelayServer, db_url: str, token: str, client: httpx.AsyncClient
) -> None:
    other = await add_store(db_url, shop_id=OTHER_SHOP, zeek_merchant_id="Z-OTHER")
    captured = zeek_callback({**DATA, "client_merchant_id": "SIM-HK-0001"})
    base = relay.base_url + "/zeek/callback/"
    refused = {
        "re-posted to another store": await client.post(base + "Z-OTHER", content=captured),
        "re-posted by shop id": await client.post(base + str(OTHER_SHOP), content=captured),
        "another merchant in the data": await client.post(
            base + "SIM-HK-0001", content=zeek_callback({**DATA, "client_merchant_id": "Z-OTHER"})
        ),
    }
    for name, answer in refused.items():
        assert answer.status_code == 403, name
        assert answer.json()["error"] == 403, name
    assert await _stored(client, relay, other) == []
    assert await _stored(client, relay, token) == []
    taken = await client.post(base + "SIM-HK-0001", content=captured)
    assert taken.status_code == 200 and taken.json() == {"error": 0, "err_msg": ""}
    assert [e["body"]["data"] for e in await _stored(client, relay, token)] == [json.loads(captured)["data"]]


async def test_a_store_without_a_zeek_merchant_id_takes_no_callbacks(
    relay: RelayServer, db_url: str, client: httpx.AsyncClient
) -> None:
    other = await add_store(db_url, shop_id=OTHER_SHOP, zeek_merchant_id="")
    answer = await client.post(f"{relay.base_url}/zeek/callback/{OTHER_SHOP}", content=zeek_callback(DATA))
    assert answer.status_code == 403
    assert await _stored(client, relay, other) == []


async def test_a_callback_with_a_nested_field_changed_is_a_new_event_not_a_silent_duplicate(
    relay: RelayServer, token: str, client: httpx.AsyncClient
) -> None:
    """The stand-in signature skips nested fields; the dedupe key does not, on both sides."""
    url = relay.base_url + "/zeek/callback/SIM-HK-0001"
    first = {**DATA, "partner": {"partner_name": "A"}}
    for data in (first, first, {**DATA, "partner": {"partner_name": "B"}}):
        assert (await client.post(url, content=zeek_callback(data))).status_code == 200
    names = [e["body"]["data"]["partner"]["partner_name"] for e in await _stored(client, relay, token)]
    assert names == ["A", "B"]
