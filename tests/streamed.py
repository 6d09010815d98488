"""A push as the app receives it from the relay: written by the relay's own ``event_json`` and read
by the app's ``decode_relay_data``, the product path, for tests that feed the applier directly."""

from __future__ import annotations

from posapp.engine.relay_source import StreamEvent, decode_relay_data
from posapp.relay.storage.base import StoredEvent, StoreRecord
from posapp.relay.stream import event_json

_STORE = StoreRecord(1, shop_id=1, name="test", zeek_merchant_id="", last_seq=0, acked_seq=0, created_at=0.0)


def streamed(cursor: int, platform: str, body: bytes | str) -> StreamEvent:
    """``body`` (the verified push as received) streamed as event ``cursor``. The relay stores only
    JSON objects; anything else here splices into data the app cannot read, as a broken relay would."""
    text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else body
    stored = StoredEvent(cursor, platform, "", f"key-{cursor}", 0.0, text)
    return decode_relay_data(cursor, platform, event_json(stored, _STORE))
