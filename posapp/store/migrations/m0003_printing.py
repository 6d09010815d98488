"""Schema v3: print queue (owned by the printing work).
# Placeholder until that work lands."""

from __future__ import annotations

import peewee

VERSION = 3


def apply(db: peewee.SqliteDatabase) -> None:
    return None
