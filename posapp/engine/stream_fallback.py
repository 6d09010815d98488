"""SSE first; long-poll when SSE keeps failing, the sign of a proxy that buffers or cuts streams.

An SSE attempt that reaches the relay but fails before delivering a single event counts against SSE
(a refused connection does not: the relay is down, not the stream); any delivered event clears the
count. After ``switch_after`` such failures in a row the next connection is a long-poll on
``/v1/events`` (same cursor, same token). SSE is tried again on a reconnect once ``retry_sse_after``
seconds have passed, so a fixed proxy brings the faster channel back, and at once if long-poll fails
before it ever answered (then the trouble was not SSE's).
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Callable
from enum import Enum

import httpx

from posapp.engine.relay_source import EventSource, OnOpen, StreamEvent

log = logging.getLogger(__name__)


class Channel(Enum):
    SSE = "sse"
    LONG_POLL = "long-poll"


class FallbackSource:
    def __init__(
        self,
        sse: EventSource,
        long_poll: EventSource,
        switch_after: int = 3,
        retry_sse_after: float = 600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._sse = sse
        self._long_poll = long_poll
        self._switch_after = max(1, switch_after)
        self._retry_sse_after = retry_sse_after
        self._clock = clock
        self._sse_failures = 0
        self._switched_at = 0.0
        self.channel = Channel.SSE

    async def events(self, after: int | None, on_open: OnOpen | None = None) -> AsyncIterator[StreamEvent]:
        if self.channel is Channel.LONG_POLL and self._clock() - self._switched_at >= self._retry_sse_after:
            log.info("sync: trying the SSE stream again")
            self.channel = Channel.SSE
            self._sse_failures = self._switch_after - 1  # one more failure and it is long-poll again
        if self.channel is Channel.LONG_POLL:
            async for event in self._long_poll_events(after, on_open):
                yield event
            return
        delivered = False
        try:
            async for event in self._sse.events(after, on_open):
                delivered = True
                self._sse_failures = 0
                yield event
        except (httpx.ConnectError, httpx.ConnectTimeout):
            raise  # the relay (or the network) is down: long-poll would not reach it either
        except (httpx.HTTPError, OSError):
            if not delivered:
                self._sse_failed()
            raise

    async def _long_poll_events(
        self, after: int | None, on_open: OnOpen | None
    ) -> AsyncIterator[StreamEvent]:
        opened = False

        def opening() -> None:
            nonlocal opened
            opened = True
            if on_open is not None:
                on_open()

        try:
            async for event in self._long_poll.events(after, opening):
                yield event
        except (httpx.HTTPError, OSError):
            if not opened:
                # Long-poll fails as well: the trouble is not SSE-specific, so SSE gets the next try.
                log.info("sync: long-poll failed too; back to SSE")
                self.channel = Channel.SSE
                self._sse_failures = 0
            raise

    def _sse_failed(self) -> None:
        self._sse_failures += 1
        if self._sse_failures >= self._switch_after:
            log.warning("sync: SSE failed %d times in a row; switching to long-poll", self._sse_failures)
            self.channel = Channel.LONG_POLL
            self._switched_at = self._clock()
