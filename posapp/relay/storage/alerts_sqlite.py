"""The alarm's tables on SQLite (one relay process; the claim still guards a restart)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from posapp.relay.storage.alerts import AlertPolicy, AlertRecord, PendingOrder

_PENDING_SQL = """
SELECT e.store_id, s.shop_id, s.name, e.seq, e.received_at, e.body,
       a.url, a.after_seconds, a.every_seconds, a.format,
       l.attempt, l.claimed_at, l.sent_at IS NOT NULL
FROM events e
JOIN stores s ON s.id = e.store_id
JOIN store_alert a ON a.store_id = e.store_id
LEFT JOIN alerts l ON l.store_id = e.store_id AND l.seq = e.seq
     AND l.attempt = (SELECT max(attempt) FROM alerts m WHERE m.store_id = e.store_id AND m.seq = e.seq)
WHERE e.kind = '1001' AND e.source = 'keeta' AND e.received_at > ?
  AND e.received_at + a.after_seconds <= ? AND e.seq > s.acked_seq AND s.revoked_at IS NULL
ORDER BY e.received_at
"""


def pending_row(r: Any) -> PendingOrder:
    """One row of the pending query (both back-ends select the same columns)."""
    policy = AlertPolicy(str(r[6]), float(r[7]), float(r[8]), str(r[9]))
    return PendingOrder(
        store_id=int(r[0]),
        shop_id=int(r[1]),
        store_name=str(r[2]),
        seq=int(r[3]),
        received_at=float(r[4]),
        body=str(r[5]),
        policy=policy,
        last_attempt=int(r[10] or 0),
        last_claimed_at=None if r[11] is None else float(r[11]),
        last_sent=bool(r[12]),
    )


class SqliteAlerts:
    def __init__(self, db: Callable[[], sqlite3.Connection]) -> None:
        self._db = db

    async def set_policy(self, store_id: int, policy: AlertPolicy, now: float) -> None:
        self._db().execute(
            "INSERT INTO store_alert (store_id, url, after_seconds, every_seconds, format, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (store_id) DO UPDATE SET url = excluded.url,"
            " after_seconds = excluded.after_seconds, every_seconds = excluded.every_seconds,"
            " format = excluded.format, updated_at = excluded.updated_at",
            (store_id, policy.url, policy.after_seconds, policy.every_seconds, policy.format, now),
        )

    async def clear_policy(self, store_id: int) -> bool:
        cur = self._db().execute("DELETE FROM store_alert WHERE store_id = ?", (store_id,))
        return cur.rowcount > 0

    async def policies(self) -> dict[int, AlertPolicy]:
        rows = (
            self._db()
            .execute("SELECT store_id, url, after_seconds, every_seconds, format FROM store_alert")
            .fetchall()
        )
        return {int(r[0]): AlertPolicy(str(r[1]), float(r[2]), float(r[3]), str(r[4])) for r in rows}

    async def pending(self, now: float, window: float) -> list[PendingOrder]:
        rows = self._db().execute(_PENDING_SQL, (now - window, now)).fetchall()
        return [pending_row(r) for r in rows]

    async def claim(self, store_id: int, seq: int, attempt: int, due_at: float, now: float) -> bool:
        cur = self._db().execute(
            "INSERT INTO alerts (store_id, seq, attempt, due_at, claimed_at) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT DO NOTHING",
            (store_id, seq, attempt, due_at, now),
        )
        return cur.rowcount == 1

    async def reclaim(self, store_id: int, seq: int, attempt: int, was: float, now: float) -> bool:
        cur = self._db().execute(
            "UPDATE alerts SET claimed_at = ? WHERE store_id = ? AND seq = ? AND attempt = ?"
            " AND claimed_at = ? AND sent_at IS NULL",
            (now, store_id, seq, attempt, was),
        )
        return cur.rowcount == 1

    async def finish(
        self, store_id: int, seq: int, attempt: int, sent_at: float | None, outcome: str
    ) -> None:
        self._db().execute(
            "UPDATE alerts SET sent_at = ?, outcome = ? WHERE store_id = ? AND seq = ? AND attempt = ?",
            (sent_at, outcome, store_id, seq, attempt),
        )

    async def history(self, store_id: int) -> list[AlertRecord]:
        rows = (
            self._db()
            .execute(
                "SELECT store_id, seq, attempt, due_at, claimed_at, sent_at, outcome FROM alerts"
                " WHERE store_id = ? ORDER BY seq, attempt",
                (store_id,),
            )
            .fetchall()
        )
        return [AlertRecord(*r) for r in rows]
