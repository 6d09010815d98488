"""PostgreSQL going away and coming back, on a throwaway server of the test's own (tests/pgcluster.py).

While the database is down the relay says so (/healthz and /readyz 503) and answers pushes 503, so
Keeta retries them: never a 200 without a commit. Once it is back, readiness, pushes and the
cross-process wake-ups return by themselves, and an open stream carries on from its cursor.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Iterator

import asyncpg
import httpx
import pytest

from posapp.relay.server import RelayServer
from tests.pgcluster import PgCluster, unavailable_reason
from tests.relay.conftest import add_store
from tests.relay.helpers import SseStream, keeta_push, relay_config
from tests.waiting import until, until_async


@pytest.fixture(scope="module")
def cluster() -> Iterator[PgCluster]:
    reason = unavailable_reason()
    if reason:
        pytest.skip(reason)
    made = PgCluster()
    made.create()
    try:
        yield made
    finally:
        made.destroy()


@pytest.fixture
async def db_on_cluster(cluster: PgCluster) -> AsyncIterator[str]:
    name = "relay_" + uuid.uuid4().hex[:10]
    conn = await asyncpg.connect(cluster.url)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    yield cluster.url.rsplit("/", 1)[0] + "/" + name


async def _status(client: httpx.AsyncClient, url: str) -> int:
    try:
        return (await client.get(url)).status_code
    except httpx.TransportError:
        return 0


@pytest.mark.slow
async def test_readyz_follows_the_database_within_two_seconds_and_pushes_never_get_200_without_it(
    cluster: PgCluster, db_on_cluster: str
):
    await add_store(db_on_cluster)
    relay = RelayServer(relay_config(), db_on_cluster)
    await relay.start()
    ready, health = relay.base_url + "/readyz", relay.base_url + "/healthz"
    try:
        async with httpx.AsyncClient(timeout=10) as client:
            assert await _status(client, ready) == 200
            await cluster.stop()
            gone = time.monotonic()
            await until_async(lambda: _is(client, ready, 503), within=2.0)
            went_unready = time.monotonic() - gone
            assert await _status(client, health) == 503
            refused = await client.post(
                relay.base_url + "/keeta/webhook", content=keeta_push(message_id="m1")
            )
            assert refused.status_code == 503 and refused.json()["code"] == 503

            await cluster.start()
            back = time.monotonic()
            await until_async(lambda: _is(client, ready, 200), within=2.0)
            back_after = time.monotonic() - back
            print(f"readyz 503 after {went_unready:.2f} s, 200 {back_after:.2f} s after return")  # noqa: T201
            assert await _status(client, health) == 200
            for mid in ("m1", "m2"):  # m1: Keeta's retry of the push refused while the database was down
                r = await client.post(relay.base_url + "/keeta/webhook", content=keeta_push(message_id=mid))
                assert r.status_code == 200
    finally:
        await relay.stop()
    conn = await asyncpg.connect(db_on_cluster)
    try:
        stored = await conn.fetch("SELECT seq, dedup_key FROM relay_events ORDER BY seq")
    finally:
        await conn.close()
    assert [(r["seq"], r["dedup_key"]) for r in stored] == [(1, "m1"), (2, "m2")]


async def _is(client: httpx.AsyncClient, url: str, status: int) -> bool:
    return await _status(client, url) == status


@pytest.mark.slow
async def test_cross_process_wake_ups_and_open_streams_survive_a_database_restart(
    cluster: PgCluster, db_on_cluster: str
):
    token = await add_store(db_on_cluster)
    # The safety re-read is 30 s here: only a NOTIFY on the reopened LISTEN connection can deliver in time.
    a = RelayServer(relay_config(), db_on_cluster)
    b = RelayServer(relay_config(), db_on_cluster)
    await a.start()
    await b.start()
    listening = a.app.state.relay.storage
    try:
        async with httpx.AsyncClient(timeout=10) as client:
            async with SseStream(client, a.base_url + "/v1/stream", token) as stream:
                await stream.next_comment()
                r = await client.post(b.base_url + "/keeta/webhook", content=keeta_push(message_id="before"))
                assert r.status_code == 200
                assert (await stream.next_event(within=2)).data["dedup_key"] == "before"

                await cluster.stop()
                await until(lambda: listening.health().listening is False, within=2)
                await cluster.start()
                await until(lambda: listening.health().listening is True, within=2)
                await until_async(lambda: _is(client, b.base_url + "/readyz", 200), within=2)

                r = await client.post(b.base_url + "/keeta/webhook", content=keeta_push(message_id="after"))
                assert r.status_code == 200
                event = await stream.next_event(within=2)  # the same stream, still open
                assert event.data["dedup_key"] == "after" and event.id == "2"
            text = (await client.get(a.base_url + "/metrics")).text
            assert "posapp_relay_listen_connected 1.0" in text
    finally:
        await a.stop()
        await b.stop()


@pytest.mark.slow
async def test_readyz_says_503_while_the_writer_is_stuck_and_200_once_it_moves(db_url: str):
    if not db_url.startswith("postgres"):
        pytest.skip("a write held up by another session's row lock needs PostgreSQL")
    await add_store(db_url)
    relay = RelayServer(relay_config(writer_stuck_seconds=0.3), db_url)
    await relay.start()
    blocker = await asyncpg.connect(db_url)
    try:
        async with httpx.AsyncClient(timeout=10) as client:
            lock = blocker.transaction()
            await lock.start()
            await blocker.execute("SELECT 1 FROM relay_stores FOR UPDATE")
            push = asyncio.ensure_future(
                client.post(relay.base_url + "/keeta/webhook", content=keeta_push(message_id="held"))
            )
            await until_async(lambda: _is(client, relay.base_url + "/readyz", 503), within=5)
            body = (await client.get(relay.base_url + "/readyz")).json()
            assert body["ready"] is False and "writer stuck" in body["problems"][0]
            assert not push.done()
            await lock.rollback()
            assert (await push).status_code == 200
            assert await _status(client, relay.base_url + "/readyz") == 200
    finally:
        await blocker.close()
        await relay.stop()
