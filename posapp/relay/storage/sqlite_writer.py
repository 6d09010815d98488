"""Group commit for the SQLite relay: pushes arriving together share one transaction and one fsync.

Each push still gets its answer only after the commit that holds it (the queueing is
``group_commit.GroupCommit``). The writes run on one thread of their own with a connection of their
own, so the event loop keeps serving streams (which read through the loop's connection and, in WAL,
see committed rows only) while the disk syncs.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor

from posapp.relay.storage.base import IngestResult, StoreGone
from posapp.relay.storage.group_commit import Args, GroupCommit, Pending

# A lone push, on a disk that commits this fast, is written on the loop: the two thread hops cost as
# much as the commit itself. Pushes closer together than QUIET_GAP, or a slower disk, go to the thread,
# where they batch and the loop keeps serving streams while the disk syncs.
INLINE_COMMIT_BELOW = 0.0008  # seconds, recent commits' moving average
QUIET_GAP = 0.002  # seconds since the last write ended


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


class GroupCommitWriter(GroupCommit):
    def __init__(self, db: sqlite3.Connection) -> None:
        super().__init__()
        self._db = db  # used by one write at a time: the writer thread's or an inline one
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="relay-sqlite-writer")
        self._commit_seconds = 0.01  # moving average; pessimistic until the disk has shown its speed
        self._last_end = 0.0

    async def _write_one(self, args: Args) -> IngestResult:
        if self._quiet_and_quick():
            (result,) = self._write([args])
        else:
            (result,) = await asyncio.get_running_loop().run_in_executor(self._executor, self._write, [args])
        if isinstance(result, StoreGone):
            raise result
        return result

    def _quiet_and_quick(self) -> bool:
        return self._commit_seconds < INLINE_COMMIT_BELOW and time.monotonic() - self._last_end > QUIET_GAP

    async def _write_batch(self, batch: list[Pending]) -> None:
        loop = asyncio.get_running_loop()
        try:
            results = await loop.run_in_executor(self._executor, self._write, [p.args for p in batch])
        except Exception as exc:  # the whole batch rolled back: every push in it gets the error
            for p in batch:
                p.answer(exc)
            return
        for p, result in zip(batch, results, strict=True):
            p.answer(result)

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
        await self._close_drainer()
        self._executor.shutdown(wait=True)
        self._db.close()
