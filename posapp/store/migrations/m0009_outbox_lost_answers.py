"""Schema v9: an outbox action whose answer was lost is checked before it is sent again.

``needs_check`` marks an action whose last attempt may have reached the platform (timeout, dropped
connection, app stopped mid-send); ``platform_view`` keeps what the platform showed when the check
could not decide, for the person who settles it (state ``needs_person``); ``checks`` counts the
checks that could not reach the platform, so an unreachable platform ends with a person, not a loop.
"""

from __future__ import annotations

import peewee

VERSION = 9

SQL = [
    "ALTER TABLE outbox_action ADD COLUMN needs_check INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE outbox_action ADD COLUMN platform_view TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE outbox_action ADD COLUMN checks INTEGER NOT NULL DEFAULT 0",
]


def apply(db: peewee.SqliteDatabase) -> None:
    for statement in SQL:
        db.execute_sql(statement)
