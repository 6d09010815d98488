"""In-process wake-ups for streams: a signal that a store has new events, never the events themselves.

A stream subscribes before it reads, so a commit that lands between its read and its wait still wakes
it. Lost or extra wake-ups are harmless: the stream re-reads by cursor either way.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict


class WakeHub:
    def __init__(self) -> None:
        self._waiters: defaultdict[int, set[asyncio.Event]] = defaultdict(set)

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

    def wake(self, store_id: int) -> None:
        for event in self._waiters.get(store_id, ()):
            event.set()

    def listeners(self, store_id: int) -> int:
        return len(self._waiters.get(store_id, ()))
