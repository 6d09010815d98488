"""Keeps the app in step with the relay: one task holds the stream, reconnects, resumes by cursor.

The cursor is committed by the applier in the same SQLite transaction as the event it applied, so
after any crash or disconnect the stream resumes exactly after the last event that took effect:
nothing is missed and nothing is applied twice.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

import httpx

from posapp.domain.retry import RetryPolicy
from posapp.engine.apply import AppliedEvent
from posapp.engine.hub import EventHub
from posapp.engine.relay_source import EventSource, RelayAuthError, StreamEvent, StreamFormatError
from posapp.engine.unreadable import describe

log = logging.getLogger(__name__)


class LinkState(Enum):
    CONNECTING = "connecting"
    CONNECTED = "connected"
    OFFLINE = "offline"
    REFUSED = "refused"  # the relay refused our token: needs settings, not retries


@dataclass(frozen=True)
class ConnectionStatus:
    """The link to the relay (or the poller's, without one); published on the hub when it changes."""

    state: LinkState
    since: float
    last_event_at: float | None = None
    applied_since_connect: int = 0
    detail: str = ""
    # The degraded poller is refreshing open orders with order/get (no relay, or the stream is down long).
    degraded: bool = False


# The stream reconnects for as long as the app runs (no attempt limit).
RECONNECT = RetryPolicy(first_delay=0.5, max_delay=30.0, max_attempts=0)


# Commits the event and the cursor; what it returns is published on the hub once committed.
Applier = Callable[[StreamEvent], AppliedEvent]


@dataclass
class _Counters:
    failures: int = 0
    applied: int = 0
    last_event_at: float | None = None
    degraded: bool = False


class SyncEngine:
    """Drives one :class:`EventSource`; ``apply`` must commit the event and the cursor together."""

    def __init__(
        self,
        source: EventSource,
        apply: Applier,
        load_cursor: Callable[[], int | None],
        backoff: RetryPolicy | None = None,
        seed: int | None = None,
        *,
        hub: EventHub | None = None,
    ) -> None:
        self.hub = hub if hub is not None else EventHub()
        self._source = source
        self._apply = apply
        self._load_cursor = load_cursor
        self._backoff = backoff or RECONNECT
        self._rng = random.Random(seed)
        self._counters = _Counters()
        self.status = ConnectionStatus(LinkState.CONNECTING, time.time())

    def set_degraded(self, degraded: bool) -> None:
        """Shown with the link state: the poller is (or no longer is) standing in for the stream."""
        if degraded != self._counters.degraded:
            self._counters.degraded = degraded
            self._set(self.status.state, detail=self.status.detail)

    async def run(self) -> None:
        """Hold the stream until cancelled (or until the relay refuses the token)."""
        while True:
            self._set(LinkState.CONNECTING)
            try:
                await self._consume()
                detail = "the relay closed the stream"
            except RelayAuthError as exc:
                self._set(LinkState.REFUSED, detail=str(exc))
                log.error("sync: %s", exc)
                return
            except (httpx.HTTPError, StreamFormatError, OSError) as exc:
                detail = f"{type(exc).__name__}: {exc}"
            except Exception as exc:  # e.g. the cache failing mid-apply: offline and retried, never fatal
                log.exception("sync: reading the stream failed")
                detail = describe(exc)
            self._counters.failures += 1
            if self.status.state is not LinkState.OFFLINE:
                self._set(LinkState.OFFLINE, detail=detail)
            delay = self._backoff.delay(self._counters.failures, self._rng)
            log.info("sync: offline (%s); reconnecting in %.1f s", detail, delay)
            await asyncio.sleep(delay)

    def mark_stopped(self, detail: str) -> None:
        """The task running :meth:`run` died: never leave the screen saying "connected"."""
        self._set(LinkState.OFFLINE, detail=detail)

    def _opened(self) -> None:
        self._counters.failures = 0
        self._counters.applied = 0
        self._set(LinkState.CONNECTED)

    async def _consume(self) -> None:
        async for event in self._source.events(self._load_cursor(), self._opened):
            outcome = self._apply(event)
            self._counters.applied += 1
            self._counters.last_event_at = time.time()
            self.hub.publish(outcome)  # the hub logs a listener's bug; the stream goes on
        # A stream that ends without error is a reconnect, not a failure worth backing off for long.

    def _set(self, state: LinkState, detail: str = "") -> None:
        since = self.status.since if state is self.status.state else time.time()
        counters = self._counters
        self.status = ConnectionStatus(
            state, since, counters.last_event_at, counters.applied, detail, counters.degraded
        )
        self.hub.publish(self.status)
