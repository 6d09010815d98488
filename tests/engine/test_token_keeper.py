"""Direct mode keeps the Keeta token alive: against the real simulator over HTTP on 127.0.0.1.

The app's clock is the simulator's business clock, so "86 days later" is an advance of that clock,
not a wait. Tokens live in the test keyring (tests/conftest.py), exactly where the app keeps them.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from posapp.engine.assembly import Tuning, build_core
from posapp.engine.token_keeper import TokenHealth, TokenKeeper, TokenTimes, TokenVault, fingerprint
from posapp.keeta import codes
from posapp.keeta.client import KeetaClient
from posapp.keeta.config import KeetaConfig, RetryPolicy
from posapp.keeta.errors import KeetaAuthError
from posapp.secrets import SecretStore
from posapp.settings import KEETA_TOKEN_TIMES, SECRET_KEETA_REFRESH, SECRET_KEETA_TOKEN
from posapp.sim.keeta.sim import KeetaSim
from posapp.sim.keeta.tokens import EXPIRES_IN
from posapp.sim.server import SimServer
from tests.app.support import simulator_only
from tests.waiting import until

DAY = 86_400.0


def keeta_sim(sim: SimServer) -> KeetaSim:
    assert sim.ctx.keeta is not None
    return sim.ctx.keeta


@pytest.fixture
def secrets(sim: SimServer) -> SecretStore:
    """The keyring as the owner left it: the simulator's token pair, entered when it was issued."""
    store = SecretStore()
    store.set(SECRET_KEETA_TOKEN, sim.ctx.config.token)
    store.set(SECRET_KEETA_REFRESH, sim.ctx.config.refresh_token)
    return store


QUICK_RETRY = RetryPolicy(first_delay=0.01, max_delay=0.02, max_attempts=2)


def config(sim: SimServer, token: str) -> KeetaConfig:
    c = sim.ctx.config
    return KeetaConfig(
        app_id=c.app_id, secret=c.secret, access_token=token, shop_id=c.shop_id,
        base_url=f"{sim.base_url}/keeta/api/open", timeout=5.0,
        retry=QUICK_RETRY,
    )  # fmt: skip


@pytest.fixture
async def client(sim: SimServer, secrets: SecretStore) -> AsyncIterator[KeetaClient]:
    async with KeetaClient(config(sim, secrets.get(SECRET_KEETA_TOKEN) or "")) as keeta:
        yield keeta


async def new_order(sim: SimServer) -> int:
    async with httpx.AsyncClient() as http:
        answer = await http.post(f"{sim.base_url}/sim/keeta/orders", json={"mode": "delivery"})
        return int(answer.json()["orderViewId"])


async def test_a_token_near_expiry_is_refreshed_at_start_and_calls_use_the_new_one(
    sim: SimServer, secrets: SecretStore, tmp_path: Path
) -> None:
    tokens = keeta_sim(sim).tokens
    # The owner saved the token when the simulator issued it.
    issued = sim.ctx.clock.now()
    TokenVault(secrets).save_times(TokenTimes(fingerprint(sim.ctx.config.token), issued, issued + EXPIRES_IN))
    await sim.ctx.clock.advance(86 * DAY)  # 4 days left: inside the 5-day window
    shop = simulator_only(sim)
    core = build_core(
        tmp_path / "cache.sqlite3", shop.settings(zeek_app_id=0), shop.secrets(),
        tuning=Tuning(keeta_retry=QUICK_RETRY, keeta_timeout=5.0),
        token_vault=TokenVault(secrets), clock=sim.ctx.clock.now,
    )  # fmt: skip
    core.start()
    try:
        await until(lambda: tokens.refreshes == 1)
        assert core.tokens is not None
        await until(lambda: core.keeta.config.access_token == tokens.current)
        # The new pair is in the keyring, with its expiry, before anything else used it.
        assert secrets.get(SECRET_KEETA_TOKEN) == tokens.current != sim.ctx.config.token
        assert secrets.get(SECRET_KEETA_REFRESH) == tokens.refresh_token
        times = TokenVault(secrets).times()
        assert times is not None and times.token == fingerprint(tokens.current)
        assert times.expires_at == pytest.approx(sim.ctx.clock.now() + EXPIRES_IN, abs=60)

        await sim.ctx.clock.advance(5 * DAY)  # the first token has expired by now
        order_id = await new_order(sim)
        order = await core.keeta.get(order_id)
        assert order.order_view_id == order_id
        assert await core.tokens.check() and tokens.refreshes == 1  # not due again for 85 days
    finally:
        await core.stop()


async def test_a_refused_token_is_refreshed_once_and_the_call_succeeds(
    sim: SimServer, secrets: SecretStore, client: KeetaClient
) -> None:
    keeper = TokenKeeper(client, TokenVault(secrets), sim.ctx.clock.now)
    await sim.ctx.clock.advance(EXPIRES_IN + 1)
    # The app's record says the token has long to live (it was wrong, or Keeta revoked the token).
    now = sim.ctx.clock.now()
    TokenVault(secrets).save_times(TokenTimes(fingerprint(client.config.access_token), now, now + 60 * DAY))
    assert not keeper.due()
    order_id = await new_order(sim)

    await client.confirm(order_id)

    tokens = keeta_sim(sim).tokens
    assert tokens.refreshes == 1 and client.config.access_token == tokens.current
    assert secrets.get(SECRET_KEETA_REFRESH) == tokens.refresh_token
    assert keeta_sim(sim).orders[order_id].status == 30


async def test_a_refused_refresh_is_reported_once_and_never_retried(
    sim: SimServer, secrets: SecretStore, client: KeetaClient
) -> None:
    secrets.set(SECRET_KEETA_REFRESH, "spent-refresh-token")  # e.g. used by another copy of the app
    keeper = TokenKeeper(client, TokenVault(secrets), sim.ctx.clock.now)
    seen: list[TokenHealth] = []
    keeper.hub.subscribe(TokenHealth, seen.append)
    keeper.times()
    await sim.ctx.clock.advance(EXPIRES_IN + 1)
    order_id = await new_order(sim)
    tokens = keeta_sim(sim).tokens

    for _ in range(3):  # the outbox, the poller and the hourly check keep trying their own calls
        with pytest.raises(KeetaAuthError) as refused:
            await client.get(order_id)
        assert refused.value.code == codes.TOKEN_INVALID
        assert not await keeper.check()

    assert seen == [TokenHealth.FAILED] and keeper.health is TokenHealth.FAILED
    assert tokens.refused_refreshes == 1 and tokens.refreshes == 0  # one try, then it stops asking
    assert secrets.get(SECRET_KEETA_TOKEN) == sim.ctx.config.token  # nothing was overwritten


async def test_two_callers_refused_at_once_share_one_refresh(
    sim: SimServer, secrets: SecretStore, client: KeetaClient
) -> None:
    keeper = TokenKeeper(client, TokenVault(secrets), sim.ctx.clock.now)
    keeper.times()
    await sim.ctx.clock.advance(EXPIRES_IN + 1)
    orders = [await new_order(sim) for _ in range(3)]

    await asyncio.gather(*(client.get(order_id) for order_id in orders))

    tokens = keeta_sim(sim).tokens
    assert tokens.refreshes == 1 and tokens.refused_refreshes == 0  # the single-use token went once


async def test_the_new_pair_is_in_the_keyring_before_the_client_uses_it(
    sim: SimServer, secrets: SecretStore, client: KeetaClient
) -> None:
    """Crash safety of the single-use refresh token: the moment the client could sign with the new
    token (so the spent refresh token can no longer be retried), the new pair is already saved. A
    crash after the refresh call therefore loses nothing but the in-memory copy."""
    seen_in_keyring: list[tuple[str | None, str | None]] = []
    original = client.use_token

    def use_token(token: str) -> None:
        seen_in_keyring.append((secrets.get(SECRET_KEETA_TOKEN), secrets.get(SECRET_KEETA_REFRESH)))
        original(token)

    client.use_token = use_token  # type: ignore[method-assign]
    keeper = TokenKeeper(client, TokenVault(secrets), sim.ctx.clock.now)
    keeper.times()
    await sim.ctx.clock.advance(86 * DAY)

    assert await keeper.check()

    tokens = keeta_sim(sim).tokens
    assert seen_in_keyring == [(tokens.current, tokens.refresh_token)]
    assert secrets.get(KEETA_TOKEN_TIMES) is not None
