"""Signed status callbacks with the seed's retry ladder (API-3.9.1).

Each callback keeps one ``data`` for all its attempts; only ``auth`` is re-signed per attempt with a
fresh wall-clock timestamp, so a slow retry still passes the receiver's ±300 s window. A callback
counts as delivered on HTTP 200 with ``{"error": 0}``; anything else waits for the next rung of
15/15/30/180/1800/1800/1800/1800/3600 s on the simulator clock, then gives up.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

import httpx

from posapp.sim.clock import SimClock
from posapp.sim.zeek.auth import signed_envelope
from posapp.sim.zeek.state import CallbackRecord

log = logging.getLogger(__name__)

RETRY_LADDER_S = (15, 15, 30, 180, 1800, 1800, 1800, 1800, 3600)


class CallbackSender:
    def __init__(
        self,
        clock: SimClock,
        http: httpx.AsyncClient,
        appid: int,
        secret: str,
        url: Callable[[], str],
    ) -> None:
        self._clock = clock
        self._http = http
        self._appid = appid
        self._secret = secret
        self._url = url

    async def deliver(self, record: CallbackRecord) -> None:
        """First attempt now; later attempts are timers on the simulator clock."""
        await self._attempt(record, 0)

    def deliver_soon(self, record: CallbackRecord) -> None:
        """Send from the clock's own loop, so an API answer never waits for the receiver."""
        self._clock.schedule_in(0, lambda: self._attempt(record, 0), name=f"zeek-callback-{record.status}")

    async def _attempt(self, record: CallbackRecord, rung: int) -> None:
        url = self._url()
        outcome = await self._post(url, record.data) if url else "no callback URL configured"
        record.attempts.append({"at": self._clock.now(), "url": url, "outcome": outcome})
        if outcome == "ok":
            record.delivered, record.next_attempt_at = True, None
            return
        if rung >= len(RETRY_LADDER_S):
            record.gave_up, record.next_attempt_at = True, None
            log.warning("zeek callback %s gave up after %d attempts", record.status, len(record.attempts))
            return
        delay = RETRY_LADDER_S[rung]
        record.next_attempt_at = self._clock.now() + delay
        self._clock.schedule_in(
            delay, lambda: self._attempt(record, rung + 1), name=f"zeek-callback-retry-{record.status}"
        )

    async def _post(self, url: str, data: dict[str, Any]) -> str:
        body = signed_envelope(data, self._appid, self._secret, int(time.time()))
        try:
            response = await self._http.post(url, json=body)
        except httpx.HTTPError as exc:
            return f"transport error: {type(exc).__name__}"
        if response.status_code != 200:
            return f"HTTP {response.status_code}"
        try:
            answer = response.json()
        except ValueError:
            return "answer is not JSON"
        if not isinstance(answer, dict) or answer.get("error") != 0:
            return f"answer {answer!r}"
        return "ok"
