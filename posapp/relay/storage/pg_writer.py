"""Group commit for the PostgreSQL relay: pushes arriving together share one statement and one commit.

The whole batch is one ``unnest`` statement (so one round trip and one implicit transaction): it
skips keys already stored, takes each store's row lock in id order (two relay processes batching
the same stores cannot deadlock), raises ``last_seq`` once per store and numbers the new events in
arrival order inside that transaction, so cursor order is still commit order. Each push is answered
only after that commit. The rare push the statement cannot settle (store revoked, or the same key
committed by another process after the statement's snapshot) is answered by ``settle`` afterwards,
and so is a push that arrives alone, since the one-row statement costs half as much (the queueing
itself is ``group_commit.GroupCommit``).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import TypeAlias

import asyncpg

from posapp.relay.storage.base import IngestResult
from posapp.relay.storage.group_commit import Args, GroupCommit, Pending

Executor: TypeAlias = asyncpg.Pool | asyncpg.Connection
# What a database that went away (restart, failover, network) raises: the push is answered 503 and
# its connection dropped; the pool opens a new one when the server is back.
UNAVAILABLE: tuple[type[Exception], ...] = (
    OSError,
    TimeoutError,
    asyncpg.InterfaceError,
    asyncpg.PostgresConnectionError,
    asyncpg.exceptions.OperatorInterventionError,  # admin shutdown, "cannot connect now" while starting
    # A connection whose server vanished mid-statement can be left in a state asyncpg refuses to use
    # ("cannot switch to state …; another operation is in progress"): it is dropped like a closed one.
    asyncpg.InternalClientError,
)
Settle = Callable[[Args, Executor], Awaitable[IngestResult]]

# Output per input row (idx): seq and whether this push stored it; seq NULL means "settle it".
BATCH_SQL = """
WITH input AS (
    SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::text[])
        WITH ORDINALITY AS t(store_id, source, dedup_key, kind, received_at, body, idx)
),
known AS (
    SELECT i.idx, e.seq FROM input i
    JOIN relay_events e
      ON e.store_id = i.store_id AND e.source = i.source AND e.dedup_key = i.dedup_key
),
fresh AS (
    SELECT DISTINCT ON (store_id, source, dedup_key) * FROM input
    WHERE idx NOT IN (SELECT idx FROM known)
    ORDER BY store_id, source, dedup_key, idx
),
counts AS (SELECT store_id, count(*) AS n FROM fresh GROUP BY store_id),
locked AS MATERIALIZED (
    SELECT id FROM relay_stores
    WHERE id IN (SELECT store_id FROM counts) AND revoked_at IS NULL
    ORDER BY id FOR UPDATE
),
bumped AS (
    UPDATE relay_stores s SET last_seq = s.last_seq + c.n
    FROM counts c, locked l
    WHERE s.id = c.store_id AND l.id = s.id AND s.revoked_at IS NULL
    RETURNING s.id, s.last_seq - c.n AS base
),
numbered AS (
    SELECT f.*, b.base + row_number() OVER (PARTITION BY f.store_id ORDER BY f.idx) AS seq
    FROM fresh f JOIN bumped b ON b.id = f.store_id
),
stored AS (
    INSERT INTO relay_events (store_id, seq, source, dedup_key, kind, received_at, body)
    SELECT store_id, seq, source, dedup_key, kind, received_at, body FROM numbered
    ON CONFLICT (store_id, source, dedup_key) DO NOTHING
    RETURNING store_id, source, dedup_key, seq
)
SELECT i.idx,
       COALESCE(st.seq, CASE WHEN s.revoked_at IS NULL THEN k.seq END) AS seq,
       n.idx IS NOT DISTINCT FROM i.idx AND st.seq IS NOT NULL AS fresh
FROM input i
LEFT JOIN stored st
  ON st.store_id = i.store_id AND st.source = i.source AND st.dedup_key = i.dedup_key
LEFT JOIN numbered n
  ON n.store_id = i.store_id AND n.source = i.source AND n.dedup_key = i.dedup_key
LEFT JOIN known k ON k.idx = i.idx
LEFT JOIN relay_stores s ON s.id = i.store_id
ORDER BY i.idx
"""


def _usable(conn: asyncpg.Connection) -> bool:
    try:
        return not conn.is_closed()
    except asyncpg.InterfaceError:  # the pool detached it when the server closed it
        return False


class PgGroupCommitWriter(GroupCommit):
    def __init__(self, pool: asyncpg.Pool, settle: Settle) -> None:
        super().__init__()
        self._pool = pool
        self._settle = settle
        # Held for the serial writes (only one is in flight): a pool checkout per push costs a tenth
        # of a push's latency. Pushes settled alongside a batch use the pool.
        self._conn: asyncpg.Connection | None = None

    async def _write_one(self, args: Args) -> IngestResult:
        """The one-row statement: quicker than the batch one for a push on its own."""
        if self._conn is not None and not _usable(self._conn):  # the server went away while idle
            await self._give_back()
        if self._conn is None:
            self._conn = await self._pool.acquire()
        try:
            return await self._settle(args, self._conn)
        except UNAVAILABLE:
            await self._give_back()  # broken: the pool replaces it, the next push takes another
            raise

    async def _give_back(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(asyncpg.InterfaceError):  # the pool took it back already
                await self._pool.release(conn)

    async def _write_batch(self, batch: list[Pending]) -> None:
        try:
            rows = await self._write([p.args for p in batch])
        except Exception as exc:  # the statement rolled back: every push in it gets the error
            for p in batch:
                p.answer(exc)
            return
        for p, row in zip(batch, rows, strict=True):
            if row["seq"] is None:
                asyncio.get_running_loop().create_task(self._settle_alongside(p))
            else:
                p.answer(IngestResult(seq=int(row["seq"]), duplicate=not row["fresh"]))

    async def _write(self, batch: list[Args]) -> list[asyncpg.Record]:
        columns = list(zip(*batch, strict=True))
        async with self._pool.acquire() as conn:
            rows: list[asyncpg.Record] = await conn.fetch(BATCH_SQL, *(list(c) for c in columns))
        return rows

    async def _settle_alongside(self, pending: Pending) -> None:
        try:
            pending.answer(await self._settle(pending.args, self._pool))
        except Exception as exc:
            pending.answer(exc)

    async def close(self) -> None:
        await self._close_drainer()
        await self._give_back()
