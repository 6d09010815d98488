"""Group commit for the SQLite relay: pushes arriving together share one transaction and one fsync.

Each push still gets its answer only after the commit that holds it. The writes run on one thread of
their own with a connection of their own, so the event loop keeps serving streams (which read through
the loop's connection and, in WAL, see committed rows only) while the disk syncs.
"""

from __future__ import annotations

import asyncio
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from posapp.relay.storage.base import IngestResult

Args = tuple[int, str, str, str, float, str]  # store_id, source, dedup_key, kind, received_at, body


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
        return IngestResult(seq=int(known[0]), duplicate=True)
    (seq,) = db.execute(
        "UPDATE stores SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq", (store_id,)
    ).fetchone()
    db.execute(
        "INSERT INTO events (store_id, seq, source, dedup_key, kind, received_at, body)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (store_id, seq, source, dedup_key, kind, received_at, body),
    )
    return IngestResult(seq=int(seq), duplicate=False)


class GroupCommitWriter:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db  # used only on the writer thread from here on
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="relay-sqlite-writer")
        self._pending: list[_Pending] = []
        self._busy = False  # a write (the direct one or the drainer's) is in flight
        self._drainer: asyncio.Task[None] | None = None

    async def ingest(self, args: Args) -> IngestResult:
        loop = asyncio.get_running_loop()
        if self._busy:
            future: asyncio.Future[IngestResult] = loop.create_future()
            self._pending.append(_Pending(args, future))
            return await future
        # Nothing in flight: the push's own request hands it to the writer thread (a task of its
        # own would cost a turn of a busy loop before the write even starts).
        self._busy = True
        try:
            (result,) = await loop.run_in_executor(self._executor, self._write, [args])
            return result
        finally:
            self._hand_over()

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
                    if not p.future.done():
                        p.future.set_result(result)
        finally:
            self._busy = False

    def _write(self, batch: list[Args]) -> list[IngestResult]:
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            results = [ingest_one(db, args) for args in batch]
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return results

    async def close(self) -> None:
        if self._drainer is not None:
            await self._drainer
        self._executor.shutdown(wait=True)
        self._db.close()
