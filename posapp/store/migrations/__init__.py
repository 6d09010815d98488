"""Versioned schema migrations, one module per step (``m0001_….py``), applied in order at start-up.

Each step module has ``VERSION: int`` and ``apply(db)``. Steps use literal SQL, never today's models,
so an old step means the same thing forever. The version lives in SQLite's ``user_version`` and is
written in the same transaction as the step. An existing file is copied aside before it is upgraded.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import sqlite3
from pathlib import Path
from types import ModuleType

import peewee

log = logging.getLogger(__name__)


def steps() -> list[ModuleType]:
    modules = [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
        if info.name.startswith("m") and info.name[1:5].isdigit()
    ]
    modules.sort(key=lambda m: int(m.VERSION))
    versions = [int(m.VERSION) for m in modules]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"migration versions must run 1..N without gaps, found {versions}")
    return modules


def latest_version() -> int:
    return len(steps())


def current_version(db: peewee.SqliteDatabase) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def _backup(db: peewee.SqliteDatabase, target: Path) -> None:
    """SQLite's backup API, not a file copy: the last run's commits may still sit in the WAL file."""
    copy = sqlite3.connect(target)
    try:
        db.connection().backup(copy)
    finally:
        copy.close()


def migrate(db: peewee.SqliteDatabase, path: Path | None = None) -> int:
    """Bring the schema to the latest version; returns the version reached."""
    version = current_version(db)
    pending = [m for m in steps() if int(m.VERSION) > version]
    if not pending:
        return version
    if path is not None and version > 0 and path.exists():
        backup = path.with_name(f"{path.name}.v{version}.bak")
        _backup(db, backup)
        log.info("backed up cache schema v%d to %s", version, backup)
    for module in pending:
        with db.atomic():
            module.apply(db)
            db.execute_sql(f"PRAGMA user_version = {int(module.VERSION)}")
        log.info("cache schema migrated to v%d", module.VERSION)
        version = int(module.VERSION)
    return version
