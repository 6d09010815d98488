"""Storage back-ends for the relay, chosen by the ``--db`` URL."""

from __future__ import annotations

from posapp.relay.storage.base import Storage


def storage_for_url(url: str) -> Storage:
    """``sqlite:///path`` (the default) or ``postgresql://…`` / ``postgres://…``."""
    if url.startswith("sqlite:"):
        from posapp.relay.storage.sqlite import SqliteStorage

        return SqliteStorage(url)
    if url.startswith(("postgresql://", "postgres://")):
        from posapp.relay.storage.postgres import PostgresStorage

        return PostgresStorage(url)
    if url.startswith("memory:"):
        # Non-durable, for the benchmark's baseline only.
        from posapp.relay.storage.memory import MemoryStorage

        return MemoryStorage(url)
    raise ValueError(f"unsupported --db URL {url!r}: use sqlite:///path or postgresql://…")
