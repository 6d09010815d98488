"""PostgreSQL storage: many stores, and any number of stateless relay processes on one database.

Wake-ups between processes use LISTEN/NOTIFY, but never inside the ingest transaction: a NOTIFY there
takes a global lock at commit and cost 5-24 % of ingest throughput (relay.md §4). Instead store ids
are collected after commit and sent in one ``pg_notify`` every few milliseconds from a connection of
their own. A lost notification only delays a stream until its periodic re-read. Pushes are written
by a group-commit writer (pg_writer.py): those arriving together share one statement and one commit.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

import asyncpg

from posapp.relay.storage.alerts_postgres import PostgresAlerts
from posapp.relay.storage.base import (
    PRUNE_BATCH,
    CommitObserver,
    DuplicateShopError,
    IngestResult,
    StorageHealth,
    StorageUnavailable,
    StoredEvent,
    StoreGone,
    StoreRecord,
    WakeCallback,
)
from posapp.relay.storage.migrations import migrate_postgres
from posapp.relay.storage.pg_listen import PgListener
from posapp.relay.storage.pg_writer import UNAVAILABLE, Args, PgGroupCommitWriter

log = logging.getLogger(__name__)

CHANNEL = "posapp_relay"
NOTIFY_EVERY = 0.005  # seconds between coalesced NOTIFYs
_PAYLOAD_LIMIT = 7000  # bytes; PostgreSQL refuses payloads of 8000 or more
PROBE_TIMEOUT = 1.0  # seconds; a health probe slower than this counts as "database unreachable"
PROBE_REUSE = 0.2  # seconds; health checks closer together than this share one probe


_STORE_COLUMNS = "id, shop_id, name, zeek_merchant_id, last_seq, acked_seq, created_at, revoked_at"
_INGEST_SQL = """
WITH next AS (
    UPDATE relay_stores SET last_seq = last_seq + 1
    WHERE id = $1 AND revoked_at IS NULL AND NOT EXISTS (
        SELECT 1 FROM relay_events WHERE store_id = $1 AND source = $2 AND dedup_key = $3
    )
    RETURNING last_seq
)
INSERT INTO relay_events (store_id, seq, source, dedup_key, kind, received_at, body)
SELECT $1, last_seq, $2, $3, $4::text, $5::float8, $6::text FROM next
ON CONFLICT (store_id, source, dedup_key) DO NOTHING
RETURNING seq
"""
# One batch of acknowledged events older than the cutoff (the receive-time index finds them).
_PRUNE_SQL = """
WITH doomed AS (
    SELECT e.store_id, e.seq FROM relay_events e JOIN relay_stores s ON s.id = e.store_id
    WHERE e.received_at < $1 AND e.seq <= s.acked_seq
    LIMIT $2
)
DELETE FROM relay_events e USING doomed d WHERE e.store_id = d.store_id AND e.seq = d.seq
"""
_KNOWN_SQL = """
SELECT s.revoked_at,
       (SELECT seq FROM relay_events WHERE store_id = $1 AND source = $2 AND dedup_key = $3) AS seq
FROM relay_stores s WHERE s.id = $1
"""


def _store(row: Any) -> StoreRecord:
    return StoreRecord(*tuple(row))


async def _keep_session(conn: asyncpg.Connection) -> None:
    """Pool connections never change session state (no SET, LISTEN or session locks: those live on
    connections of their own), so asyncpg's reset query, one more round trip on every release,
    is skipped. An open transaction is still rolled back by the pool itself."""


@contextlib.contextmanager
def _reachable() -> Iterator[None]:
    """A database that went away becomes StorageUnavailable (the caller answers 503)."""
    try:
        yield
    except UNAVAILABLE as exc:
        raise StorageUnavailable(f"database unavailable: {type(exc).__name__}: {exc}") from exc


def notify_payloads(store_ids: set[int]) -> list[str]:
    """Comma-separated store ids, split to stay under PostgreSQL's payload limit."""
    payloads: list[str] = []
    current = ""
    for sid in sorted(store_ids):
        piece = str(sid) if not current else f"{current},{sid}"
        if len(piece) > _PAYLOAD_LIMIT:
            payloads.append(current)
            piece = str(sid)
        current = piece
    if current:
        payloads.append(current)
    return payloads


class PostgresStorage:
    def __init__(self, url: str, pool_size: int = 10) -> None:
        self.url = url
        self.pool_size = pool_size
        self._pool: asyncpg.Pool | None = None
        self._notify_conn: asyncpg.Connection | None = None
        self._listener: PgListener | None = None
        self._probe_conn: asyncpg.Connection | None = None
        self._probe_lock = asyncio.Lock()
        self._probe_ok_at = 0.0
        self._commit_observer: CommitObserver | None = None
        self._pending: set[int] = set()
        # shop id → store, saving a round trip per push; counters in it go stale, and a revocation
        # by another process is caught by ingest itself (StoreGone).
        self._shops: dict[int, StoreRecord] = {}
        self._flush_task: asyncio.Task[None] | None = None
        self._writer: PgGroupCommitWriter | None = None
        self.alerts = PostgresAlerts(lambda: self.pool)

    @property
    def pool(self) -> asyncpg.Pool:
        if self._pool is None:
            raise RuntimeError("storage is not open")
        return self._pool

    async def open(self) -> None:
        self._pool = await asyncpg.create_pool(
            self.url,
            # No floor to restore: during a database outage asyncpg would retry it with a traceback
            # a second; connections are opened on demand and kept (idle ones close after 5 min).
            min_size=0,
            max_size=self.pool_size,
            reset=_keep_session,
            timeout=PROBE_TIMEOUT * 2,  # connect timeout: a vanished host must not hold a push for 60 s
        )
        async with self.pool.acquire() as conn:
            await migrate_postgres(conn)
        self._writer = PgGroupCommitWriter(self.pool, self._ingest_one)
        if self._commit_observer is not None:
            self._writer.on_commit = self._commit_observer

    async def close(self) -> None:
        if self._writer is not None:
            await self._writer.close()
            self._writer = None
        if self._flush_task is not None:
            await self._flush_task
            self._flush_task = None
        if self._listener is not None:
            await self._listener.close()
            self._listener = None
        for conn in (self._notify_conn, self._probe_conn):
            if conn is not None:
                with contextlib.suppress(Exception):
                    await conn.close()
        self._notify_conn = self._probe_conn = None
        if self._pool is not None:
            await self._pool.close()
            self._pool = None

    async def add_store(
        self, shop_id: int, name: str, zeek_merchant_id: str, token_hash: str, now: float
    ) -> StoreRecord:
        try:
            row = await self.pool.fetchrow(
                "INSERT INTO relay_stores (shop_id, name, zeek_merchant_id, token_hash, created_at)"
                f" VALUES ($1, $2, $3, $4, $5) RETURNING {_STORE_COLUMNS}",
                shop_id,
                name,
                zeek_merchant_id,
                token_hash,
                now,
            )
        except asyncpg.UniqueViolationError as exc:
            raise DuplicateShopError(f"shop {shop_id} is already registered") from exc
        return _store(row)

    async def list_stores(self) -> list[StoreRecord]:
        rows = await self.pool.fetch(f"SELECT {_STORE_COLUMNS} FROM relay_stores ORDER BY id")
        return [_store(r) for r in rows]

    async def revoke_store(self, shop_id: int, now: float) -> bool:
        self._shops.pop(shop_id, None)
        status = await self.pool.execute(
            "UPDATE relay_stores SET revoked_at = $1 WHERE shop_id = $2 AND revoked_at IS NULL",
            now,
            shop_id,
        )
        return str(status).endswith(" 1")

    async def _one_store(self, where: str, *args: object) -> StoreRecord | None:
        with _reachable():
            row = await self.pool.fetchrow(
                f"SELECT {_STORE_COLUMNS} FROM relay_stores WHERE revoked_at IS NULL AND {where}", *args
            )
        return _store(row) if row else None

    async def store_by_shop(self, shop_id: int) -> StoreRecord | None:
        cached = self._shops.get(shop_id)
        if cached is not None:
            return cached
        found = await self._one_store("shop_id = $1", shop_id)
        if found is not None:
            self._shops[shop_id] = found
        return found

    async def store_by_zeek_key(self, key: str) -> StoreRecord | None:
        found = await self._one_store("zeek_merchant_id = $1 AND zeek_merchant_id != ''", key)
        if found is None and key.isdigit():
            found = await self._one_store("shop_id = $1", int(key))
        return found

    async def store_by_token_hash(self, token_hash: str) -> StoreRecord | None:
        return await self._one_store("token_hash = $1", token_hash)

    async def ingest(
        self, store_id: int, source: str, dedup_key: str, kind: str, received_at: float, body: str
    ) -> IngestResult:
        args = (store_id, source, dedup_key, kind, received_at, body)
        if self._writer is None:
            raise RuntimeError("storage is not open")
        with _reachable():
            return await self._writer.ingest(args)

    async def _ingest_one(self, args: Args, db: asyncpg.Pool | asyncpg.Connection) -> IngestResult:
        """One push on its own: what the group commit leaves unsettled (a revoked store, or a key
        another process committed after the batch's snapshot)."""
        store_id, source, dedup_key, kind, received_at, body = args
        # One statement, so one round trip and an implicit transaction. The store's row lock still
        # orders writers within a store until commit. Two retries of one push racing each other can
        # both pass NOT EXISTS; the unique key then keeps one and the other leaves a gap in seq,
        # which readers (seq > cursor) step over.
        seq = await db.fetchval(_INGEST_SQL, store_id, source, dedup_key, kind, received_at, body)
        if seq is not None:
            return IngestResult(seq=int(seq), duplicate=False)
        row = await db.fetchrow(_KNOWN_SQL, store_id, source, dedup_key)
        if row is None or row["revoked_at"] is not None:
            self._shops = {k: v for k, v in self._shops.items() if v.id != store_id}
            raise StoreGone(f"store {store_id} is revoked")
        return IngestResult(seq=int(row["seq"] or 0), duplicate=True)

    async def read_after(self, store_id: int, after: int, limit: int) -> list[StoredEvent]:
        with _reachable():
            rows = await self.pool.fetch(
                "SELECT seq, source, kind, dedup_key, received_at, body FROM relay_events"
                " WHERE store_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
                store_id,
                after,
                limit,
            )
        return [StoredEvent(*tuple(r)) for r in rows]

    async def ack(self, store_id: int, cursor: int) -> int:
        with _reachable():
            acked = await self.pool.fetchval(
                "UPDATE relay_stores SET acked_seq = GREATEST(acked_seq, LEAST($1, last_seq))"
                " WHERE id = $2 RETURNING acked_seq",
                cursor,
                store_id,
            )
        return int(acked)

    async def prune(self, now: float, keep_seconds: float, batch: int = PRUNE_BATCH) -> int:
        total = 0
        while True:
            with _reachable():
                status = await self.pool.execute(_PRUNE_SQL, now - keep_seconds, batch)
            gone = int(str(status).split()[-1])
            total += gone
            if gone < batch:
                return total
            await asyncio.sleep(0)  # let the pushes that queued meanwhile through first

    async def announce(self, store_id: int) -> None:
        self._pending.add(store_id)
        if self._flush_task is None or self._flush_task.done():
            self._flush_task = asyncio.get_running_loop().create_task(self._flush())

    async def _flush(self) -> None:
        """Send the ids gathered over the last few ms as one NOTIFY, until none are left."""
        while self._pending:
            await asyncio.sleep(NOTIFY_EVERY)  # the coalescing window, not a wait for a condition
            ids, self._pending = self._pending, set()
            try:
                if self._notify_conn is None or self._notify_conn.is_closed():
                    self._notify_conn = await asyncpg.connect(self.url)
                    await self._notify_conn.execute("SET synchronous_commit = off")
                for payload in notify_payloads(ids):
                    await self._notify_conn.execute("SELECT pg_notify($1, $2)", CHANNEL, payload)
            except (*UNAVAILABLE, asyncpg.PostgresError) as exc:
                # Harmless: other processes' streams fall back to their periodic re-read.
                log.warning("relay NOTIFY failed: %s", exc)
                conn, self._notify_conn = self._notify_conn, None
                if conn is not None and not conn.is_closed():
                    conn.terminate()

    async def listen(self, wake: WakeCallback, wake_all: Callable[[], None] | None = None) -> None:
        def on_notify(pid: int, payload: str) -> None:
            notifier = self._notify_conn
            if notifier is not None and not notifier.is_closed() and pid == notifier.get_server_pid():
                return  # our own announcement: this process woke its streams at commit already
            for part in payload.split(","):
                if part.isdigit():
                    wake(int(part))

        self._listener = PgListener(self.url, CHANNEL, on_notify, wake_all or _nothing)
        await self._listener.start()

    async def probe(self) -> None:
        """``SELECT 1`` on a connection of its own: a pool busy with pushes must not look like an
        outage, nor may an outage hide behind a pool that has not noticed it yet."""
        async with self._probe_lock:
            if time.monotonic() - self._probe_ok_at < PROBE_REUSE:
                return
            try:
                if self._probe_conn is None or self._probe_conn.is_closed():
                    self._probe_conn = await asyncpg.connect(self.url, timeout=PROBE_TIMEOUT)
                await self._probe_conn.fetchval("SELECT 1", timeout=PROBE_TIMEOUT)
            except UNAVAILABLE as exc:
                conn, self._probe_conn = self._probe_conn, None
                if conn is not None and not conn.is_closed():
                    conn.terminate()
                raise StorageUnavailable(f"database unreachable: {type(exc).__name__}: {exc}") from exc
            self._probe_ok_at = time.monotonic()

    def health(self) -> StorageHealth:
        busy = self._writer.busy_seconds() if self._writer is not None else 0.0
        listening = self._listener.connected if self._listener is not None else None
        return StorageHealth(writer_busy_seconds=busy, listening=listening)

    def observe_commits(self, observer: CommitObserver) -> None:
        self._commit_observer = observer
        if self._writer is not None:
            self._writer.on_commit = observer

    async def backlog(self, top: int) -> tuple[list[tuple[int, int]], int]:
        with _reachable():
            rows = await self.pool.fetch(
                "SELECT shop_id, last_seq - acked_seq FROM relay_stores"
                " WHERE revoked_at IS NULL AND last_seq > acked_seq ORDER BY 2 DESC, shop_id LIMIT $1",
                top,
            )
            total = await self.pool.fetchval(
                "SELECT COALESCE(sum(last_seq - acked_seq), 0) FROM relay_stores WHERE revoked_at IS NULL"
            )
        return [(int(r[0]), int(r[1])) for r in rows], int(total)

    async def set_gateway(self, store_id: int, settings: str, now: float) -> None:
        await self.pool.execute(
            "INSERT INTO relay_store_gateway (store_id, settings, updated_at) VALUES ($1, $2, $3)"
            " ON CONFLICT (store_id) DO UPDATE SET settings = EXCLUDED.settings,"
            " updated_at = EXCLUDED.updated_at",
            store_id,
            settings,
            now,
        )

    async def replace_gateway(self, store_id: int, expected: str, settings: str, now: float) -> bool:
        # One UPDATE: its row lock makes a concurrent swap wait, then re-check ``settings`` and miss.
        status = await self.pool.execute(
            "UPDATE relay_store_gateway SET settings = $1, updated_at = $2"
            " WHERE store_id = $3 AND settings = $4",
            settings,
            now,
            store_id,
            expected,
        )
        return str(status).endswith(" 1")

    async def gateway(self, store_id: int) -> str | None:
        value = await self.pool.fetchval(
            "SELECT settings FROM relay_store_gateway WHERE store_id = $1", store_id
        )
        return None if value is None else str(value)


def _nothing() -> None:
    """No one to tell about a reconnect."""
