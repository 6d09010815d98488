"""Bare keep-alive HTTP/1.1 over asyncio streams: cheap enough that the load generator is not the bottleneck.

Requests are pre-built bytes; responses are read by Content-Length, SSE by chunked framing.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

HOST = "127.0.0.1"


def post_bytes(path: str, body: bytes, port: int) -> bytes:
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode("ascii") + body


def get_bytes(path: str, port: int, headers: dict[str, str]) -> bytes:
    extra = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    return f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\n{extra}\r\n".encode("ascii")


def _status_and_headers(head: bytes) -> tuple[int, dict[bytes, bytes]]:
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        headers[name.strip().lower()] = value.strip()
    return status, headers


class Connection:
    """One keep-alive connection; one request in flight at a time."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.server_closes = False  # the last answer said "Connection: close" (nginx every 1,000 requests)

    @classmethod
    async def open(cls, port: int) -> Connection:
        reader, writer = await asyncio.open_connection(HOST, port, limit=1 << 20)
        return cls(reader, writer)

    async def request(self, raw: bytes) -> tuple[int, bytes]:
        self.writer.write(raw)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status, headers = _status_and_headers(head[:-4])
        body = await self.reader.readexactly(int(headers.get(b"content-length", b"0")))
        self.server_closes = headers.get(b"connection", b"").lower() == b"close"
        return status, body

    def close(self) -> None:
        self.writer.close()


@dataclass
class SseMessage:
    id: str = ""
    event: str = ""
    data: list[str] = field(default_factory=list)
    comment: bool = False


class SseReader:
    """``GET /v1/stream`` on a connection of its own, yielding parsed messages (comments included)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.status = 0

    @classmethod
    async def open(cls, port: int, token: str, after: int | None = None) -> SseReader:
        headers = {"Authorization": f"Bearer {token}", "Accept": "text/event-stream"}
        if after is not None:
            headers["Last-Event-ID"] = str(after)
        conn = await Connection.open(port)
        conn.writer.write(get_bytes("/v1/stream", port, headers))
        head = await conn.reader.readuntil(b"\r\n\r\n")
        self = cls(conn)
        self.status, headers_in = _status_and_headers(head[:-4])
        if headers_in.get(b"transfer-encoding") != b"chunked":
            raise RuntimeError(f"stream answered {self.status} without chunked framing")
        return self

    async def _chunks(self) -> AsyncIterator[bytes]:
        reader = self.conn.reader
        while True:
            size = int((await reader.readline()).strip() or b"0", 16)
            if size == 0:
                return
            chunk = await reader.readexactly(size + 2)
            yield chunk[:-2]

    async def messages(self) -> AsyncIterator[SseMessage]:
        buffer = b""
        async for chunk in self._chunks():
            buffer = (buffer + chunk).replace(b"\r\n", b"\n")
            *blocks, buffer = buffer.split(b"\n\n")
            for block in blocks:
                yield _parse_block(block.decode("utf-8"))

    def close(self) -> None:
        self.conn.close()


def _parse_block(block: str) -> SseMessage:
    message = SseMessage()
    for line in block.split("\n"):
        name, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if name == "":
            message.comment = True
        elif name == "id":
            message.id = value
        elif name == "event":
            message.event = value
        elif name == "data":
            message.data.append(value)
    return message
