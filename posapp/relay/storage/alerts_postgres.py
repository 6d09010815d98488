"""The alarm's tables on PostgreSQL: several relay processes share them, and the primary-key insert
(or the compare-and-swap on the claim time) decides which one sends an alert."""

from __future__ import annotations

from collections.abc import Callable

import asyncpg

from posapp.relay.storage.alerts import AlertPolicy, AlertRecord, PendingOrder
from posapp.relay.storage.alerts_sqlite import pending_row

_PENDING_SQL = """
SELECT e.store_id, s.shop_id, s.name, e.seq, e.received_at, e.body,
       a.url, a.after_seconds, a.every_seconds, a.format,
       l.attempt, l.claimed_at, l.sent_at IS NOT NULL
FROM relay_events e
JOIN relay_stores s ON s.id = e.store_id
JOIN relay_store_alert a ON a.store_id = e.store_id
LEFT JOIN LATERAL (
    SELECT attempt, claimed_at, sent_at FROM relay_alerts m
    WHERE m.store_id = e.store_id AND m.seq = e.seq ORDER BY attempt DESC LIMIT 1
) l ON TRUE
WHERE e.kind = '1001' AND e.source = 'keeta' AND e.received_at > $1
  AND e.received_at + a.after_seconds <= $2 AND e.seq > s.acked_seq AND s.revoked_at IS NULL
ORDER BY e.received_at
"""


class PostgresAlerts:
    def __init__(self, pool: Callable[[], asyncpg.Pool]) -> None:
        self._pool = pool

    async def set_policy(self, store_id: int, policy: AlertPolicy, now: float) -> None:
        await self._pool().execute(
            "INSERT INTO relay_store_alert (store_id, url, after_seconds, every_seconds, format, updated_at)"
            " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (store_id) DO UPDATE SET url = EXCLUDED.url,"
            " after_seconds = EXCLUDED.after_seconds, every_seconds = EXCLUDED.every_seconds,"
            " format = EXCLUDED.format, updated_at = EXCLUDED.updated_at",
            store_id,
            policy.url,
            policy.after_seconds,
            policy.every_seconds,
            policy.format,
            now,
        )

    async def clear_policy(self, store_id: int) -> bool:
        status = await self._pool().execute("DELETE FROM relay_store_alert WHERE store_id = $1", store_id)
        return not str(status).endswith(" 0")

    async def policies(self) -> dict[int, AlertPolicy]:
        rows = await self._pool().fetch(
            "SELECT store_id, url, after_seconds, every_seconds, format FROM relay_store_alert"
        )
        return {int(r[0]): AlertPolicy(str(r[1]), float(r[2]), float(r[3]), str(r[4])) for r in rows}

    async def pending(self, now: float, window: float) -> list[PendingOrder]:
        rows = await self._pool().fetch(_PENDING_SQL, now - window, now)
        return [pending_row(tuple(r)) for r in rows]

    async def claim(self, store_id: int, seq: int, attempt: int, due_at: float, now: float) -> bool:
        status = await self._pool().execute(
            "INSERT INTO relay_alerts (store_id, seq, attempt, due_at, claimed_at)"
            " VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            store_id,
            seq,
            attempt,
            due_at,
            now,
        )
        return str(status).endswith(" 1")

    async def reclaim(self, store_id: int, seq: int, attempt: int, was: float, now: float) -> bool:
        # One UPDATE: its row lock makes a concurrent taker wait, re-check claimed_at and miss.
        status = await self._pool().execute(
            "UPDATE relay_alerts SET claimed_at = $1 WHERE store_id = $2 AND seq = $3 AND attempt = $4"
            " AND claimed_at = $5 AND sent_at IS NULL",
            now,
            store_id,
            seq,
            attempt,
            was,
        )
        return str(status).endswith(" 1")

    async def finish(
        self, store_id: int, seq: int, attempt: int, sent_at: float | None, outcome: str
    ) -> None:
        await self._pool().execute(
            "UPDATE relay_alerts SET sent_at = $1, outcome = $2 WHERE store_id = $3 AND seq = $4"
            " AND attempt = $5",
            sent_at,
            outcome,
            store_id,
            seq,
            attempt,
        )

    async def history(self, store_id: int) -> list[AlertRecord]:
        rows = await self._pool().fetch(
            "SELECT store_id, seq, attempt, due_at, claimed_at, sent_at, outcome FROM relay_alerts"
            " WHERE store_id = $1 ORDER BY seq, attempt",
            store_id,
        )
        return [AlertRecord(*tuple(r)) for r in rows]
