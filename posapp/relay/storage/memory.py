"""A non-durable relay storage held in process memory (``--db memory://``).

It exists only as the benchmark's baseline: the same routes, verification and streams as a real relay,
minus the database, so the price of durability can be measured. Everything is lost on exit; never
deploy it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from posapp.relay.storage.alerts import AlertPolicy, AlertRecord, PendingOrder
from posapp.relay.storage.base import (
    PRUNE_BATCH,
    CommitObserver,
    DuplicateShopError,
    IngestResult,
    StorageHealth,
    StoredEvent,
    StoreRecord,
    WakeCallback,
)

URL = "memory://"


class MemoryStorage:
    def __init__(self, url: str = URL) -> None:
        self.url = url
        self._stores: dict[int, StoreRecord] = {}
        self._events: dict[int, list[StoredEvent]] = {}
        self._seen: dict[tuple[int, str, str], int] = {}
        self._by_shop: dict[int, int] = {}  # indexes, so a lookup costs what a SQL index would
        self._by_token: dict[str, int] = {}
        self._gateway: dict[int, str] = {}
        self.alerts = NoAlerts()

    async def open(self) -> None:
        """Nothing to open."""

    async def close(self) -> None:
        """Nothing to close: the data simply goes with the process."""

    async def add_store(
        self, shop_id: int, name: str, zeek_merchant_id: str, token_hash: str, now: float
    ) -> StoreRecord:
        if shop_id in self._by_shop or token_hash in self._by_token:
            raise DuplicateShopError(f"shop {shop_id} is already registered")
        store = StoreRecord(len(self._stores) + 1, shop_id, name, zeek_merchant_id, 0, 0, now, None)
        self._stores[store.id] = store
        self._events[store.id] = []
        self._by_shop[shop_id] = self._by_token[token_hash] = store.id
        return store

    async def list_stores(self) -> list[StoreRecord]:
        return [self._record(s) for s in self._stores.values()]

    async def revoke_store(self, shop_id: int, now: float) -> bool:
        for sid, store in self._stores.items():
            if store.shop_id == shop_id and store.active:
                self._stores[sid] = replace(store, revoked_at=now)
                return True
        return False

    def _first(self, matches: Callable[[StoreRecord], bool]) -> StoreRecord | None:
        for store in self._stores.values():
            if store.active and matches(store):
                return self._record(store)
        return None

    def _active(self, store_id: int | None) -> StoreRecord | None:
        store = self._stores.get(store_id) if store_id is not None else None
        return self._record(store) if store is not None and store.active else None

    async def store_by_shop(self, shop_id: int) -> StoreRecord | None:
        return self._active(self._by_shop.get(shop_id))

    async def store_by_zeek_key(self, key: str) -> StoreRecord | None:
        found = self._first(lambda s: s.zeek_merchant_id == key) if key else None
        if found is None and key.isdigit():
            found = self._active(self._by_shop.get(int(key)))
        return found

    async def store_by_token_hash(self, token_hash: str) -> StoreRecord | None:
        return self._active(self._by_token.get(token_hash))

    async def ingest(
        self, store_id: int, source: str, dedup_key: str, kind: str, received_at: float, body: str
    ) -> IngestResult:
        key = (store_id, source, dedup_key)
        known = self._seen.get(key)
        if known is not None:
            return IngestResult(seq=known, duplicate=True)
        log = self._events[store_id]
        seq = log[-1].seq + 1 if log else 1
        log.append(StoredEvent(seq, source, kind, dedup_key, received_at, body))
        self._seen[key] = seq
        return IngestResult(seq=seq, duplicate=False)

    async def read_after(self, store_id: int, after: int, limit: int) -> list[StoredEvent]:
        log = self._events.get(store_id, [])
        start = max(0, after)  # seq n sits at index n - 1: nothing is ever pruned here
        return log[start : start + limit]

    async def ack(self, store_id: int, cursor: int) -> int:
        store = self._record(self._stores[store_id])
        acked = max(store.acked_seq, min(cursor, store.last_seq))
        self._stores[store_id] = replace(store, acked_seq=acked)
        return acked

    async def prune(self, now: float, keep_seconds: float, batch: int = PRUNE_BATCH) -> int:
        """Nothing is kept long enough to need pruning."""
        return 0

    async def announce(self, store_id: int) -> None:
        """One process: the in-process wake-up is all there is."""

    async def listen(self, wake: WakeCallback, wake_all: Callable[[], None] | None = None) -> None:
        """Nothing to listen to."""

    async def probe(self) -> None:
        """Process memory is always there."""

    def health(self) -> StorageHealth:
        return StorageHealth(writer_busy_seconds=0.0, listening=None)

    def observe_commits(self, observer: CommitObserver) -> None:
        """Nothing is committed."""

    async def backlog(self, top: int) -> tuple[list[tuple[int, int]], int]:
        counts = [
            (s.shop_id, len(self._events[s.id]) - s.acked_seq) for s in self._stores.values() if s.active
        ]
        counts = [c for c in counts if c[1] > 0]
        counts.sort(key=lambda c: (-c[1], c[0]))
        return counts[:top], sum(n for _, n in counts)

    async def set_gateway(self, store_id: int, settings: str, now: float) -> None:
        self._gateway[store_id] = settings

    async def replace_gateway(self, store_id: int, expected: str, settings: str, now: float) -> bool:
        if self._gateway.get(store_id) != expected:
            return False
        self._gateway[store_id] = settings
        return True

    async def gateway(self, store_id: int) -> str | None:
        return self._gateway.get(store_id)

    def _record(self, store: StoreRecord) -> StoreRecord:
        return replace(store, last_seq=len(self._events[store.id]))


class NoAlerts:
    """The baseline keeps nothing, so it has no alarm: the admin commands cannot reach its memory."""

    async def set_policy(self, store_id: int, policy: AlertPolicy, now: float) -> None:
        raise RuntimeError("the in-memory relay storage keeps no alert settings")

    async def clear_policy(self, store_id: int) -> bool:
        return False

    async def policies(self) -> dict[int, AlertPolicy]:
        return {}

    async def pending(self, now: float, window: float) -> list[PendingOrder]:
        return []

    async def claim(self, store_id: int, seq: int, attempt: int, due_at: float, now: float) -> bool:
        return False

    async def reclaim(self, store_id: int, seq: int, attempt: int, was: float, now: float) -> bool:
        return False

    async def finish(
        self, store_id: int, seq: int, attempt: int, sent_at: float | None, outcome: str
    ) -> None:
        """Nothing was claimed, so nothing finishes."""

    async def history(self, store_id: int) -> list[AlertRecord]:
        return []
