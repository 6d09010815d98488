"""uvicorn's httptools protocol with the bounds a public server needs: slow or endless requests are cut.

uvicorn keeps a connection whose headers or body never finish for ever, and has no header size
limit with httptools. With the relay's fd limit at 1024, about 1,100 such sockets once locked
Keeta's pushes and ``/healthz`` out for over a minute. Here:

- a request's headers and body must arrive within ``request_seconds`` (10 s) of its first byte —
  of the connection, for the first request — or the connection is closed;
- headers over ``max_head_bytes`` (16 KiB) are answered 431 and the connection closed;
- past ``max_connections`` (7/8 of the fd limit: 896 of 1024) the oldest connections that are not
  serving a request (half-open, or idle between requests) are closed, so a new push, stream or
  health check always finds an fd.

A request being answered (an SSE stream, a long poll) is never timed out or evicted here.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import Any

from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

log = logging.getLogger(__name__)

REQUEST_SECONDS = 10.0
MAX_HEAD_BYTES = 16 * 1024
_431 = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: application/json\r\n"
    b'content-length: 38\r\nconnection: close\r\n\r\n{"error":"request headers too large"}\n'
)


class _Tally:
    """Connections cut for being slow or idle, logged as one line per ``every`` seconds at most: a
    slowloris opening thousands of sockets must not get a log line written per socket."""

    def __init__(self, every: float = 10.0) -> None:
        self.every = every
        self.counts: dict[str, int] = {}
        self._last = 0.0

    def add(self, reason: str, now: float, count: int = 1) -> None:
        self.counts[reason] = self.counts.get(reason, 0) + count
        if now - self._last >= self.every:
            self._last = now
            summary = ", ".join(f"{n} {what}" for what, n in sorted(self.counts.items()))
            self.counts = {}
            log.warning("closed connections: %s", summary)


TALLY = _Tally()


def connection_cap() -> int:
    """7/8 of this process's fd limit: the rest is kept for the database, logs and the listener."""
    if sys.platform == "win32":  # no resource module (POSIX only); the demo also runs the relay there
        return 896
    import resource

    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or soft <= 0:
        soft = 65536
    return max(64, soft * 7 // 8)


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    request_seconds: float = REQUEST_SECONDS
    max_head_bytes: int = MAX_HEAD_BYTES
    max_connections: int | None = None  # None: connection_cap()

    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self._deadline: asyncio.TimerHandle | None = None
        self._head_bytes = 0
        self._reading_head = True
        self._since = 0.0  # when this connection last started waiting on its client

    @property
    def serving(self) -> bool:
        """A request is being answered (not half-open, not idle between requests)."""
        return self.cycle is not None and not self.cycle.response_complete

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._since = self.loop.time()
        self._arm()
        self._evict_idle()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._reading_head:
            self._head_bytes += len(data)
        super().data_received(data)
        if self._reading_head and self._head_bytes > self.max_head_bytes and not self.transport.is_closing():
            TALLY.add(f"with headers over {self.max_head_bytes} bytes (431)", self.loop.time())
            self.transport.write(_431)
            self.transport.close()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._reading_head = True
        self._since = self.loop.time()
        self._arm()

    def on_headers_complete(self) -> None:
        self._reading_head = False
        self._head_bytes = 0
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._disarm()
        self._reading_head = True  # whatever comes next is the next request's head

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._since = self.loop.time()  # idle from now: the oldest idle go first when fds run short

    def _arm(self) -> None:
        if self._deadline is None:
            self._deadline = self.loop.call_later(self.request_seconds, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            what = "headers" if self._reading_head else "body"
            TALLY.add(f"with {what} not complete within {self.request_seconds:g} s", self.loop.time())
            self.transport.close()

    def _evict_idle(self) -> None:
        cap = self.max_connections or connection_cap()
        open_now = [c for c in self.connections if not c.transport.is_closing()]
        excess = len(open_now) - cap
        if excess <= 0:
            return
        idle = sorted(
            (
                c
                for c in open_now
                if isinstance(c, GuardedHttpToolsProtocol) and c is not self and not c.serving
            ),
            key=lambda c: c._since,
        )
        # Some slack, so a flood does not pay for a scan on every new connection.
        victims = idle[: excess + max(1, cap // 32)]
        for victim in victims:
            victim.transport.close()
        TALLY.add(f"idle past the cap of {cap} connections", self.loop.time(), len(victims))


def guarded_protocol(
    request_seconds: float = REQUEST_SECONDS,
    max_head_bytes: int = MAX_HEAD_BYTES,
    max_connections: int | None = None,
) -> type[GuardedHttpToolsProtocol]:
    """The protocol class with other bounds (the benchmark and tests shorten them)."""
    return type(
        "GuardedHttpToolsProtocol",
        (GuardedHttpToolsProtocol,),
        {
            "request_seconds": request_seconds,
            "max_head_bytes": max_head_bytes,
            "max_connections": max_connections,
        },
    )
