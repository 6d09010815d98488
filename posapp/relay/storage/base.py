"""The relay's storage interface: stores (with hashed tokens) and each store's event log.

Every event gets the store's next ``seq`` in the same transaction as its insert, so per store the
cursor order equals commit order and a reader at ``seq > N`` never skips a late commit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from posapp.relay.storage.alerts import AlertStorage

PRUNE_BATCH = 5000  # rows per pruning transaction: short enough not to hold up the push writer


@dataclass(frozen=True)
class StoreRecord:
    id: int
    shop_id: int
    name: str
    zeek_merchant_id: str
    last_seq: int
    acked_seq: int
    created_at: float
    revoked_at: float | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@dataclass(frozen=True)
class StoredEvent:
    seq: int
    source: str  # "keeta" or "zeek"
    kind: str  # Keeta eventId or Zeek status, as text
    dedup_key: str
    received_at: float
    body: str  # the verified push exactly as received (UTF-8 text)


@dataclass(frozen=True)
class IngestResult:
    seq: int
    duplicate: bool


class StoreGone(Exception):
    """``ingest`` found the store revoked (perhaps by another process since it was looked up)."""


class StorageUnavailable(Exception):
    """The database cannot be reached (or answers too slowly) right now: say 503, the sender retries."""


@dataclass(frozen=True)
class StorageHealth:
    writer_busy_seconds: float  # how long the write in flight has been running; 0.0 when idle
    listening: bool | None  # the cross-process wake-up connection is up; None: this back-end has none


class DuplicateShopError(Exception):
    """A store with this Keeta shop id is already registered."""


class Storage(Protocol):
    """What the relay needs from its database; SQLite and PostgreSQL implement it alike."""

    @property
    def alerts(self) -> AlertStorage:
        """The unacknowledged-order alarm's policies and sent alerts (alerts.py)."""
        ...

    async def open(self) -> None: ...

    async def close(self) -> None: ...

    async def add_store(
        self, shop_id: int, name: str, zeek_merchant_id: str, token_hash: str, now: float
    ) -> StoreRecord: ...

    async def list_stores(self) -> list[StoreRecord]: ...

    async def revoke_store(self, shop_id: int, now: float) -> bool: ...

    async def store_by_shop(self, shop_id: int) -> StoreRecord | None:
        """The active store for a Keeta shop id."""
        ...

    async def store_by_zeek_key(self, key: str) -> StoreRecord | None:
        """The active store whose Zeek merchant id, or else Keeta shop id, is ``key``."""
        ...

    async def store_by_token_hash(self, token_hash: str) -> StoreRecord | None: ...

    async def ingest(
        self, store_id: int, source: str, dedup_key: str, kind: str, received_at: float, body: str
    ) -> IngestResult:
        """Insert and commit durably; a known ``(source, dedup_key)`` returns its seq, stored once."""
        ...

    async def read_after(self, store_id: int, after: int, limit: int) -> list[StoredEvent]: ...

    async def ack(self, store_id: int, cursor: int) -> int:
        """Raise the store's acknowledged cursor (never lower it, never past its last seq)."""
        ...

    async def prune(self, now: float, keep_seconds: float, batch: int = PRUNE_BATCH) -> int:
        """Delete acknowledged events older than ``keep_seconds``, never an unacknowledged one, in
        transactions of at most ``batch`` rows (pushes are written in between); returns how many went."""
        ...

    async def announce(self, store_id: int) -> None:
        """Tell other relay processes that ``store_id`` has new events (after the commit)."""
        ...

    async def listen(self, wake: WakeCallback, wake_all: Callable[[], None] | None = None) -> None:
        """Call ``wake(store_id)`` whenever another process announces new events, and ``wake_all()``
        when announcements may have been missed (the listening connection was lost and is back)."""
        ...

    async def probe(self) -> None:
        """Return once the database answers a trivial query; raise StorageUnavailable if it does not
        within about a second."""
        ...

    def health(self) -> StorageHealth:
        """What the writer and the wake-up connection are doing, without asking the database."""
        ...

    def observe_commits(self, observer: CommitObserver) -> None:
        """Call ``observer(seconds)`` after each successful write of pushes (one or a batch)."""
        ...

    async def backlog(self, top: int) -> tuple[list[tuple[int, int]], int]:
        """The ``top`` active stores with most unacknowledged events as (shop id, count), and the
        count over all active stores."""
        ...

    async def set_gateway(self, store_id: int, settings: str, now: float) -> None:
        """Keep the store's gateway settings (platform credentials, JSON text); replaces earlier ones."""
        ...

    async def gateway(self, store_id: int) -> str | None:
        """The store's gateway settings, or None when the gateway is not enabled for it."""
        ...

    async def replace_gateway(self, store_id: int, expected: str, settings: str, now: float) -> bool:
        """Compare-and-swap: replace the settings only if they are still ``expected`` (another relay
        process on the same database may have changed them); True when this call replaced them."""
        ...


class WakeCallback(Protocol):
    def __call__(self, store_id: int) -> None: ...


CommitObserver = Callable[[float], None]
