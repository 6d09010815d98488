"""A killed relay loses nothing it acknowledged, and two relays on one PostgreSQL serve one store."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from posapp.relay.server import free_port
from tests.relay.conftest import add_store
from tests.relay.helpers import RelayProcess, SseStream, keeta_push


async def _push(client: httpx.AsyncClient, base_url: str, mid: str) -> None:
    r = await client.post(base_url + "/keeta/webhook", content=keeta_push(1002, message_id=mid))
    assert r.status_code == 200 and r.json()["code"] == 0


@pytest.mark.slow
async def test_sigkilled_relay_restarts_and_the_app_catches_up_exactly(db_url: str):
    token = await add_store(db_url)
    relay = RelayProcess(db_url, free_port())
    await relay.start()
    try:
        async with httpx.AsyncClient(timeout=10) as client:
            for i in range(1, 6):
                await _push(client, relay.base_url, f"m{i}")
            seen: list[tuple[int, str]] = []
            with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError, EOFError)):
                async with SseStream(client, relay.base_url + "/v1/stream", token) as stream:
                    for event in await stream.events(3):
                        seen.append((int(event.id or 0), event.data["dedup_key"]))
                    await relay.kill()  # mid-stream: what was already on the wire may still arrive
                    while True:
                        event = await stream.next_event()
                        seen.append((int(event.id or 0), event.data["dedup_key"]))
            cursor = seen[-1][0]
            await relay.start()
            await _push(client, relay.base_url, "m4")  # Keeta's retry of an event stored before the kill
            for i in range(6, 9):
                await _push(client, relay.base_url, f"m{i}")
            async with SseStream(
                client, relay.base_url + "/v1/stream", token, {"Last-Event-ID": str(cursor)}
            ) as s:
                for event in await s.events(8 - cursor):
                    seen.append((int(event.id or 0), event.data["dedup_key"]))
    finally:
        await relay.kill()
    assert seen == [(i, f"m{i}") for i in range(1, 9)]


@pytest.mark.slow
async def test_two_relay_processes_on_one_postgres_serve_one_store(db_url: str):
    if not db_url.startswith("postgres"):
        pytest.skip("several relay processes share a store only on PostgreSQL")
    token = await add_store(db_url)
    a, b = RelayProcess(db_url, free_port()), RelayProcess(db_url, free_port())
    await asyncio.gather(a.start(), b.start())
    try:
        async with httpx.AsyncClient(timeout=10) as client:
            async with SseStream(client, a.base_url + "/v1/stream", token) as stream:
                await stream.next_comment()
                # Pushes spread over both, some concurrently; the stream on A must get B's through NOTIFY
                # (the safety re-read is 60 s in these processes, longer than any wait below).
                ids = [f"e{i}" for i in range(40)]
                await asyncio.gather(
                    *(_push(client, (a if i % 2 else b).base_url, mid) for i, mid in enumerate(ids))
                )
                await _push(client, a.base_url, "e3")  # a retry landing on the other relay
                events = await stream.events(len(ids), within=10)
            seqs = [int(e.id or 0) for e in events]
            assert seqs == list(range(1, len(ids) + 1))
            assert sorted(e.data["dedup_key"] for e in events) == sorted(ids)
            # ...and B alone still serves the same store's history.
            r = await client.get(
                b.base_url + "/v1/events?after=0&wait=0", headers={"Authorization": f"Bearer {token}"}
            )
            assert [e["seq"] for e in r.json()["events"]] == seqs
    finally:
        await a.kill()
        await b.kill()
