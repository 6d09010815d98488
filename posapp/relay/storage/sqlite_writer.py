"""Group commit for the SQLite relay: pushes arriving together share one transaction and one fsync.

Each push still gets its answer only after the commit that holds it. The writes run on one thread of
their own with a connection of their own, so the event loop keeps serving streams (which read through
the loop's connection and, in WAL, see committed rows only) while the disk syncs.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from posapp.relay.storage.base import IngestResult, StoreGone

Args = tuple[int, str, str, str, float, str]  # store_id, source, dedup_key, kind, received_at, body

# A lone push, on a disk that commits this fast, is written on the loop: the two thread hops cost as
# much as the commit itself. Pushes closer together than QUIET_GAP, or a slower disk, go to the thread,
# where they batch and the loop keeps serving streams while the disk syncs.
INLINE_COMMIT_BELOW = 0.0008  # seconds, recent commits' moving average
QUIET_GAP = 0.002  # seconds since the last write ended


@dataclass
class _Pending:
    args: Args
    future: asyncio.Future[IngestResult]


def ingest_one(db: sqlite3.Connection, args: Args) -> IngestResult:
    store_id, source, dedup_key, kind, received_at, body = args
    known = db.execute(
        "SELECT seq FROM events WHERE store_id = ? AND source = ? AND dedup_key = ?",
        (store_id, source, dedup_key),
    ).fetchone()
    if known:
        live = db.execute("SELECT 1 FROM stores WHERE id = ? AND revoked_at IS NULL", (store_id,))
        if live.fetchone() is None:  # a revoked store's retry is refused like its new pushes
            raise StoreGone(f"store {store_id} is revoked")
        return IngestResult(seq=int(known[0]), duplicate=True)
    bumped = db.execute(
        "UPDATE stores SET last_seq = last_seq + 1 WHERE id = ? AND revoked_at IS NULL RETURNING last_seq",
        (store_id,),
    ).fetchone()
    if bumped is None:  # revoked (by the admin CLI, perhaps after this relay looked the store up)
        raise StoreGone(f"store {store_id} is revoked")
    (seq,) = bumped
    db.execute(
        "INSERT INTO events (store_id, seq, source, dedup_key, kind, received_at, body)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (store_id, seq, source, dedup_key, kind, received_at, body),
    )
    return IngestResult(seq=int(seq), duplicate=False)


def _ingest_or_gone(db: sqlite3.Connection, args: Args) -> IngestResult | StoreGone:
    """A revoked store's push fails alone (it wrote nothing); the rest of its batch commits."""
    try:
        return ingest_one(db, args)
    except StoreGone as gone:
        return gone


class GroupCommitWriter:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db  # used by one write at a time: the writer thread's or an inline one
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="relay-sqlite-writer")
        self._pending: list[_Pending] = []
        self._busy = False  # a write (the direct one or the drainer's) is in flight
        self._drainer: asyncio.Task[None] | None = None
        self._commit_seconds = 0.01  # moving average; pessimistic until the disk has shown its speed
        self._last_end = 0.0

    async def ingest(self, args: Args) -> IngestResult:
        loop = asyncio.get_running_loop()
        if self._busy:
            future: asyncio.Future[IngestResult] = loop.create_future()
            self._pending.append(_Pending(args, future))
            return await future
        # Nothing in flight: the push's own request writes it, inline or through the writer thread
        # (a task of its own would cost a turn of a busy loop before the write even starts).
        self._busy = True
        try:
            if self._quiet_and_quick():
                (result,) = self._write([args])
            else:
                (result,) = await loop.run_in_executor(self._executor, self._write, [args])
            if isinstance(result, StoreGone):
                raise result
            return result
        finally:
            self._hand_over()

    def _quiet_and_quick(self) -> bool:
        return self._commit_seconds < INLINE_COMMIT_BELOW and time.monotonic() - self._last_end > QUIET_GAP

    def _hand_over(self) -> None:
        """What queued behind the write that just ended goes next, in one batch."""
        if self._pending:
            self._drainer = asyncio.get_running_loop().create_task(self._drain())
        else:
            self._busy = False

    async def _drain(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while self._pending:
                # Whatever queued while the previous batch was syncing goes in the next one.
                batch, self._pending = self._pending, []
                try:
                    results = await loop.run_in_executor(self._executor, self._write, [p.args for p in batch])
                except Exception as exc:  # the whole batch rolled back: every push in it gets the error
                    for p in batch:
                        if not p.future.done():
                            p.future.set_exception(exc)
                    continue
                for p, result in zip(batch, results, strict=True):
                    if p.future.done():
                        continue
                    if isinstance(result, StoreGone):
                        p.future.set_exception(result)
                    else:
                        p.future.set_result(result)
        finally:
            self._busy = False

    def _write(self, batch: list[Args]) -> list[IngestResult | StoreGone]:
        """One transaction for ``batch``; on the writer thread, or inline (never both at once)."""
        db = self._db
        start = time.monotonic()
        db.execute("BEGIN IMMEDIATE")
        try:
            results = [_ingest_or_gone(db, args) for args in batch]
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        finally:
            self._last_end = time.monotonic()
            self._commit_seconds = 0.8 * self._commit_seconds + 0.2 * (self._last_end - start)
        return results

    async def close(self) -> None:
        if self._drainer is not None:
            await self._drainer
        self._executor.shutdown(wait=True)
        self._db.close()
