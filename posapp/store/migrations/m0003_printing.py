"""Schema v3: the durable print queue (owned by the printing work).

One row per slip. ``state`` moves queued → sending → sent/confirmed; a row left in ``sending`` by a
crash becomes ``uncertain`` at start-up and is never re-sent automatically. The partial unique index
makes automatic enqueues idempotent: one kitchen ticket, one receipt and one cancel slip per order,
and each reprint its own number.
"""

from __future__ import annotations

import peewee

VERSION = 3

_SQL = (
    """
    CREATE TABLE print_job (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        order_view_id INTEGER,
        kind TEXT NOT NULL,
        printer TEXT NOT NULL,
        ticket TEXT NOT NULL,
        reprint_no INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL DEFAULT 'queued',
        attempts INTEGER NOT NULL DEFAULT 0,
        printed_on TEXT NOT NULL DEFAULT '',
        last_error TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    )
    """,
    """
    CREATE UNIQUE INDEX print_job_once ON print_job (order_view_id, kind, reprint_no)
    WHERE order_view_id IS NOT NULL
    """,
    "CREATE INDEX print_job_state ON print_job (state, printer, id)",
)


def apply(db: peewee.SqliteDatabase) -> None:
    for statement in _SQL:
        db.execute_sql(statement)
