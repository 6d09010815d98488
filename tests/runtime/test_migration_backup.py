"""A schema migration backs the cache up first, including what the last run left in the WAL file."""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

from tests.runtime.helpers import read_until, spawn

OLD_APP = """
import sys
import peewee
from posapp.store.db import PRAGMAS
from posapp.store.migrations import steps

db = peewee.SqliteDatabase(sys.argv[1], pragmas=PRAGMAS)
db.connect()
for step in steps()[: int(sys.argv[2])]:  # the schema an older posapp release left behind
    with db.atomic():
        step.apply(db)
        db.execute_sql(f"PRAGMA user_version = {int(step.VERSION)}")
with db.atomic():
    db.execute_sql(
        "INSERT INTO orders (order_view_id, shop_id, status, fulfilment, courier_kind, placed_at, "
        "updated_at, needs_refresh) VALUES (4242, 880001, 'accepted', 'delivery', 'none', 1, 1, 0)"
    )
print("ready", flush=True)
import time
time.sleep(600)
"""


def _old_cache_killed_mid_run(path: Path, version: int) -> None:
    app = spawn(["-c", OLD_APP, str(path), str(version)])
    try:
        read_until(app, lambda line: line.strip() == "ready")
    finally:
        app.send_signal(signal.SIGKILL)
        app.wait(10)


def _read(path: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_migration_writes_a_backup_of_the_old_schema_first(tmp_path: Path) -> None:
    from posapp.store.db import open_database
    from posapp.store.migrations import latest_version

    path = tmp_path / "cache.sqlite3"
    old = latest_version() - 1
    _old_cache_killed_mid_run(path, old)

    db = open_database(path)
    db.close()

    backup = tmp_path / f"cache.sqlite3.v{old}.bak"
    assert backup.exists()
    assert _read(backup, "PRAGMA user_version") == [(old,)]
    assert _read(backup, "PRAGMA integrity_check") == [("ok",)]
    # The order was committed only to the WAL when the old app died; the backup must still hold it.
    assert _read(backup, "SELECT order_view_id FROM orders") == [(4242,)]
    assert _read(path, "PRAGMA user_version") == [(latest_version(),)]


def test_a_new_cache_and_an_up_to_date_cache_make_no_backup(tmp_path: Path) -> None:
    from posapp.store.db import open_database

    path = tmp_path / "cache.sqlite3"
    open_database(path).close()
    open_database(path).close()
    assert list(tmp_path.glob("*.bak")) == []
