"""Versioned schema migrations for the relay's database, SQLite and PostgreSQL alike.

One module per step (``r0001_….py``) with ``VERSION``, ``SQLITE`` and ``POSTGRES``: literal SQL, so
an old step means the same thing forever. The version reached is kept in ``relay_schema`` (one
row), written in the same transaction as the step. On PostgreSQL the steps run under an advisory
lock, so several relay processes starting together migrate once. A database newer than this relay
(after a rollback of the code) is refused rather than written to with the wrong assumptions.
"""

from __future__ import annotations

import importlib
import pkgutil
import sqlite3
from types import ModuleType

import asyncpg

_LOCK = 727_001  # pg_advisory_xact_lock key: one migrating process at a time
_VERSION_TABLE = "CREATE TABLE IF NOT EXISTS relay_schema (version INTEGER NOT NULL)"


class SchemaTooNew(RuntimeError):
    """The database was migrated by a newer relay than this one."""


def steps() -> list[ModuleType]:
    modules = [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
        if info.name.startswith("r") and info.name[1:5].isdigit()
    ]
    modules.sort(key=lambda m: int(m.VERSION))
    versions = [int(m.VERSION) for m in modules]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"relay migration versions must run 1..N without gaps, found {versions}")
    return modules


def latest_version() -> int:
    return len(steps())


def _check(version: int) -> None:
    if version > latest_version():
        raise SchemaTooNew(
            f"the relay database is at schema version {version}, newer than this relay knows"
            f" ({latest_version()}): run the newer relay, or restore a backup from before it"
        )


def migrate_sqlite(db: sqlite3.Connection) -> int:
    """Bring a SQLite relay database (autocommit connection) to the latest version; returns it."""
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute(_VERSION_TABLE)
        row = db.execute("SELECT version FROM relay_schema").fetchone()
        version = int(row[0]) if row else 0
        _check(version)
        for step in steps()[version:]:
            for statement in _statements(step.SQLITE):
                db.execute(statement)
            version = int(step.VERSION)
        db.execute("DELETE FROM relay_schema")
        db.execute("INSERT INTO relay_schema (version) VALUES (?)", (version,))
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return version


async def migrate_postgres(conn: asyncpg.Connection) -> int:
    """The same for PostgreSQL, in one transaction under the advisory lock."""
    async with conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock($1)", _LOCK)
        await conn.execute(_VERSION_TABLE)
        version = int(await conn.fetchval("SELECT COALESCE(max(version), 0) FROM relay_schema"))
        _check(version)
        for step in steps()[version:]:
            await conn.execute(step.POSTGRES)
            version = int(step.VERSION)
        await conn.execute("DELETE FROM relay_schema")
        await conn.execute("INSERT INTO relay_schema (version) VALUES ($1)", version)
    return version


def _statements(script: str) -> list[str]:
    """The steps' SQL has no semicolons inside statements (no triggers, no string literals with one)."""
    return [s.strip() for s in script.split(";") if s.strip()]
