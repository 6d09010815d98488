"""The relay's API gateway: the app's business fields in, signed platform calls out, answers as is.

Every test runs the relay and the platform simulator on 127.0.0.1 (SQLite, and PostgreSQL when
reachable); the simulator checks the signatures the relay makes with the store's credentials.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import httpx
import pytest

from posapp.relay.gateway import GatewayCredentials
from posapp.relay.sealing import Sealer, generate_key, unseal
from posapp.relay.server import RelayServer, free_port
from posapp.relay.storage import storage_for_url
from posapp.sim.server import SimServer
from tests.relay.conftest import add_store
from tests.relay.helpers import SHOP_ID

OTHER_SHOP = 990002


async def set_gateway(db_url: str, credentials: GatewayCredentials, shop_id: int = SHOP_ID) -> None:
    storage = storage_for_url(db_url)
    await storage.open()
    try:
        store = await storage.store_by_shop(shop_id)
        assert store is not None
        await storage.set_gateway(store.id, credentials.to_json(), time.time())
    finally:
        await storage.close()


def sim_credentials(sim: SimServer, **changes: Any) -> GatewayCredentials:
    """Only the per-store parts; app ids and secrets come from the relay's own (the sim's) config."""
    values: dict[str, Any] = {
        "keeta_access_token": sim.ctx.config.token,
        "keeta_base_url": f"{sim.base_url}/keeta/api/open",
        "zeek_base_url": f"{sim.base_url}/zeek",
    }
    values.update(changes)
    return GatewayCredentials(**values)


@pytest.fixture
async def gateway(relay: RelayServer, db_url: str, sim: SimServer) -> AsyncIterator[str]:
    await set_gateway(db_url, sim_credentials(sim))
    yield relay.base_url


async def new_sim_order(sim: SimServer, client: httpx.AsyncClient) -> int:
    answer = await client.post(f"{sim.base_url}/sim/keeta/orders", json={"mode": "delivery"})
    answer.raise_for_status()
    return int(answer.json()["orderViewId"])


async def sim_status(sim: SimServer, client: httpx.AsyncClient, order_id: int) -> int:
    answer = await client.get(f"{sim.base_url}/sim/keeta/orders/{order_id}")
    return int(answer.json()["status"])


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_keeta_confirm_is_signed_by_the_relay_and_answered_as_keeta_answered(
    gateway: str, token: str, sim: SimServer, client: httpx.AsyncClient
) -> None:
    order_id = await new_sim_order(sim, client)
    # Whatever signing fields the app sends are replaced, never trusted.
    body = {"orderViewId": order_id, "shopId": SHOP_ID, "appId": 1, "sig": "forged", "accessToken": "x"}
    answer = await client.post(f"{gateway}/v1/keeta/order/confirm", json=body, headers=bearer(token))
    assert answer.status_code == 200 and answer.json()["code"] == 0
    assert await sim_status(sim, client, order_id) == 30

    again = await client.post(f"{gateway}/v1/keeta/order/confirm", json=body, headers=bearer(token))
    assert again.status_code == 200 and again.json()["code"] != 0  # Keeta's own business error, as is


async def test_a_self_delivery_customer_is_decrypted_through_the_gateway(
    gateway: str, token: str, sim: SimServer, client: httpx.AsyncClient
) -> None:
    created = await client.post(f"{sim.base_url}/sim/keeta/orders", json={"mode": "self-delivery"})
    order_id = int(created.json()["orderViewId"])
    view = await client.get(f"{sim.base_url}/sim/keeta/orders/{order_id}")
    name = view.json()["orderInfo"]["recipientInfo"]["name"]
    body = {"shopId": SHOP_ID, "decryptList": [{"orderViewId": order_id, "encryptData": name}]}
    answer = await client.post(f"{gateway}/v1/keeta/base/batchDecrypt", json=body, headers=bearer(token))
    assert answer.status_code == 200 and answer.json()["code"] == 0
    [item] = answer.json()["data"]["decryptList"]
    assert item["encryptData"] == name and item["decryptData"] and not item["decryptData"].startswith("ENC_")


async def test_order_get_without_shop_id_acts_for_the_tokens_shop(
    gateway: str, token: str, sim: SimServer, client: httpx.AsyncClient
) -> None:
    order_id = await new_sim_order(sim, client)
    answer = await client.post(
        f"{gateway}/v1/keeta/order/get", json={"orderViewId": order_id}, headers=bearer(token)
    )
    assert answer.json()["code"] == 0
    assert answer.json()["data"]["orderInfo"]["merchantOrder"]["orderViewId"] == order_id


async def test_zeek_estimates_are_signed_and_pinned_to_the_stores_merchant(
    gateway: str, token: str, client: httpx.AsyncClient
) -> None:
    data = {
        "meta": {"lang": "en", "region": "HK"},
        "client_merchant_id": "SOMEONE-ELSE",
        "recipient": {"location": "22.2830,114.1540", "address": "88 Queen's Road Central"},
    }
    answer = await client.post(
        f"{gateway}/v1/zeek/order/takeaway/estimates", json={"data": data}, headers=bearer(token)
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["error"] == 0 and answer.json()["data"]


@pytest.mark.parametrize(
    ("path", "headers", "body", "status"),
    [
        ("/v1/keeta/order/confirm", {"Authorization": "Bearer prs_wrong"}, {"orderViewId": 1}, 401),
        ("/v1/keeta/order/confirm", {}, {"orderViewId": 1}, 401),
        ("/v1/zeek/order/takeaway/create", {"Authorization": "Bearer prs_wrong"}, {"data": {}}, 401),
        ("/v1/keeta/base/oauth/token", None, {"refreshToken": "r"}, 404),
        ("/v1/keeta/order/../admin", None, {}, 404),
        ("/v1/keeta/order/confirm", None, {"orderViewId": 1, "shopId": OTHER_SHOP}, 403),
        ("/v1/keeta/order/confirm", None, [1, 2], 400),
        ("/v1/zeek/order/takeaway/create", None, {"nodata": 1}, 400),
    ],
)
async def test_refusals_never_reach_the_platform(
    gateway: str,
    token: str,
    client: httpx.AsyncClient,
    path: str,
    headers: dict[str, str] | None,
    body: Any,
    status: int,
) -> None:
    answer = await client.post(
        gateway + path, json=body, headers=bearer(token) if headers is None else headers
    )
    assert answer.status_code == status
    assert set(answer.json()) == {"gateway_error"}  # never mistaken for a platform answer


async def test_a_store_without_gateway_settings_is_refused(
    relay: RelayServer, db_url: str, token: str, client: httpx.AsyncClient
) -> None:
    answer = await client.post(
        f"{relay.base_url}/v1/keeta/order/get", json={"orderViewId": 1}, headers=bearer(token)
    )
    assert answer.status_code == 403 and "not enabled" in answer.json()["gateway_error"]


async def test_an_unreachable_platform_is_a_retryable_5xx(
    relay: RelayServer, db_url: str, token: str, sim: SimServer, client: httpx.AsyncClient
) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    await set_gateway(db_url, sim_credentials(sim, keeta_base_url=dead))
    answer = await client.post(
        f"{relay.base_url}/v1/keeta/order/get", json={"orderViewId": 1}, headers=bearer(token)
    )
    assert answer.status_code == 502


async def test_one_stores_token_cannot_use_anothers_credentials(
    relay: RelayServer, db_url: str, sim: SimServer, client: httpx.AsyncClient
) -> None:
    other = await add_store(db_url, shop_id=OTHER_SHOP, zeek_merchant_id="Z-OTHER")
    await set_gateway(db_url, sim_credentials(sim))  # only SHOP_ID has the gateway
    answer = await client.post(
        f"{relay.base_url}/v1/keeta/order/get",
        json={"orderViewId": 1, "shopId": SHOP_ID},
        headers=bearer(other),
    )
    assert answer.status_code == 403


CLI_KEY = generate_key()


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("POSAPP_RELAY_")}
    return subprocess.run(
        [sys.executable, "-m", "posapp.relay", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**clean, **env},
    )


async def _stored_gateway(db_url: str, shop_id: int) -> GatewayCredentials | None:
    storage = storage_for_url(db_url)
    await storage.open()
    try:
        store = await storage.store_by_shop(shop_id)
        assert store is not None
        text = await storage.gateway(store.id)
        return None if text is None else GatewayCredentials.from_json(unseal(text, Sealer(CLI_KEY)))
    finally:
        await storage.close()


async def test_cli_add_store_with_gateway_options_and_set_gateway(db_url: str) -> None:
    plain = await asyncio.to_thread(_cli, "add-store", "--db", db_url, "--shop-id", "770001", "--name", "A")
    assert plain.returncode == 0, plain.stderr
    assert await _stored_gateway(db_url, 770001) is None

    added = await asyncio.to_thread(
        _cli,
        "add-store", "--db", db_url, "--shop-id", "770002", "--name", "B",
        "--keeta-base-url", "https://keeta.example/api/open", "--zeek-appid", "42",
        POSAPP_RELAY_KEETA_ACCESS_TOKEN="tok-from-env", POSAPP_RELAY_KEY=CLI_KEY,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip().splitlines()[-1].startswith("prs_")  # the token is still the last line
    assert "tok-from-env" not in added.stdout
    stored = await _stored_gateway(db_url, 770002)
    assert stored is not None and stored.keeta_token_expires_at is not None  # counted from the save
    assert replace(stored, keeta_token_expires_at=None) == GatewayCredentials(
        keeta_access_token="tok-from-env", keeta_base_url="https://keeta.example/api/open", zeek_appid=42
    )

    changed = await asyncio.to_thread(
        _cli, "set-gateway", "--db", db_url, "--shop-id", "770001", "--keeta-access-token", "t2",
        "--keeta-token-expires-at", "2000000000", POSAPP_RELAY_KEY=CLI_KEY,
    )  # fmt: skip
    assert changed.returncode == 0, changed.stderr
    assert (await _stored_gateway(db_url, 770001)) == GatewayCredentials(
        keeta_access_token="t2", keeta_token_expires_at=2_000_000_000
    )
    missing = await asyncio.to_thread(
        _cli, "set-gateway", "--db", db_url, "--shop-id", "1", POSAPP_RELAY_KEY=CLI_KEY
    )
    assert missing.returncode == 1
