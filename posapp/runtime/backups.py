"""Daily rolling backups of the cache database with SQLite's online backup API, keeping the newest N.

The backup API copies a consistent snapshot including what still sits in the WAL file, while the app
keeps writing; copying the file with the filesystem would not. A backup is written under a temporary
name and renamed, so a crash mid-backup never leaves a half file that looks like a good one.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

PREFIX = "cache-"
SUFFIX = ".sqlite3"


def backup_database(source: Path, target: Path) -> Path:
    """Copy ``source`` (possibly open and in WAL mode elsewhere) into ``target`` atomically."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        writer = sqlite3.connect(partial)
        try:
            reader.backup(writer)
        finally:
            writer.close()
    finally:
        reader.close()
    partial.replace(target)
    return target


@dataclass
class DailyBackup:
    """``run_if_due()`` makes today's backup once (local date: the shop's day) and prunes old ones."""

    database: Path
    folder: Path
    keep: int = 7
    clock: Callable[[], float] = time.time

    def path_for(self, moment: float) -> Path:
        return self.folder / f"{PREFIX}{time.strftime('%Y%m%d', time.localtime(moment))}{SUFFIX}"

    def existing(self) -> list[Path]:
        if not self.folder.exists():
            return []
        return sorted(self.folder.glob(f"{PREFIX}[0-9]*{SUFFIX}"))  # the date in the name sorts by age

    def run_if_due(self) -> Path | None:
        if not self.database.exists():
            return None
        target = self.path_for(self.clock())
        if target.exists():
            return None
        backup_database(self.database, target)
        log.info("daily backup written: %s", target)
        self.prune()
        return target

    def prune(self) -> list[Path]:
        old = self.existing()[: -self.keep] if self.keep > 0 else []
        for path in old:
            path.unlink(missing_ok=True)
            log.info("old backup removed: %s", path)
        return old
