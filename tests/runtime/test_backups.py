"""Daily rolling backups: one a day, consistent while the app writes, the newest N kept."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from posapp.runtime.backups import DailyBackup, backup_database


def integrity_ok(path: Path) -> bool:
    """SQLite's own check of a backup file, read-only (the app never reads its backups back)."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return bool(connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
    finally:
        connection.close()


DAY = 86_400.0


def _live_database(path: Path) -> sqlite3.Connection:
    """An open WAL database with committed rows not yet checkpointed into the main file."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=wal")
    connection.execute("PRAGMA wal_autocheckpoint=0")
    connection.execute("CREATE TABLE t (n INTEGER)")
    connection.executemany("INSERT INTO t VALUES (?)", [(n,) for n in range(100)])
    connection.commit()
    return connection


def test_backup_of_an_open_wal_database_holds_every_committed_row(tmp_path: Path) -> None:
    source = tmp_path / "cache.sqlite3"
    live = _live_database(source)
    try:
        target = backup_database(source, tmp_path / "out" / "copy.sqlite3")
        copied = sqlite3.connect(target).execute("SELECT count(*) FROM t").fetchone()[0]
    finally:
        live.close()
    assert copied == 100
    assert integrity_ok(target)
    assert not list((tmp_path / "out").glob("*.partial"))


def test_one_backup_per_day_and_only_the_newest_are_kept(tmp_path: Path) -> None:
    source = tmp_path / "cache.sqlite3"
    _live_database(source).close()
    now = [time.mktime((2026, 11, 1, 12, 0, 0, 0, 0, -1))]
    backups = DailyBackup(source, tmp_path / "backups", keep=3, clock=lambda: now[0])

    first = backups.run_if_due()
    assert first is not None and first.name == "cache-20261101.sqlite3"
    assert backups.run_if_due() is None  # same day: nothing more
    for _ in range(4):
        now[0] += DAY
        assert backups.run_if_due() is not None
    names = [path.name for path in backups.existing()]
    assert names == ["cache-20261103.sqlite3", "cache-20261104.sqlite3", "cache-20261105.sqlite3"]
    assert all(integrity_ok(path) for path in backups.existing())


def test_no_database_yet_means_no_backup(tmp_path: Path) -> None:
    backups = DailyBackup(tmp_path / "missing.sqlite3", tmp_path / "backups")
    assert backups.run_if_due() is None
    assert backups.existing() == []
