"""Schema v1: Keeta orders, lines, events, refunds (owned by the store work).
# Placeholder until that work lands."""

from __future__ import annotations

import peewee

VERSION = 1


def apply(db: peewee.SqliteDatabase) -> None:
    return None
