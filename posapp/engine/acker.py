"""Tells the relay how far the app has applied its stream, so the relay can show unacknowledged
events and prune the rest. Acknowledging is a courtesy, not a delivery guarantee: the app resumes
from its own committed cursor either way, so a lost ack only delays pruning."""

from __future__ import annotations

import asyncio
import logging

import httpx

from posapp.engine.apply import AppliedEvent

log = logging.getLogger(__name__)


class RelayAcker:
    def __init__(self, http: httpx.AsyncClient, relay_url: str, token: str, interval: float = 2.0) -> None:
        self._http = http
        self._url = relay_url.rstrip("/") + "/v1/ack"
        self._token = token
        self._interval = interval
        self._applied = 0
        self.acknowledged = 0
        self._pending = asyncio.Event()

    def note(self, applied: AppliedEvent) -> None:
        """Called after an event and its cursor were committed in the app's cache."""
        if applied.cursor > self._applied:
            self._applied = applied.cursor
            self._pending.set()

    async def run(self) -> None:
        while True:
            await self._pending.wait()
            self._pending.clear()
            await self.flush()
            await asyncio.sleep(self._interval)  # batch: one ack per interval, however busy

    async def flush(self) -> None:
        cursor = self._applied
        if cursor <= self.acknowledged:
            return
        try:
            response = await self._http.post(
                self._url,
                json={"cursor": cursor},
                headers={"Authorization": f"Bearer {self._token}"},
                timeout=2.0,
            )
            response.raise_for_status()
        except httpx.HTTPError as exc:
            log.info("relay ack of %d not delivered (%s); will retry", cursor, exc)
            self._pending.set()
            return
        self.acknowledged = cursor
