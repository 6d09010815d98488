"""Bodies are bounded on every POST path of the real relay: over 1 MiB is 413 before it is read whole."""

from __future__ import annotations

import asyncio
import contextlib

import httpx
import pytest

from posapp.relay.limits import MAX_BODY_BYTES, BodyBudget, read_body
from posapp.relay.refusal import Refused
from posapp.relay.server import RelayServer
from tests.relay.helpers import keeta_push

POST_PATHS = [
    "/keeta/webhook",
    "/zeek/callback/SIM-HK-0001",
    "/v1/ack",
    "/v1/keeta/order/confirm",
    "/v1/zeek/order/takeaway/create",
]
HUNDRED_MB = 100 * 1024 * 1024


async def _open(relay: RelayServer) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    return await asyncio.open_connection(relay.host, relay.port)


async def _answer(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    """Status line and body of the answer; then the relay must close the connection."""
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    body = await asyncio.wait_for(reader.readexactly(length), 5)
    # EOF: the relay closed the connection; a reset (our unread body still arriving) is a close too.
    with contextlib.suppress(ConnectionResetError):
        assert await asyncio.wait_for(reader.read(), 5) == b""
    return int(head.split(b" ", 2)[1]), body


def _head(path: str, token: str, extra: str) -> bytes:
    return (
        f"POST {path} HTTP/1.1\r\nHost: relay\r\nAuthorization: Bearer {token}\r\n"
        f"Content-Type: application/json\r\n{extra}\r\n"
    ).encode("ascii")


@pytest.mark.parametrize("path", POST_PATHS)
async def test_a_declared_100_mb_body_is_413_before_any_byte_of_it_is_sent(
    relay: RelayServer, token: str, path: str
) -> None:
    reader, writer = await _open(relay)
    try:
        writer.write(_head(path, token, f"Content-Length: {HUNDRED_MB}\r\n"))
        status, body = await _answer(reader)
    finally:
        writer.close()
    assert status == 413 and b"larger than" in body


@pytest.mark.parametrize("path", ["/keeta/webhook", "/zeek/callback/SIM-HK-0001", "/v1/ack"])
async def test_an_undeclared_chunked_body_is_cut_off_past_the_limit(
    relay: RelayServer, token: str, path: str, caplog: pytest.LogCaptureFixture
) -> None:
    reader, writer = await _open(relay)
    chunk = b"x" * 65536
    frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    sent = 0
    try:
        writer.write(_head(path, token, "Transfer-Encoding: chunked\r\n"))
        answer = asyncio.ensure_future(_answer(reader))
        while not answer.done() and sent < 8 * MAX_BODY_BYTES:
            writer.write(frame)
            sent += len(chunk)
            try:
                await writer.drain()
            except ConnectionError:
                break  # the relay closed it
        try:
            status, _ = await answer
            assert status == 413
        except (ConnectionResetError, asyncio.IncompleteReadError):
            pass  # closed while our body was still arriving: the 413 can be lost in the reset
    finally:
        writer.close()
    assert [r.getMessage() for r in caplog.records if "413" in r.getMessage()] == [
        f"refused {'keeta push' if path.startswith('/keeta') else 'POST ' + path}: "
        f"413 body larger than {MAX_BODY_BYTES} bytes"
    ]


async def test_a_push_of_exactly_the_limit_is_taken_and_one_byte_more_is_not(
    relay: RelayServer, client: httpx.AsyncClient, token: str
) -> None:
    push = keeta_push(1002, message_id="big")
    padded = push[:-1] + b" " * (MAX_BODY_BYTES - len(push)) + b"}"
    assert len(padded) == MAX_BODY_BYTES
    assert (await client.post(relay.base_url + "/keeta/webhook", content=padded)).status_code == 200
    over = push[:-1] + b" " * (MAX_BODY_BYTES - len(push) + 1) + b"}"
    assert (await client.post(relay.base_url + "/keeta/webhook", content=over)).status_code == 413


def _receiver(chunks: list[bytes]):  # type: ignore[no-untyped-def]
    messages = [
        {"type": "http.request", "body": c, "more_body": i < len(chunks) - 1} for i, c in enumerate(chunks)
    ]

    async def receive() -> dict[str, object]:
        return messages.pop(0)

    return receive


async def test_parallel_bodies_share_one_in_flight_budget() -> None:
    budget = BodyBudget(total=1000)
    assert budget.take(900)  # another request holds most of it
    with pytest.raises(Refused) as refused:
        await read_body(_receiver([b"a" * 60, b"b" * 60]), [], budget=budget)
    assert refused.value.status == 503
    assert budget.used == 900  # what the refused body held is given back
    budget.give(900)
    assert await read_body(_receiver([b"a" * 600, b"b" * 300]), [], budget=budget) == b"a" * 600 + b"b" * 300
    assert budget.used == 0
