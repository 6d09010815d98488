"""One push is read once on its way from the relay to the board: the relay's event (the push inside)
is parsed once, Keeta's ``message`` once, the order once; nothing is written back out to JSON, and the
store hands back the order it now holds instead of the engine reading it back."""

from __future__ import annotations

import collections
import json
import sys
import time
from collections.abc import Callable
from typing import Any

import peewee
import pytest

import posapp.keeta.webhooks as webhooks
import posapp.store.orders as store_orders
from posapp.engine.apply import EventApplier
from posapp.engine.orders import OrderService, OrderUpdate
from posapp.engine.outbox import OutboxWorker
from posapp.engine.relay_source import decode_relay_data
from posapp.relay.checks import verify_keeta
from posapp.relay.config import RelayConfig
from posapp.relay.storage.base import StoredEvent, StoreRecord
from posapp.relay.stream import event_json
from posapp.store import sync_state
from tests.conftest import load_fixture
from tests.keeta.helpers import APP_ID, SECRET, body, envelope

# Code that parses or writes the push; the store's own column codec (line options) is not the push.
PUSH_HANDLERS = ("posapp.engine", "posapp.keeta", "posapp.store.ingest", "posapp.store.orders")


def _relay_data(push: bytes) -> str:
    """What the relay streams for ``push``: verified, stored and written out by the relay's own code."""
    verified = verify_keeta(push, RelayConfig("https://relay.example.hk", APP_ID, SECRET))
    stored = StoredEvent(1, "keeta", verified.kind, verified.dedup_key, time.time(), verified.body)
    return event_json(stored, StoreRecord(1, 880001, "shop", "", 0, 0, 0.0))


def test_a_new_order_is_parsed_once_and_never_read_back(
    db: peewee.SqliteDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    info = load_fixture("keeta/order_info_delivery.json")
    data = _relay_data(
        body(envelope(1001, {"orderInfo": info}, message_id="m-once", timestamp=int(time.time())))
    )
    service = OrderService(None, OutboxWorker({}))  # type: ignore[arg-type]  # no Keeta call for a new order
    updates: list[OrderUpdate] = []
    service.hub.subscribe(OrderUpdate, updates.append)
    calls: collections.Counter[str] = collections.Counter()

    def counted(label: str, real: Callable[..., Any], by_caller: bool = False) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            caller = sys._getframe(1).f_globals.get("__name__", "")
            if not by_caller or caller.startswith(PUSH_HANDLERS):
                calls[f"{label} {caller}" if by_caller else label] += 1
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(json, "loads", counted("loads", json.loads, by_caller=True))
    monkeypatch.setattr(json, "dumps", counted("dumps", json.dumps, by_caller=True))
    monkeypatch.setattr(webhooks, "parse_order", counted("parse_order", webhooks.parse_order))
    monkeypatch.setattr(store_orders, "get_order", counted("get_order", store_orders.get_order))

    applied = EventApplier("once")(decode_relay_data(1, "keeta", data))
    service.event_applied(applied)

    assert calls == {
        "loads posapp.engine.relay_source": 1,  # the relay's event, the push inside it
        "loads posapp.keeta.webhooks": 1,  # Keeta's message, a JSON string inside the push
        "parse_order": 1,
    }
    [update] = updates
    assert update.new and update.order.order_view_id == info["baseOrder"]["orderViewId"]
    assert update.order == store_orders.get_order(update.order.order_view_id)  # what the cache holds


@pytest.mark.parametrize(
    "data",
    ["not json", "null", '{"seq": 1}', '{"seq": 1, "body": [1]}', '{"seq": 1, "body": "{}"}', "[" * 100_000],
)
def test_relay_data_that_is_not_the_relays_event_is_kept_unread(db: peewee.SqliteDatabase, data: str) -> None:
    """Only the relay's event object (the push under ``body``) is read; anything else is kept whole as
    "could not read" and the cursor moves past it in the same transaction, so the stream never stalls."""
    applier = EventApplier("odd")
    applied = applier(decode_relay_data(7, "keeta", data))
    assert applied.problem and applied.result is None
    assert applier.load_cursor() == 7
    [kept] = sync_state.open_unreadable()
    assert kept.cursor == 7 and kept.kind == "keeta"
