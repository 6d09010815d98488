"""Killing the app mid-write leaves a consistent database: every committed order whole, none half."""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

from tests.runtime.helpers import read_until, spawn

WRITER = """
import sys
from posapp.domain.order import OrderStatus
from posapp.store import orders
from posapp.store.db import open_database

db = open_database(sys.argv[1])
n = 0
while True:
    n += 1
    with db.atomic():  # one order = a stub and its status move, committed together
        orders.ensure_stub(n, 880001, OrderStatus.NEW, 1_764_057_600 + n)
        orders.advance_status(n, OrderStatus.ACCEPTED, 1_764_057_601 + n)
    print(n, flush=True)
"""


def test_sigkill_during_write_loop_leaves_a_consistent_database(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    writer = spawn(["-c", WRITER, str(path)])
    try:
        lines = read_until(writer, lambda line: line.strip().isdigit() and int(line) >= 300)
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(10)
    assert writer.returncode == -signal.SIGKILL
    committed = int(lines[-1])
    assert (tmp_path / "cache.sqlite3-wal").exists()  # the kill left work in the WAL to recover

    from posapp.store.db import open_database

    db = open_database(path)
    try:
        assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = db.execute_sql("SELECT order_view_id, status FROM orders ORDER BY order_view_id").fetchall()
    finally:
        db.close()
    ids = [row[0] for row in rows]
    assert ids == list(range(1, len(ids) + 1))  # no gap: transactions land whole and in order
    assert len(ids) >= committed  # everything reported committed survived (one more may have landed)
    assert {row[1] for row in rows} == {"accepted"}  # no stub without its status move


def test_reopened_database_also_reads_with_plain_sqlite(tmp_path: Path) -> None:
    """The file itself (not only peewee's view) passes after a kill: a backup tool can read it."""
    path = tmp_path / "cache.sqlite3"
    writer = spawn(["-c", WRITER, str(path)])
    try:
        read_until(writer, lambda line: line.strip() == "50")
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(10)
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert connection.execute("SELECT count(*) FROM orders").fetchone()[0] >= 50
    finally:
        connection.close()
