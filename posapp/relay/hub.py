"""In-process wake-ups for streams, and the events this process has just committed.

A stream subscribes before it reads, so a commit that lands between its read and its wait still wakes
it. Lost or extra wake-ups are harmless: the stream re-reads by cursor either way.

Handing over what was just committed saves each woken stream a database read per event (on
PostgreSQL a round trip, a third of the webhook→app latency). It is a cache of committed rows only,
published after the commit: a stream takes from it just the run of sequence numbers that follows its
cursor without a gap, and reads the database for anything else (events another relay process
committed, a stream that fell behind, a reconnect), so the cursor rules stay those of the database.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict

from posapp.relay.storage.base import StoredEvent

RECENT_PER_STORE = 8  # a store's burst beyond this is read from the database, as before


class WakeHub:
    def __init__(self) -> None:
        self._waiters: defaultdict[int, set[asyncio.Event]] = defaultdict(set)
        self._recent: dict[int, dict[int, StoredEvent]] = {}  # store → seq → event, for watched stores

    def subscribe(self, store_id: int) -> asyncio.Event:
        event = asyncio.Event()
        self._waiters[store_id].add(event)
        return event

    def unsubscribe(self, store_id: int, event: asyncio.Event) -> None:
        waiters = self._waiters.get(store_id)
        if waiters is None:
            return
        waiters.discard(event)
        if not waiters:
            del self._waiters[store_id]
            self._recent.pop(store_id, None)

    def wake(self, store_id: int) -> None:
        for event in self._waiters.get(store_id, ()):
            event.set()

    def wake_all(self) -> None:
        """Every stream re-reads: wake-ups from other processes may have been missed."""
        for events in self._waiters.values():
            for event in events:
                event.set()

    def committed(self, store_id: int, event: StoredEvent) -> None:
        """``event`` is committed: keep it for the store's streams (if any) and wake them."""
        if store_id in self._waiters:
            recent = self._recent.setdefault(store_id, {})
            recent[event.seq] = event
            if len(recent) > RECENT_PER_STORE:
                del recent[min(recent)]
        self.wake(store_id)

    def recent_after(self, store_id: int, cursor: int, limit: int) -> list[StoredEvent] | None:
        """The events right after ``cursor``, if this process holds them all; None: read the database.

        All of them means: ``cursor + 1`` is held, and nothing held lies beyond a gap after the run
        returned (a gap is an event committed elsewhere, which only the database has).
        """
        recent = self._recent.get(store_id)
        if not recent or cursor + 1 not in recent:
            return None
        run: list[StoredEvent] = []
        seq = cursor + 1
        while seq in recent and len(run) < limit:
            run.append(recent[seq])
            seq += 1
        if len(run) < limit and max(recent) >= seq:
            return None
        if len(self._waiters.get(store_id, ())) == 1:  # the usual one counter PC: drop what it has had
            for old in [s for s in recent if s <= cursor]:
                del recent[old]
        return run

    def listeners(self, store_id: int) -> int:
        return len(self._waiters.get(store_id, ()))
