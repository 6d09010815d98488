"""Signed webhook pushes with Keeta's retry, in causal order per order (keeta.md §3).

Envelope: ``{sig, eventId, appId, messageId, shopId, message, timestamp}`` with ``message`` the body as a
JSON *string* and ``sig = sign(webhook_url, envelope minus sig, secret)``. A push succeeds on HTTP 200
with body ``code == 0``; otherwise it is sent again up to three more times, one minute apart on the
simulator clock, with the same ``messageId`` (fresh ``timestamp`` and ``sig``: wall-clock time).
Pushes for one order wait for the previous one to finish, so a receiver never sees 1002 before 1001.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from posapp.keeta.signing import compact_json, sign
from posapp.sim.clock import SimClock

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 4
RETRY_SECONDS = 60.0
PUSH_TIMEOUT = 5.0


@dataclass
class Attempt:
    at: float
    outcome: str


@dataclass
class PushRecord:
    message_id: str
    event_id: int
    order_view_id: int
    body: dict[str, Any]
    attempts: list[Attempt] = field(default_factory=list)
    state: str = "queued"  # queued → sending → delivered | failed | skipped

    def view(self) -> dict[str, Any]:
        return {
            "messageId": self.message_id,
            "eventId": self.event_id,
            "state": self.state,
            "body": self.body,
            "attempts": [{"at": a.at, "outcome": a.outcome} for a in self.attempts],
        }


@dataclass(frozen=True)
class PushIdentity:
    app_id: int
    shop_id: int
    secret: str


class Pusher:
    def __init__(
        self,
        clock: SimClock,
        http: httpx.AsyncClient,
        identity: PushIdentity,
        webhook_url: str,
        lose_first_try: Callable[[], bool] = lambda: False,
    ) -> None:
        self.clock = clock
        self.http = http
        self.identity = identity
        self.webhook_url = webhook_url
        self._lose_first_try = lose_first_try
        self.records: list[PushRecord] = []
        self._queues: dict[int, deque[PushRecord]] = {}
        self.heartbeats_sent = 0

    def push(self, event_id: int, body: dict[str, Any], order_view_id: int) -> PushRecord:
        record = PushRecord(uuid.uuid4().hex, event_id, order_view_id, body)
        self.records.append(record)
        queue = self._queues.setdefault(order_view_id, deque())
        queue.append(record)
        if len(queue) == 1:
            self._schedule(record, 0.0)
        return record

    def for_order(self, order_view_id: int) -> list[PushRecord]:
        return [r for r in self.records if r.order_view_id == order_view_id]

    def envelope(self, record: PushRecord, url: str) -> dict[str, Any]:
        envelope: dict[str, Any] = {
            "eventId": record.event_id,
            "appId": self.identity.app_id,
            "messageId": record.message_id,
            "shopId": self.identity.shop_id,
            "message": compact_json(record.body),
            "timestamp": int(time.time()),
        }
        envelope["sig"] = sign(url, envelope, self.identity.secret)
        return envelope

    def _schedule(self, record: PushRecord, delay: float) -> None:
        async def job() -> None:
            await self._attempt(record)

        self.clock.schedule_in(delay, job, name=f"push {record.event_id} {record.order_view_id}")

    async def _attempt(self, record: PushRecord) -> None:
        url = self.webhook_url
        if not url:
            record.attempts.append(Attempt(self.clock.now(), "no webhook URL configured"))
            record.state = "skipped"
            self._finish(record)
            return
        record.state = "sending"
        if not record.attempts and self._lose_first_try():
            outcome = "lost (incident)"
        else:
            outcome = await self._post(record, url)
        record.attempts.append(Attempt(self.clock.now(), outcome))
        if outcome == "ok":
            record.state = "delivered"
        elif len(record.attempts) < MAX_ATTEMPTS:
            self._schedule(record, RETRY_SECONDS)
            return
        else:
            record.state = "failed"
            log.warning(
                "push %s (event %s) failed %d times", record.message_id, record.event_id, MAX_ATTEMPTS
            )
        self._finish(record)

    async def _post(self, record: PushRecord, url: str) -> str:
        content = compact_json(self.envelope(record, url)).encode("utf-8")
        try:
            response = await self.http.post(
                url, content=content, headers={"Content-Type": "application/json"}, timeout=PUSH_TIMEOUT
            )
        except httpx.HTTPError as exc:
            return f"error: {type(exc).__name__}"
        if response.status_code != 200:
            return f"http {response.status_code}"
        try:
            code = response.json().get("code")
        except (ValueError, AttributeError):
            return "answer is not JSON"
        return "ok" if code == 0 else f"code {code}"

    def _finish(self, record: PushRecord) -> None:
        queue = self._queues.get(record.order_view_id)
        if queue and queue[0] is record:
            queue.popleft()
            if queue:
                self._schedule(queue[0], 0.0)

    async def heartbeat(self) -> None:
        """An empty-body POST, as Keeta sends to check the endpoint; not retried."""
        if not self.webhook_url:
            return
        try:
            await self.http.post(
                self.webhook_url,
                content=b"",
                headers={"Content-Type": "application/json"},
                timeout=PUSH_TIMEOUT,
            )
            self.heartbeats_sent += 1
        except httpx.HTTPError as exc:
            log.info("heartbeat to %s failed: %s", self.webhook_url, exc)
