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
        self._drainer: asyncio.Task[None] | None = None

    async def ingest(self, args: Args) -> IngestResult:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[IngestResult] = loop.create_future()
        self._pending.append(_Pending(args, future))
        if self._drainer is None or self._drainer.done():
            self._drainer = loop.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        loop = asyncio.get_running_loop()
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
