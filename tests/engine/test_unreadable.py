"""Events the app could not read: kept, named by order, fetched again from Keeta, settled, persisted."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import peewee
import pytest

from posapp.engine.apply import EventApplier
from posapp.engine.assembly import Tuning, build_core
from posapp.engine.core import AppCore
from posapp.engine.unreadable import UnreadableChanged, describe, fetchable_id, order_ref_of
from posapp.keeta.config import RetryPolicy
from posapp.sim.server import SimServer
from posapp.store import sync_state
from tests.app.support import simulator_only
from tests.streamed import streamed
from tests.waiting import until


def push(event_id: int, message: str, message_id: str = "m-1") -> bytes:
    envelope = {"eventId": event_id, "messageId": message_id, "shopId": 880001, "message": message}
    return json.dumps(envelope).encode()


@pytest.mark.parametrize(
    ("body", "ref"),
    [
        (push(1002, json.dumps({"orderViewId": 756823555555859})), "756823555555859"),
        (push(1002, json.dumps({"orderViewId": str(2**64)})), str(2**64)),
        (b'{"message": "{\\"orderInfo\\": {\\"baseOrder\\": {\\"orderViewId\\": 42, ', "42"),
        (json.dumps({"data": {"order_id": "FD1", "client_order_id": "9001"}}).encode(), "9001"),
        (push(1002, json.dumps({"orderViewId": 10**30})), None),  # 31 digits: no id Keeta issues
        (push(1002, "{}"), None),
        (b"\xff\xfe not text", None),
        (b'{"orderViewId": 1' + b"9" * 5_000_000 + b"}", None),
    ],
)
def test_the_order_is_dug_out_of_the_raw_push(body: bytes, ref: str | None) -> None:
    assert order_ref_of(body) == ref


def test_only_ids_the_cache_can_hold_are_fetched() -> None:
    assert fetchable_id("42") == 42
    assert fetchable_id(str(2**63 - 1)) == 2**63 - 1
    assert fetchable_id(str(2**63)) is None
    assert fetchable_id(None) is None


def test_an_error_is_described_in_one_bounded_line_of_valid_text() -> None:
    text = describe(ValueError("half \ud83c an emoji\n" + "x" * 2000))
    assert len(text) <= 500 and "\n" not in text
    text.encode("utf-8")  # a lone surrogate would raise here


def core_on(sim: SimServer, cache: Path) -> AppCore:
    shop = simulator_only(sim)
    retry = RetryPolicy(first_delay=0.01, max_delay=0.02, max_attempts=2)
    tuning = Tuning(keeta_retry=retry, keeta_timeout=5.0)
    return build_core(cache, shop.settings(zeek_app_id=0), shop.secrets(), tuning=tuning)


async def new_order(sim: SimServer) -> int:
    async with httpx.AsyncClient() as http:
        answer = await http.post(f"{sim.base_url}/sim/keeta/orders", json={"mode": "delivery"})
        return int(answer.json()["orderViewId"])


def future_push(order_view_id: int, message_id: str) -> bytes:
    """A push in a shape this version cannot read (its message is not the JSON it expects)."""
    return push(1002, f'{{"orderViewId": {order_view_id}, "status": <<new-format>>', message_id)


async def test_an_unread_event_is_fetched_with_order_get_and_settled(sim: SimServer, tmp_path: Path) -> None:
    order_id = await new_order(sim)
    core = core_on(sim, tmp_path / "cache.sqlite3")
    applier = EventApplier("relay:test")
    seen: list[int] = []
    core.hub.subscribe(UnreadableChanged, lambda changed: seen.append(len(changed.items)))
    try:
        applied = applier(streamed(1, "keeta", future_push(order_id, "m-future")))
        assert applied.problem and applied.order_ref == str(order_id)
        core.unreadable.event_applied(applied)
        assert [item.order_ref for item in core.unreadable.items] == [str(order_id)]
        # The engine asked Keeta for the order: its readable copy is in the cache, the item settled.
        await until(lambda: core.orders.order(order_id) is not None and not core.unreadable.items)
        assert seen[0] == 1 and seen[-1] == 0
        assert sync_state.open_unreadable() == []
    finally:
        await core.stop()


async def test_the_notice_survives_a_restart_until_dismissed(sim: SimServer, tmp_path: Path) -> None:
    cache = tmp_path / "cache.sqlite3"
    core = core_on(sim, cache)
    try:
        applied = EventApplier("relay:test")(streamed(1, "keeta", future_push(2**64, "m-huge")))
        core.unreadable.event_applied(applied)
    finally:
        await core.stop()

    again = core_on(sim, cache)
    try:
        assert [item.order_ref for item in again.unreadable.items] == [str(2**64)]
        again.unreadable.dismiss()
        assert again.unreadable.items == []
    finally:
        await again.stop()

    third = core_on(sim, cache)
    try:
        assert third.unreadable.items == []
    finally:
        await third.stop()


def test_cache_trouble_is_retried_before_the_event_is_kept(db: peewee.SqliteDatabase) -> None:
    """A locked or full cache is not the event's fault: the stream retries it (twice) before keeping it."""
    calls: list[int] = []

    def locked(body: bytes, now: int) -> None:
        calls.append(now)
        raise peewee.OperationalError("database is locked")

    applier = EventApplier("relay:test", handlers={"zeek": locked})
    event = streamed(7, "zeek", b'{"data": {"order_id": "FD1", "client_order_id": "42"}}')
    for _ in range(2):
        with pytest.raises(peewee.OperationalError):
            applier(event)
        assert sync_state.load_cursor("relay:test") is None  # nothing moved: it will be read again
    kept = applier(event)
    assert kept.problem == "OperationalError: database is locked" and kept.order_ref == "42"
    assert sync_state.load_cursor("relay:test") == 7 and len(calls) == 3
