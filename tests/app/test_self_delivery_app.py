"""A self-delivery order end to end: simulator → relay → app; the app decrypts the customer, books the
Zeek courier, and Zeek's callbacks (through the relay) drive /order/dispatched and /order/delivered to
Keeta once each, also when the whole stream is replayed after a restart. All real HTTP on 127.0.0.1."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from posapp.demo.stack import PlatformStack, StackInfo
from posapp.domain.order import OrderStatus
from posapp.engine.apply import AppliedEvent
from posapp.engine.assembly import build_core
from posapp.engine.core import AppCore, RelayLink
from posapp.engine.delivery.settings import DeliverySettings
from posapp.store import sync_state
from posapp.store.models import OutboxActionRecord
from posapp.store.outbox import ActionState
from tests import peek
from tests.app.support import ZEEK_RETRY, Signal, advance_sim_clock, sim_get
from tests.app.test_end_to_end import QUICK, Watch, create_order, status_is


@pytest.fixture
async def stack(tmp_path: Path) -> AsyncIterator[StackInfo]:
    platforms = PlatformStack(tmp_path / "platforms")
    info = await platforms.start()
    try:
        yield info
    finally:
        await platforms.stop()


def direct_core(tmp_path: Path, info: StackInfo) -> AppCore:
    # Tracking polls only once an hour: Zeek's relayed callbacks are what moves the booking here.
    tuning = dataclasses.replace(
        QUICK, zeek_retry=ZEEK_RETRY, zeek_lang="en", delivery=DeliverySettings(poll_interval_s=3600)
    )
    return build_core(tmp_path / "cache.sqlite3", info.settings(), info.secrets(), tuning=tuning)


def _reports() -> list[tuple[str, str]]:
    rows = OutboxActionRecord.select().where(OutboxActionRecord.action.in_(("dispatched", "delivered")))
    return sorted((str(row.action), str(row.state)) for row in rows)


async def test_a_self_delivery_order_reports_its_zeek_courier_to_keeta_once_through_the_relay(
    stack: StackInfo, tmp_path: Path
) -> None:
    info = stack
    core = direct_core(tmp_path, info)
    watch = Watch(core)
    core.start()
    try:
        order_id = await create_order(info, "self-delivery")
        await watch.until(lambda: core.orders.order(order_id) is not None)  # the 1001, via the relay
        core.orders.confirm(order_id)
        await watch.until(status_is(core, order_id, OrderStatus.ACCEPTED))
        assert core.delivery is not None and core.delivery.contacts is not None
        contacts, service = core.delivery.contacts, core.delivery.service
        order = core.orders.order(order_id)
        assert order is not None and order.customer.encrypted
        await watch.until(lambda: not contacts.customer_for(order).encrypted)  # decrypted on arrival

        booking = service.book(service.form_for_order(order), order)
        await watch.until(lambda: bool(getattr(service.booking(booking.client_order_id), "order_id", "")))
        zeek_id = service.booking(booking.client_order_id).order_id  # type: ignore[union-attr]
        await advance_sim_clock(info, 4000)  # Zeek delivers; its callbacks go through the relay
        done = [("delivered", ActionState.DONE.value), ("dispatched", ActionState.DONE.value)]
        await watch.until(lambda: _reports() == done, limit=20)
        await watch.until(status_is(core, order_id, OrderStatus.COMPLETED))
    finally:
        await core.stop()
    view = await sim_get(info, f"/sim/keeta/orders/{order_id}")
    assert [d["logisticsStatus"] for d in view["deliveries"]] == [30, 50] and view["status"] == 40
    sent = len(peek.callback_events(zeek_id))
    assert sent >= 4  # accepted … delivered, each through the relay

    # The app restarts and replays the whole stream (a lost cursor): nothing is reported twice.
    with sqlite3.connect(tmp_path / "cache.sqlite3") as db:
        (cursor,) = db.execute("SELECT cursor FROM sync_cursor").fetchone()
        db.execute("DELETE FROM sync_cursor")
    again = direct_core(tmp_path, info)
    replay = Signal()
    assert again.sync is not None
    again.hub.subscribe(AppliedEvent, replay.fire)
    again.start()
    try:
        stream = RelayLink(info.relay_url, info.store_token).stream_key
        await replay.until(lambda: (sync_state.load_cursor(stream) or 0) >= cursor)
        assert _reports() == [("delivered", ActionState.DONE.value), ("dispatched", ActionState.DONE.value)]
        assert len(peek.callback_events(zeek_id)) == sent
    finally:
        await again.stop()
    view = await sim_get(info, f"/sim/keeta/orders/{order_id}")
    assert [d["logisticsStatus"] for d in view["deliveries"]] == [30, 50]
