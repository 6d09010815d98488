"""Gateway credentials are sealed at rest with POSAPP_RELAY_KEY; without it nothing is written, with
the wrong one the app hears 503 and the relay keeps serving. Older plain rows still work."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx

from posapp.relay.credentials import GatewayCredentials
from posapp.relay.sealing import Sealer, generate_key, is_sealed
from posapp.relay.server import RelayServer
from posapp.relay.state import RelayState
from posapp.relay.storage import storage_for_url
from posapp.sim.server import SimServer
from tests.relay.helpers import SHOP_ID, relay_config
from tests.relay.test_gateway import _cli, bearer, new_sim_order, set_gateway, sim_credentials
from tests.relay.test_gateway_tokens import save_credentials
from tests.waiting import until

SECRET_TOKEN = "tok-5ecret-do-not-leak"
SECRET_REFRESH = "refresh-5ecret-do-not-leak"


async def raw_row(db_url: str) -> str | None:
    storage = storage_for_url(db_url)
    await storage.open()
    try:
        store = await storage.store_by_shop(SHOP_ID)
        assert store is not None
        return await storage.gateway(store.id)
    finally:
        await storage.close()


def _database_bytes(folder: Path) -> bytes:
    """The database file and its WAL and shared-memory files, if any."""
    return b"".join(p.read_bytes() for p in folder.iterdir() if p.name.startswith("relay.sqlite3"))


async def test_set_gateway_seals_the_secrets_in_the_sqlite_file(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path}/relay.sqlite3"
    key = generate_key()
    added = await asyncio.to_thread(
        _cli, "add-store", "--db", db_url, "--shop-id", str(SHOP_ID), "--name", "A"
    )
    assert added.returncode == 0, added.stderr

    refused = await asyncio.to_thread(
        _cli, "set-gateway", "--db", db_url, "--shop-id", str(SHOP_ID), "--keeta-access-token", SECRET_TOKEN
    )
    assert refused.returncode == 2 and "POSAPP_RELAY_KEY is not set" in refused.stderr
    assert await raw_row(db_url) is None  # never silently stored in plain text

    saved = await asyncio.to_thread(
        _cli, "set-gateway", "--db", db_url, "--shop-id", str(SHOP_ID), "--keeta-access-token", SECRET_TOKEN,
        POSAPP_RELAY_KEETA_REFRESH_TOKEN=SECRET_REFRESH, POSAPP_RELAY_KEY=key,
    )  # fmt: skip
    assert saved.returncode == 0, saved.stderr
    content = await asyncio.to_thread(_database_bytes, tmp_path)
    assert b"keeta_access_token" not in content
    assert SECRET_TOKEN.encode() not in content and SECRET_REFRESH.encode() not in content
    row = await raw_row(db_url)
    assert row is not None and is_sealed(row)
    opened = GatewayCredentials.from_json(Sealer(key).open(row))
    assert opened.keeta_access_token == SECRET_TOKEN and opened.keeta_refresh_token == SECRET_REFRESH


async def test_a_malformed_key_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path}/relay.sqlite3"
    answer = await asyncio.to_thread(_cli, "list-stores", "--db", db_url, POSAPP_RELAY_KEY="not-a-key")
    assert answer.returncode == 2 and "gen-key" in answer.stderr
    made = await asyncio.to_thread(_cli, "gen-key")
    assert made.returncode == 0 and Sealer(made.stdout.strip()).seal("x") != "x"


async def test_a_wrong_key_is_a_503_and_the_relay_keeps_serving(
    db_url: str, token: str, sim: SimServer, client: httpx.AsyncClient
) -> None:
    await save_credentials(db_url, sim_credentials(sim))  # sealed with the tests' key
    for settings_key in (generate_key(), ""):  # another key, and none at all
        server = RelayServer(relay_config(settings_key=settings_key), db_url)
        await server.start()
        try:
            answer = await client.post(
                f"{server.base_url}/v1/keeta/order/get", json={"orderViewId": 1}, headers=bearer(token)
            )
            assert answer.status_code == 503
            assert answer.json() == {"gateway_error": "the relay cannot read this store's credentials"}
            assert (await client.get(f"{server.base_url}/healthz")).status_code == 200
        finally:
            await server.stop()


async def test_a_plain_row_from_an_older_relay_still_works_and_is_sealed_at_start(
    db_url: str, token: str, sim: SimServer, client: httpx.AsyncClient
) -> None:
    await set_gateway(db_url, sim_credentials(sim))  # plain JSON, as relays before sealing wrote it
    assert not is_sealed(await raw_row(db_url) or "")
    key = generate_key()
    server = RelayServer(relay_config(settings_key=key), db_url)
    await server.start()
    try:
        state: RelayState = server.app.state.relay
        await until(lambda: state.tokens.passes >= 1)
        row = await raw_row(db_url)
        assert row is not None and is_sealed(row)
        sealed = GatewayCredentials.from_json(Sealer(key).open(row))
        assert sealed.keeta_access_token == sim.ctx.config.token
        assert sealed.keeta_token_expires_at is not None and sealed.keeta_token_expires_at > time.time()
        order_id = await new_sim_order(sim, client)
        answer = await client.post(
            f"{server.base_url}/v1/keeta/order/confirm", json={"orderViewId": order_id}, headers=bearer(token)
        )
        assert answer.json()["code"] == 0
    finally:
        await server.stop()
