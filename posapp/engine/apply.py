"""Applies one relay event to the cache and commits the stream cursor in the same transaction.

A Keeta push the app cannot parse (a newer platform format, say) is kept in ``sync_unparsed`` and
the cursor still moves on: it is logged loudly and never silently dropped, and one bad event cannot
stall every later order.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from posapp.domain.events import Heartbeat
from posapp.engine.relay_source import StreamEvent
from posapp.keeta.webhooks import WebhookParseError, parse_webhook
from posapp.store import sync_state
from posapp.store.db import database_proxy
from posapp.store.ingest import IngestResult, ingest

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AppliedEvent:
    cursor: int
    platform: str
    result: IngestResult | None = None
    problem: str = ""

    @property
    def order_view_id(self) -> int | None:
        return None if self.result is None else self.result.order_view_id


# A platform other than Keeta hands its payload to a handler that returns nothing or raises ValueError.
PlatformHandler = Callable[[bytes, int], object]


class EventApplier:
    def __init__(self, stream: str, handlers: dict[str, PlatformHandler] | None = None) -> None:
        self.stream = stream
        self._handlers = handlers or {}

    def load_cursor(self) -> int | None:
        return sync_state.load_cursor(self.stream)

    def __call__(self, event: StreamEvent) -> AppliedEvent:
        now = int(time.time())
        with database_proxy.atomic():
            applied = self._apply(event, now)
            sync_state.save_cursor(self.stream, event.cursor)
        return applied

    def _apply(self, event: StreamEvent, now: int) -> AppliedEvent:
        if event.platform != "keeta":
            return self._other_platform(event, now)
        try:
            parsed = parse_webhook(event.body, received_at=now)
        except WebhookParseError as exc:
            return self._keep(event, str(exc))
        if isinstance(parsed, Heartbeat):
            return AppliedEvent(event.cursor, event.platform)
        raw = event.body.decode("utf-8")
        return AppliedEvent(event.cursor, event.platform, ingest(parsed, raw, now))

    def _other_platform(self, event: StreamEvent, now: int) -> AppliedEvent:
        handler = self._handlers.get(event.platform)
        if handler is None:
            return self._keep(event, f"no handler for platform {event.platform!r}")
        try:
            handler(event.body, now)
        except ValueError as exc:
            return self._keep(event, str(exc))
        return AppliedEvent(event.cursor, event.platform)

    def _keep(self, event: StreamEvent, problem: str) -> AppliedEvent:
        log.error("sync: event %d (%s) kept unapplied: %s", event.cursor, event.platform, problem)
        sync_state.keep_unparsed(self.stream, event.cursor, event.platform, event.body, problem)
        return AppliedEvent(event.cursor, event.platform, problem=problem)
