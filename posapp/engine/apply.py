"""Applies one relay event to the cache and commits the stream cursor in the same transaction.

Applying an event is isolated: it runs inside a savepoint, and whatever it raises (a push the parser
rejects, a value SQLite cannot hold, a bug) rolls back only that event's writes. The event is then kept
whole in ``sync_unparsed`` as "could not read", with the error and the order it names, and the cursor
still moves on in the same transaction: one bad event never stalls the later orders, and nothing
authentic is dropped. Only trouble with the cache itself (locked, disk full) is retried a few times
before the event is kept the same way, so a full disk does not turn good orders into unread ones.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from posapp.domain.events import Heartbeat
from posapp.engine.relay_source import StreamEvent
from posapp.engine.unreadable import describe, order_ref_of
from posapp.keeta.webhooks import WebhookParseError, message_text, parse_push
from posapp.store import sync_state
from posapp.store.db import CacheTrouble, transaction
from posapp.store.ingest import IngestResult, ingest

log = logging.getLogger(__name__)

# How often an event that meets cache trouble is tried again (the stream reconnects in between).
CACHE_TRIES = 3


@dataclass(frozen=True)
class AppliedEvent:
    cursor: int
    platform: str
    result: IngestResult | None = None
    problem: str = ""
    order_ref: str | None = None  # the order an unread event names, as digits

    @property
    def order_view_id(self) -> int | None:
        return None if self.result is None else self.result.order_view_id


# A platform other than Keeta hands its push (parsed JSON) to a handler that returns nothing or raises.
PlatformHandler = Callable[[Any, int], object]


class EventApplier:
    def __init__(self, stream: str, handlers: dict[str, PlatformHandler] | None = None) -> None:
        self.stream = stream
        self._handlers = handlers or {}
        self._cache_trouble: tuple[int, int] | None = None  # (cursor, tries so far)

    def load_cursor(self) -> int | None:
        return sync_state.load_cursor(self.stream)

    def __call__(self, event: StreamEvent) -> AppliedEvent:
        now = int(time.time())
        with transaction():
            applied = self._isolated(event, now)
            sync_state.save_cursor(self.stream, event.cursor)
        return applied

    def _isolated(self, event: StreamEvent, now: int) -> AppliedEvent:
        try:
            with transaction():  # a savepoint: a failure undoes this event's writes only
                return self._apply(event, now)
        except CacheTrouble as exc:
            if self._retry_later(event.cursor):
                raise  # the stream goes offline and resumes at this event
            return self._keep(event, describe(exc))
        except Exception as exc:  # whatever the event holds, the stream must go on
            log.debug("sync: event %d could not be applied", event.cursor, exc_info=True)
            return self._keep(event, describe(exc))

    def _retry_later(self, cursor: int) -> bool:
        tries = self._cache_trouble[1] + 1 if self._cache_trouble and self._cache_trouble[0] == cursor else 1
        self._cache_trouble = (cursor, tries)
        return tries < CACHE_TRIES

    def _apply(self, event: StreamEvent, now: int) -> AppliedEvent:
        if event.unreadable:
            return self._keep(event, event.unreadable)
        if event.platform != "keeta":
            return self._other_platform(event, now)
        try:
            parsed = parse_push(event.push, received_at=now)
        except WebhookParseError as exc:
            return self._keep(event, describe(exc))
        if isinstance(parsed, Heartbeat):
            return AppliedEvent(event.cursor, event.platform)
        return AppliedEvent(event.cursor, event.platform, ingest(parsed, message_text(event.push), now))

    def _other_platform(self, event: StreamEvent, now: int) -> AppliedEvent:
        handler = self._handlers.get(event.platform)
        if handler is None:
            return self._keep(event, f"no handler for platform {event.platform!r}")
        handler(event.push, now)
        return AppliedEvent(event.cursor, event.platform)

    def _keep(self, event: StreamEvent, problem: str) -> AppliedEvent:
        body = _kept_text(event.push).encode("utf-8")
        order_ref = order_ref_of(body)
        log.error(
            "sync: event %d (%s, order %s) kept as could-not-read: %s",
            event.cursor,
            event.platform,
            order_ref or "unknown",
            problem,
        )
        sync_state.keep_unparsed(self.stream, event.cursor, event.platform, body, problem, order_ref)
        return AppliedEvent(event.cursor, event.platform, problem=problem, order_ref=order_ref)


def _kept_text(push: Any) -> str:
    """The event as it is kept when it cannot be read: the relay's text if it never parsed, else the
    push written out again (the one place a push is serialised: only for an event no parser took;
    ASCII escapes keep a lone surrogate storable)."""
    if isinstance(push, str):
        return push
    try:
        return json.dumps(push)
    except (ValueError, RecursionError):
        return ""
