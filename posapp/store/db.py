"""Opening the cache database: one SQLite file in WAL mode, bound to the models' proxy at start-up."""

from __future__ import annotations

import logging
from pathlib import Path

import peewee

from posapp.store.migrations import migrate

log = logging.getLogger(__name__)

# Models bind to this proxy; the composition root (or a test fixture) initialises it with a real file.
database_proxy = peewee.DatabaseProxy()

PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": "normal",  # durable at commit in WAL except on power loss mid-checkpoint
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "cache_size": -16 * 1024,
}


# The open cache, as the engine holds it (to close it at the end): the store's name for peewee's type,
# so no layer above the store imports peewee.
CacheDatabase = peewee.SqliteDatabase

# Trouble with the cache itself (locked, disk full, I/O), as opposed to a write the data refuses:
# worth trying again, where a bad event is not.
CacheTrouble = peewee.OperationalError


def transaction() -> peewee._atomic:
    """A transaction on the cache, or a savepoint when one is open: a failure inside undoes its writes
    only. The engine composes the store's writes with it (an event and its cursor commit together)."""
    return database_proxy.atomic()


def prepare_database(path: Path) -> None:
    """Create and migrate the cache, then close: blocking work (a backup and migrations may take
    seconds) for a worker thread. SQLite connections belong to their thread, so the thread that uses
    the cache then opens its own with :func:`open_database`, which finds nothing left to migrate."""
    open_database(path).close()


def open_database(path: Path | str) -> CacheDatabase:
    """Open (creating if needed) and migrate the cache at ``path``; binds ``database_proxy``."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = peewee.SqliteDatabase(str(path), pragmas=PRAGMAS)
    db.connect(reuse_if_open=True)
    migrate(db, Path(path) if str(path) != ":memory:" else None)
    database_proxy.initialize(db)
    return db


def check_cache(path: Path | str) -> tuple[int, str]:
    """Open and migrate the cache at ``path``, then its schema version and SQLite's integrity verdict
    ("ok" when sound): the install smoke check."""
    db = open_database(path)
    try:
        version = int(db.execute_sql("PRAGMA user_version").fetchone()[0])
        integrity = str(db.execute_sql("PRAGMA integrity_check").fetchone()[0])
    finally:
        db.close()
    return version, integrity
