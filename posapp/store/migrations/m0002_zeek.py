"""Schema v2: Zeek bookings and courier positions (owned by the Zeek core work).
# Placeholder until that work lands."""

from __future__ import annotations

import peewee

VERSION = 2


def apply(db: peewee.SqliteDatabase) -> None:
    return None
