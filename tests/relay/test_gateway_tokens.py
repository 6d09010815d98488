"""The relay keeps gateway stores' Keeta tokens alive: simulator and relay on 127.0.0.1 (SQLite and
PostgreSQL). The relay's clock is the simulator's business clock, so "86 days later" is an advance.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from posapp.relay.credentials import CredentialStore, GatewayCredentials
from posapp.relay.sealing import Sealer, generate_key
from posapp.relay.server import RelayServer
from posapp.relay.state import RelayState
from posapp.relay.storage import storage_for_url
from posapp.relay.token_refresh import KeetaTokenRefresher
from posapp.sim.keeta.tokens import EXPIRES_IN, Tokens
from posapp.sim.server import SimServer
from tests.relay.helpers import SHOP_ID, relay_config
from tests.relay.test_gateway import bearer, new_sim_order, sim_credentials, sim_status
from tests.waiting import until

DAY = 86_400.0
KEY = generate_key()


def sim_tokens(sim: SimServer) -> Tokens:
    assert sim.ctx.keeta is not None
    return sim.ctx.keeta.tokens


async def save_credentials(db_url: str, credentials: GatewayCredentials) -> None:
    storage = storage_for_url(db_url)
    await storage.open()
    try:
        store = await storage.store_by_shop(SHOP_ID)
        assert store is not None
        await CredentialStore(storage, Sealer(KEY)).save(store.id, credentials, time.time())
    finally:
        await storage.close()


async def stored_credentials(db_url: str) -> GatewayCredentials:
    storage = storage_for_url(db_url)
    await storage.open()
    try:
        store = await storage.store_by_shop(SHOP_ID)
        assert store is not None
        loaded = await CredentialStore(storage, Sealer(KEY)).load(store.id)
        assert loaded is not None
        return loaded.credentials
    finally:
        await storage.close()


def with_tokens(sim: SimServer, expires_at: float) -> GatewayCredentials:
    return sim_credentials(
        sim, keeta_refresh_token=sim.ctx.config.refresh_token, keeta_token_expires_at=expires_at
    )


def relay_state(server: RelayServer) -> RelayState:
    state: RelayState = server.app.state.relay
    return state


@pytest.fixture
async def started() -> AsyncIterator[list[RelayServer]]:
    servers: list[RelayServer] = []
    yield servers
    for server in servers:
        await server.stop()


async def start_relays(db_url: str, sim: SimServer, started: list[RelayServer], count: int = 1) -> None:
    servers = [RelayServer(relay_config(settings_key=KEY), db_url) for _ in range(count)]
    for server in servers:
        relay_state(server).tokens.clock = sim.ctx.clock.now
    started.extend(servers)
    await asyncio.gather(*(server.start() for server in servers))


async def confirm(server: RelayServer, token: str, order_id: int) -> dict[str, Any]:
    async with httpx.AsyncClient(timeout=10.0) as http:
        answer = await http.post(
            f"{server.base_url}/v1/keeta/order/confirm",
            json={"orderViewId": order_id, "shopId": SHOP_ID},
            headers=bearer(token),
        )
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


async def test_a_token_due_within_five_days_is_refreshed_by_the_background_task(
    db_url: str, token: str, sim: SimServer, started: list[RelayServer], client: httpx.AsyncClient
) -> None:
    tokens = sim_tokens(sim)
    await save_credentials(db_url, with_tokens(sim, tokens.issued_at + EXPIRES_IN))
    await sim.ctx.clock.advance(86 * DAY)

    await start_relays(db_url, sim, started)
    await until(lambda: relay_state(started[0]).tokens.passes >= 1)

    assert tokens.refreshes == 1
    stored = await stored_credentials(db_url)
    assert stored.keeta_access_token == tokens.current != sim.ctx.config.token
    assert stored.keeta_refresh_token == tokens.refresh_token and stored.keeta_refresh_claimed_until is None
    assert stored.keeta_token_expires_at == pytest.approx(sim.ctx.clock.now() + EXPIRES_IN, abs=60)

    await sim.ctx.clock.advance(5 * DAY)  # the old token is dead now; the forwarded call still works
    order_id = await new_sim_order(sim, client)
    assert (await confirm(started[0], token, order_id))["code"] == 0
    assert await sim_status(sim, client, order_id) == 30
    assert tokens.refreshes == 1


async def test_a_forwarded_call_with_a_refused_token_is_refreshed_once_and_retried(
    db_url: str, token: str, sim: SimServer, started: list[RelayServer], client: httpx.AsyncClient
) -> None:
    tokens = sim_tokens(sim)
    await sim.ctx.clock.advance(EXPIRES_IN + 1)  # expired, though the relay's record says otherwise
    await save_credentials(db_url, with_tokens(sim, sim.ctx.clock.now() + 60 * DAY))
    await start_relays(db_url, sim, started)
    order_id = await new_sim_order(sim, client)

    assert (await confirm(started[0], token, order_id))["code"] == 0

    assert tokens.refreshes == 1
    assert (await stored_credentials(db_url)).keeta_access_token == tokens.current


async def test_a_refused_refresh_is_remembered_and_not_sent_again(
    db_url: str, token: str, sim: SimServer, started: list[RelayServer], client: httpx.AsyncClient
) -> None:
    tokens = sim_tokens(sim)
    await sim.ctx.clock.advance(EXPIRES_IN + 1)
    spent = sim_credentials(sim, keeta_refresh_token="spent", keeta_token_expires_at=sim.ctx.clock.now())
    await save_credentials(db_url, spent)
    await start_relays(db_url, sim, started)
    await until(lambda: relay_state(started[0]).tokens.passes >= 1)
    order_id = await new_sim_order(sim, client)

    for _ in range(2):
        answer = await confirm(started[0], token, order_id)
        assert answer["code"] != 0  # Keeta's own "token invalid" answer, passed on as it came
    await relay_state(started[0]).tokens.refresh_due()

    assert tokens.refused_refreshes == 1 and tokens.refreshes == 0
    assert (await stored_credentials(db_url)).keeta_refresh_refused


async def test_two_relays_on_one_database_refresh_a_store_once(
    db_url: str, token: str, sim: SimServer, started: list[RelayServer], client: httpx.AsyncClient
) -> None:
    tokens = sim_tokens(sim)
    await save_credentials(db_url, with_tokens(sim, tokens.issued_at + EXPIRES_IN))
    await sim.ctx.clock.advance(87 * DAY)

    await start_relays(db_url, sim, started, count=2)  # both run their first pass at once
    await until(lambda: all(relay_state(s).tokens.passes >= 1 for s in started))

    assert tokens.refreshes == 1 and tokens.refused_refreshes == 0
    assert (await stored_credentials(db_url)).keeta_access_token == tokens.current
    for server in started:
        order_id = await new_sim_order(sim, client)
        assert (await confirm(server, token, order_id))["code"] == 0


async def test_two_processes_refused_at_the_same_moment_send_the_refresh_token_once(
    db_url: str, token: str, sim: SimServer
) -> None:
    tokens = sim_tokens(sim)
    await sim.ctx.clock.advance(EXPIRES_IN + 1)
    await save_credentials(db_url, with_tokens(sim, sim.ctx.clock.now() + 60 * DAY))
    storages = [storage_for_url(db_url) for _ in range(2)]
    for storage in storages:
        await storage.open()
    try:
        config = relay_config(settings_key=KEY)
        refreshers = [
            KeetaTokenRefresher(CredentialStore(s, Sealer(KEY)), config, sim.ctx.clock.now) for s in storages
        ]
        store = await storages[0].store_by_shop(SHOP_ID)
        assert store is not None
        old = sim.ctx.config.token

        results = await asyncio.gather(*(r.refresh_store(store, refused=old) for r in refreshers))

        assert tokens.refreshes == 1 and tokens.refused_refreshes == 0
        assert sum(r.refreshed for r in refreshers) == 1
        # The loser re-read the row instead (it found the winner's claim, or already the new pair).
        assert any(r is not None and r.keeta_access_token == tokens.current for r in results)
    finally:
        for storage in storages:
            await storage.close()
