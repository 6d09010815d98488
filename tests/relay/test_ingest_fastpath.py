"""Behaviour the ingest optimisations must keep: answers from the fast path, revocation elsewhere."""

from __future__ import annotations

import asyncio
import time

import httpx

from posapp.relay.server import RelayServer
from posapp.relay.storage import storage_for_url
from tests.relay.helpers import SHOP_ID, keeta_push


async def test_store_revoked_by_another_process_is_refused_at_once(
    relay: RelayServer, client: httpx.AsyncClient, db_url: str
):
    first = await client.post(relay.base_url + "/keeta/webhook", content=keeta_push(1002))
    assert first.status_code == 200 and first.json() == {"code": 0, "message": "Success"}
    other = storage_for_url(db_url)  # as `posapp relay revoke-store` run beside the live relay
    await other.open()
    try:
        assert await other.revoke_store(SHOP_ID, time.time())
    finally:
        await other.close()
    again = await client.post(relay.base_url + "/keeta/webhook", content=keeta_push(1002))
    assert again.status_code == 404 and again.json()["code"] == 404


async def test_many_concurrent_pushes_each_get_their_own_seq_after_commit(
    relay: RelayServer, client: httpx.AsyncClient
):
    bodies = [keeta_push(1002, message_id=f"c{i}") for i in range(40)]
    answers = await asyncio.gather(
        *(client.post(relay.base_url + "/keeta/webhook", content=b) for b in bodies)
    )
    assert [a.status_code for a in answers] == [200] * 40
    events = await relay.app.state.relay.storage.read_after(1, 0, 100)
    assert sorted(e.dedup_key for e in events) == sorted(f"c{i}" for i in range(40))
    assert [e.seq for e in events] == sorted({e.seq for e in events})


async def test_a_retry_for_a_store_revoked_elsewhere_is_refused_too(
    relay: RelayServer, client: httpx.AsyncClient, db_url: str
):
    push = keeta_push(1002, message_id="retried-after-revoke")
    assert (await client.post(relay.base_url + "/keeta/webhook", content=push)).status_code == 200
    other = storage_for_url(db_url)
    await other.open()
    try:
        assert await other.revoke_store(SHOP_ID, time.time())
    finally:
        await other.close()
    retry = await client.post(relay.base_url + "/keeta/webhook", content=push)
    assert retry.status_code == 404 and retry.json()["code"] == 404
