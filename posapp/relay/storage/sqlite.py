"""SQLite storage for one relay process (a store or a small chain).

Reads and admin writes use one connection on the event loop; pushes are written by a group-commit
writer (sqlite_writer.py) on a thread and connection of its own, so many pushes share one fsync.
``synchronous=FULL`` because an event must survive power loss once acknowledged.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from pathlib import Path

from posapp.relay.storage.alerts_sqlite import SqliteAlerts
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
from posapp.relay.storage.migrations import migrate_sqlite
from posapp.relay.storage.sqlite_writer import Args, GroupCommitWriter, ingest_one

_STORE_COLUMNS = "id, shop_id, name, zeek_merchant_id, last_seq, acked_seq, created_at, revoked_at"


def path_from_url(url: str) -> str:
    """``sqlite:///relative.db``, ``sqlite:////absolute.db`` or ``sqlite:///:memory:``."""
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        raise ValueError(f"not a sqlite URL: {url!r} (expected sqlite:///path)")
    return url[len(prefix) :]


def _connect(path: str) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA busy_timeout=5000")
    db.execute("PRAGMA foreign_keys=ON")
    return db


def _store(row: sqlite3.Row | tuple[object, ...]) -> StoreRecord:
    return StoreRecord(*row)


class SqliteStorage:
    def __init__(self, url: str) -> None:
        self.path = path_from_url(url)
        self._db: sqlite3.Connection | None = None
        self._writer: GroupCommitWriter | None = None
        # shop id → store, saving a query per push; counters in it go stale, and a revocation by the
        # admin CLI (another process) is caught by ingest itself (StoreGone).
        self._shops: dict[int, StoreRecord] = {}
        self._commit_observer: CommitObserver | None = None
        self.alerts = SqliteAlerts(lambda: self.db)

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            raise RuntimeError("storage is not open")
        return self._db

    async def open(self) -> None:
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        db = _connect(self.path)
        migrate_sqlite(db)
        self._db = db
        if self.path != ":memory:":  # a second connection to :memory: would be another database
            self._writer = GroupCommitWriter(_connect(self.path))
            if self._commit_observer is not None:
                self._writer.on_commit = self._commit_observer

    async def close(self) -> None:
        if self._writer is not None:
            await self._writer.close()
            self._writer = None
        if self._db is not None:
            self._db.close()
            self._db = None

    async def add_store(
        self, shop_id: int, name: str, zeek_merchant_id: str, token_hash: str, now: float
    ) -> StoreRecord:
        try:
            cur = self.db.execute(
                "INSERT INTO stores (shop_id, name, zeek_merchant_id, token_hash, created_at)"
                f" VALUES (?, ?, ?, ?, ?) RETURNING {_STORE_COLUMNS}",
                (shop_id, name, zeek_merchant_id, token_hash, now),
            )
        except sqlite3.IntegrityError as exc:
            raise DuplicateShopError(f"shop {shop_id} is already registered") from exc
        return _store(cur.fetchone())

    async def list_stores(self) -> list[StoreRecord]:
        rows = self.db.execute(f"SELECT {_STORE_COLUMNS} FROM stores ORDER BY id").fetchall()
        return [_store(r) for r in rows]

    async def revoke_store(self, shop_id: int, now: float) -> bool:
        self._shops.pop(shop_id, None)
        cur = self.db.execute(
            "UPDATE stores SET revoked_at = ? WHERE shop_id = ? AND revoked_at IS NULL", (now, shop_id)
        )
        return cur.rowcount > 0

    def _one_store(self, where: str, *args: object) -> StoreRecord | None:
        row = self.db.execute(
            f"SELECT {_STORE_COLUMNS} FROM stores WHERE revoked_at IS NULL AND {where}", args
        ).fetchone()
        return _store(row) if row else None

    async def store_by_shop(self, shop_id: int) -> StoreRecord | None:
        cached = self._shops.get(shop_id)
        if cached is not None:
            return cached
        found = self._one_store("shop_id = ?", shop_id)
        if found is not None:
            self._shops[shop_id] = found
        return found

    async def store_by_zeek_key(self, key: str) -> StoreRecord | None:
        found = self._one_store("zeek_merchant_id = ? AND zeek_merchant_id != ''", key)
        if found is None and key.isdigit():
            found = self._one_store("shop_id = ?", int(key))
        return found

    async def store_by_token_hash(self, token_hash: str) -> StoreRecord | None:
        return self._one_store("token_hash = ?", token_hash)

    async def ingest(
        self, store_id: int, source: str, dedup_key: str, kind: str, received_at: float, body: str
    ) -> IngestResult:
        args = (store_id, source, dedup_key, kind, received_at, body)
        try:
            return await self._write(args)
        except StoreGone:
            self._shops = {k: v for k, v in self._shops.items() if v.id != store_id}
            raise

    async def _write(self, args: Args) -> IngestResult:
        if self._writer is not None:
            return await self._writer.ingest(args)
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            result = ingest_one(db, args)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return result

    async def read_after(self, store_id: int, after: int, limit: int) -> list[StoredEvent]:
        rows = self.db.execute(
            "SELECT seq, source, kind, dedup_key, received_at, body FROM events"
            " WHERE store_id = ? AND seq > ? ORDER BY seq LIMIT ?",
            (store_id, after, limit),
        ).fetchall()
        return [StoredEvent(*r) for r in rows]

    async def ack(self, store_id: int, cursor: int) -> int:
        (acked,) = self.db.execute(
            "UPDATE stores SET acked_seq = MAX(acked_seq, MIN(?, last_seq)) WHERE id = ? RETURNING acked_seq",
            (cursor, store_id),
        ).fetchone()
        return int(acked)

    async def prune(self, now: float, keep_seconds: float, batch: int = PRUNE_BATCH) -> int:
        total = 0
        while True:
            cur = self.db.execute(
                "DELETE FROM events WHERE rowid IN (SELECT e.rowid FROM events e JOIN stores s"
                " ON s.id = e.store_id WHERE e.received_at < ? AND e.seq <= s.acked_seq LIMIT ?)",
                (now - keep_seconds, batch),
            )
            total += cur.rowcount
            if cur.rowcount < batch:
                return total
            await asyncio.sleep(0)  # let the pushes that queued meanwhile through first

    async def announce(self, store_id: int) -> None:
        """One process owns a SQLite relay: the in-process wake-up is all there is."""

    async def listen(self, wake: WakeCallback, wake_all: Callable[[], None] | None = None) -> None:
        """Nothing to listen to: other processes never write events into this file."""

    async def probe(self) -> None:
        try:
            self.db.execute("SELECT count(*) FROM stores").fetchone()
        except sqlite3.Error as exc:  # the file went away, the disk failed, the database is locked
            raise StorageUnavailable(f"database unreadable: {exc}") from exc

    def health(self) -> StorageHealth:
        busy = self._writer.busy_seconds() if self._writer is not None else 0.0
        return StorageHealth(writer_busy_seconds=busy, listening=None)

    def observe_commits(self, observer: CommitObserver) -> None:
        self._commit_observer = observer
        if self._writer is not None:
            self._writer.on_commit = observer

    async def backlog(self, top: int) -> tuple[list[tuple[int, int]], int]:
        rows = self.db.execute(
            "SELECT shop_id, last_seq - acked_seq FROM stores"
            " WHERE revoked_at IS NULL AND last_seq > acked_seq ORDER BY 2 DESC, shop_id LIMIT ?",
            (top,),
        ).fetchall()
        (total,) = self.db.execute(
            "SELECT COALESCE(sum(last_seq - acked_seq), 0) FROM stores WHERE revoked_at IS NULL"
        ).fetchone()
        return [(int(a), int(b)) for a, b in rows], int(total)

    async def set_gateway(self, store_id: int, settings: str, now: float) -> None:
        self.db.execute(
            "INSERT INTO store_gateway (store_id, settings, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (store_id) DO UPDATE SET settings = excluded.settings,"
            " updated_at = excluded.updated_at",
            (store_id, settings, now),
        )

    async def replace_gateway(self, store_id: int, expected: str, settings: str, now: float) -> bool:
        cur = self.db.execute(
            "UPDATE store_gateway SET settings = ?, updated_at = ? WHERE store_id = ? AND settings = ?",
            (settings, now, store_id, expected),
        )
        return cur.rowcount == 1

    async def gateway(self, store_id: int) -> str | None:
        row = self.db.execute("SELECT settings FROM store_gateway WHERE store_id = ?", (store_id,)).fetchone()
        return None if row is None else str(row[0])
