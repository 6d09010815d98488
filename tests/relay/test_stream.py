"""Relay → app over real HTTP: auth, resume by cursor, live wake-ups, heartbeats, long-poll, ack + prune."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from posapp.relay.config import RelayConfig
from posapp.relay.server import RelayServer
from tests.relay.helpers import SseStream, keeta_push, relay_config


async def _push(client: httpx.AsyncClient, relay: RelayServer, *message_ids: str) -> None:
    for mid in message_ids:
        r = await client.post(relay.base_url + "/keeta/webhook", content=keeta_push(1002, message_id=mid))
        assert r.status_code == 200


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_missing_wrong_or_revoked_token_gets_401(
    relay: RelayServer, client: httpx.AsyncClient, token: str
):
    base = relay.base_url
    for headers in ({}, _auth("prs_wrong"), {"Authorization": token}, {"Authorization": "Basic abc"}):
        assert (await client.get(base + "/v1/stream", headers=headers)).status_code == 401
        assert (await client.get(base + "/v1/events?wait=0", headers=headers)).status_code == 401
        assert (await client.post(base + "/v1/ack", json={"cursor": 1}, headers=headers)).status_code == 401
    await relay.app.state.relay.storage.revoke_store(880001, time.time())
    assert (await client.get(base + "/v1/events?wait=0", headers=_auth(token))).status_code == 401


async def test_stream_resumes_after_last_event_id_or_after(
    relay: RelayServer, client: httpx.AsyncClient, token: str
):
    await _push(client, relay, "a", "b", "c")
    url = relay.base_url + "/v1/stream"
    async with SseStream(client, url, token, {"Last-Event-ID": "1"}) as stream:
        assert [e.id for e in await stream.events(2)] == ["2", "3"]
    async with SseStream(client, url + "?after=2", token) as stream:
        event = await stream.next_event()
        assert (event.id, event.data["dedup_key"]) == ("3", "c")


async def test_stream_wakes_on_new_push_and_keeps_order(
    relay: RelayServer, client: httpx.AsyncClient, token: str
):
    async with SseStream(client, relay.base_url + "/v1/stream", token) as stream:
        await stream.next_comment()  # connected and caught up: nothing retained yet
        await _push(client, relay, "x")
        first = await stream.next_event(within=5)  # re-read is 30 s: only the wake-up delivers this
        await _push(client, relay, "y", "z")
        rest = await stream.events(2, within=5)
    assert [(e.id, e.data["dedup_key"]) for e in (first, *rest)] == [("1", "x"), ("2", "y"), ("3", "z")]


@pytest.fixture
def config() -> RelayConfig:
    return relay_config(heartbeat_seconds=0.2)


async def test_idle_stream_gets_heartbeat_comments(relay: RelayServer, client: httpx.AsyncClient, token: str):
    async with SseStream(client, relay.base_url + "/v1/stream", token) as stream:
        assert stream.response.headers["content-type"].startswith("text/event-stream")
        assert stream.response.headers["x-accel-buffering"] == "no"
        assert await stream.next_comment() == "posapp relay"
        assert (await stream.next_comment(within=5)).startswith("ping")


async def test_long_poll_returns_as_soon_as_an_event_arrives(
    relay: RelayServer, client: httpx.AsyncClient, token: str
):
    url = relay.base_url + "/v1/events"
    empty = await client.get(url + "?after=0&wait=0", headers=_auth(token))
    assert empty.status_code == 204
    started = time.monotonic()
    poll = asyncio.create_task(client.get(url + "?after=0&wait=25", headers=_auth(token), timeout=30))
    await asyncio.sleep(0)  # let the poll start; correctness does not depend on it having subscribed
    await _push(client, relay, "lp")
    r = await poll
    assert r.status_code == 200 and time.monotonic() - started < 10
    body = r.json()
    assert body["cursor"] == 1 and [e["dedup_key"] for e in body["events"]] == ["lp"]
    after = await client.get(url + "?after=1&wait=0", headers=_auth(token))
    assert after.status_code == 204


async def test_ack_is_monotonic_and_prune_drops_only_acknowledged(
    relay: RelayServer, client: httpx.AsyncClient, token: str
):
    await _push(client, relay, "p1", "p2", "p3")
    ack = relay.base_url + "/v1/ack"
    assert (await client.post(ack, json={"cursor": 2}, headers=_auth(token))).json() == {"acked": 2}
    assert (await client.post(ack, json={"cursor": 1}, headers=_auth(token))).json() == {"acked": 2}
    assert (await client.post(ack, json={"cursor": "x"}, headers=_auth(token))).status_code == 400
    storage = relay.app.state.relay.storage
    assert await storage.prune(time.time() + 1, keep_seconds=0) == 2
    # A stream with no cursor starts at the oldest event still retained.
    async with SseStream(client, relay.base_url + "/v1/stream", token) as stream:
        event = await stream.next_event()
    assert (event.id, event.data["dedup_key"]) == ("3", "p3")
    # Pruning never lets a seq be reused.
    await _push(client, relay, "p4")
    r = await client.get(relay.base_url + "/v1/events?after=3&wait=0", headers=_auth(token))
    assert [e["seq"] for e in r.json()["events"]] == [4]
    assert (await client.post(ack, json={"cursor": 99}, headers=_auth(token))).json() == {"acked": 4}
