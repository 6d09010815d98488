"""The relay's HTTP protocol on a real socket: slow requests cut, big headers 431, idle sockets evicted
when fds run short — and a stream being served is never touched. Bounds are shortened here; the
benchmark runs the deployed ones against 1,100 half-open sockets."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from posapp.relay.app import create_app
from posapp.relay.protocol import guarded_protocol
from posapp.relay.server import uvicorn_options
from posapp.serving import LoopServer
from tests.relay.conftest import add_store
from tests.relay.helpers import SseStream, keeta_push, relay_config

REQUEST_SECONDS = 0.5
CAP = 40


async def _serve(tmp_path: Path, request_seconds: float) -> AsyncIterator[tuple[LoopServer, str]]:
    db_url = f"sqlite:///{tmp_path}/relay.sqlite3"
    token = await add_store(db_url)
    options = {**uvicorn_options(), "http": guarded_protocol(request_seconds, 16 * 1024, CAP)}
    server = LoopServer(
        create_app(relay_config(), db_url), lifespan="on", timeout_graceful_shutdown=1, **options
    )
    await server.start()
    try:
        yield server, token
    finally:
        await server.stop()


@pytest.fixture
async def guarded(tmp_path: Path) -> AsyncIterator[tuple[LoopServer, str]]:
    async for served in _serve(tmp_path, REQUEST_SECONDS):
        yield served


@pytest.fixture
async def patient(tmp_path: Path) -> AsyncIterator[tuple[LoopServer, str]]:
    """Deadlines far off: only eviction can free a half-open socket within the test."""
    async for served in _serve(tmp_path, 60.0):
        yield served


async def _closed_within(reader: asyncio.StreamReader, seconds: float) -> bytes:
    """What the relay sent before closing; fails if it keeps the connection open longer."""
    with contextlib.suppress(ConnectionResetError):
        return await asyncio.wait_for(reader.read(), seconds)
    return b""


@pytest.mark.parametrize(
    "sent",
    [
        b"",
        b"POST /keeta/webhook HTTP/1.1\r\nHost: relay\r\n",
        b'POST /keeta/webhook HTTP/1.1\r\nHost: relay\r\nContent-Length: 100\r\n\r\n{"half":',
    ],
    ids=["nothing", "half the headers", "half the body"],
)
async def test_a_request_that_does_not_arrive_in_time_is_cut(
    guarded: tuple[LoopServer, str], sent: bytes
) -> None:
    server, _ = guarded
    reader, writer = await asyncio.open_connection(server.host, server.port)
    writer.write(sent)
    try:
        assert await _closed_within(reader, REQUEST_SECONDS + 5) == b""
    finally:
        writer.close()


async def test_oversize_headers_are_431(guarded: tuple[LoopServer, str]) -> None:
    server, _ = guarded
    reader, writer = await asyncio.open_connection(server.host, server.port)
    writer.write(b"GET /healthz HTTP/1.1\r\nHost: relay\r\nX-Junk: " + b"a" * 20_000)
    try:
        answer = await _closed_within(reader, 5)
    finally:
        writer.close()
    assert answer.startswith(b"HTTP/1.1 431 ")


async def test_a_stream_outlives_the_request_deadline(guarded: tuple[LoopServer, str]) -> None:
    server, token = guarded
    async with (
        httpx.AsyncClient(timeout=10) as client,
        SseStream(client, server.base_url + "/v1/stream", token) as stream,
    ):
        await stream.next_comment()
        await asyncio.sleep(REQUEST_SECONDS * 3)  # the time is the subject here: past the deadline
        push = keeta_push(1002, message_id="late")
        assert (await client.post(server.base_url + "/keeta/webhook", content=push)).status_code == 200
        assert (await stream.next_event(within=5)).data["dedup_key"] == "late"


async def test_past_the_connection_cap_the_oldest_half_open_sockets_make_room(
    patient: tuple[LoopServer, str],
) -> None:
    server, token = patient
    async with (
        httpx.AsyncClient(timeout=10) as client,
        SseStream(client, server.base_url + "/v1/stream", token) as stream,
    ):
        await stream.next_comment()
        flood = [await asyncio.open_connection(server.host, server.port) for _ in range(3 * CAP)]
        try:
            assert (await client.get(server.base_url + "/healthz")).status_code == 200
            push = keeta_push(1002, message_id="after-the-flood")
            assert (await client.post(server.base_url + "/keeta/webhook", content=push)).status_code == 200
            event = await stream.next_event(within=5)  # the stream, older than the flood, still serves
            assert event.data["dedup_key"] == "after-the-flood"
            closed = 0
            for reader, _ in flood:
                with contextlib.suppress(asyncio.TimeoutError):
                    closed += await _closed_within(reader, 0.05) == b""
            assert closed >= 2 * CAP - 5  # the oldest half-open ones went to make room
        finally:
            for _, writer in flood:
                writer.close()
