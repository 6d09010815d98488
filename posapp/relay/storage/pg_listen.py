"""The PostgreSQL LISTEN connection, kept open across database restarts.

A LISTEN lives on one connection; when the server restarts, that connection dies and, unless it is
reopened, other processes' events reach this process's streams only at their periodic re-read (5 s
late). The supervisor notices the loss at once (asyncpg's termination callback) or, for a
half-open socket, at the next keep-alive query, and reconnects with a short capped backoff. After
each reconnect every local stream is woken, because notifications sent while it was away are gone.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

import asyncpg

from posapp.relay.storage.pg_writer import UNAVAILABLE

log = logging.getLogger(__name__)

KEEPALIVE_SECONDS = 5.0  # a half-open connection shows at the next query, not only at TCP timeout
FIRST_BACKOFF = 0.05
MAX_BACKOFF = 0.5  # so wake-ups resume within half a second of the database accepting connections
CONNECT_TIMEOUT = 2.0

PayloadHandler = Callable[[int, str], None]  # (notifying backend pid, payload)


class PgListener:
    def __init__(self, url: str, channel: str, on_payload: PayloadHandler, on_reconnect: Callable[[], None]):
        self.url = url
        self.channel = channel
        self._on_payload = on_payload
        self._on_reconnect = on_reconnect
        self._conn: asyncpg.Connection | None = None
        self._lost = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.connected = False
        self.reconnects = 0

    async def start(self) -> None:
        """Listen now (the database is up at start) and keep listening."""
        await self._connect()
        self._task = asyncio.get_running_loop().create_task(self._supervise(), name="relay-listen")

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self._drop()

    async def _connect(self) -> None:
        conn = await asyncpg.connect(self.url, timeout=CONNECT_TIMEOUT)
        self._lost.clear()
        conn.add_termination_listener(lambda _conn: self._lost.set())
        await conn.add_listener(self.channel, self._notified)
        self._conn = conn
        self.connected = True

    def _notified(self, conn: object, pid: int, channel: str, payload: str) -> None:
        self._on_payload(pid, payload)

    async def _drop(self) -> None:
        conn, self._conn = self._conn, None
        self.connected = False
        if conn is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(conn.close(), CONNECT_TIMEOUT)
            if not conn.is_closed():
                conn.terminate()

    async def _supervise(self) -> None:
        while True:
            await self._until_lost()
            log.warning("relay LISTEN connection lost; reconnecting")
            await self._drop()
            backoff = FIRST_BACKOFF
            while True:
                try:
                    await self._connect()
                    break
                except UNAVAILABLE:
                    await asyncio.sleep(backoff)  # a backoff schedule, not a wait for a condition
                    backoff = min(backoff * 2, MAX_BACKOFF)
            self.reconnects += 1
            log.warning("relay LISTEN connection restored")
            self._on_reconnect()

    async def _until_lost(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._lost.wait(), KEEPALIVE_SECONDS)
                return
            conn = self._conn
            if conn is None or conn.is_closed():
                return
            try:
                await conn.fetchval("SELECT 1", timeout=CONNECT_TIMEOUT)
            except UNAVAILABLE:
                return
