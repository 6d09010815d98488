"""Schema v13: every printer of a role prints (kitchen stations, several receipt printers), so an
order's slip of one kind is unique per printer, not per order."""

from __future__ import annotations

import peewee

VERSION = 13

SQL = [
    "DROP INDEX print_job_once",
    "CREATE UNIQUE INDEX print_job_once ON print_job (order_view_id, kind, reprint_no, printer)",
]


def apply(db: peewee.SqliteDatabase) -> None:
    for statement in SQL:
        db.execute_sql(statement)
