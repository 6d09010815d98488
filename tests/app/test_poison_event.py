"""A poison event on the real stream: the simulator and relay on 127.0.0.1, the app's real sync path.

The relay keeps every authentic push whatever its message holds; here such pushes are put into the
running relay's store the way its ingest stores a verified push, then the app reads them over its
real stream. It must keep them as "could not read", move on, and still receive the orders after them.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from posapp.demo.stack import PlatformStack, StackInfo
from posapp.domain.order import OrderStatus
from posapp.engine.core import AppCore
from posapp.engine.sync import LinkState
from posapp.relay.state import RelayState
from posapp.relay.storage.base import StoredEvent
from tests.app.test_end_to_end import Watch, create_order, make_core, status_is


@pytest.fixture
async def stack(tmp_path: Path) -> AsyncIterator[tuple[PlatformStack, StackInfo]]:
    platforms = PlatformStack(tmp_path / "platforms")
    info = await platforms.start()
    try:
        yield platforms, info
    finally:
        await platforms.stop()


async def store_authentic_push(platforms: PlatformStack, shop_id: int, message_id: str, body: str) -> None:
    """What the relay does with a verified push: store it durably, then wake the store's readers."""
    assert platforms.relay is not None
    state: RelayState = platforms.relay.app.state.relay
    store = await state.storage.store_by_shop(shop_id)
    assert store is not None
    received = time.time()
    result = await state.storage.ingest(store.id, "keeta", message_id, "1002", received, body)
    state.hub.committed(store.id, StoredEvent(result.seq, "keeta", "1002", message_id, received, body))
    await state.storage.announce(store.id)


def push_text(shop_id: int, message_id: str, message: str) -> str:
    envelope = {"eventId": 1002, "appId": 1, "messageId": message_id, "shopId": shop_id, "message": message}
    envelope["timestamp"] = int(time.time())
    return json.dumps(envelope)


async def test_poison_events_are_kept_and_the_orders_after_them_arrive(
    stack: tuple[PlatformStack, StackInfo], tmp_path: Path
) -> None:
    platforms, info = stack
    shop = info.sim_config.shop_id
    core: AppCore = make_core(tmp_path, info)
    watch = Watch(core)
    unread: list[int] = []
    core.unreadable.on_change(lambda items: (unread.append(len(items)), watch.changed.set()))
    core.start()
    try:
        first = await create_order(info)
        await watch.until(status_is(core, first, OrderStatus.NEW))
        # An order id beyond 64-bit (ended sync on the old app) and a message in a future format.
        huge = json.dumps({"orderViewId": 2**63 + 7, "shopId": shop, "status": 30, "opTime": 1})
        await store_authentic_push(platforms, shop, "poison-huge", push_text(shop, "poison-huge", huge))
        future = f'{{"orderViewId": {first}, "status": <<v2>>}}'
        await store_authentic_push(platforms, shop, "poison-v2", push_text(shop, "poison-v2", future))

        later = await create_order(info)
        await watch.until(status_is(core, later, OrderStatus.NEW))
        # The huge id is named on the notice (no Keeta order has it, so it is never fetched); the
        # future-format push named an order Keeta knows: order/get read it again, settling that item.
        await watch.until(lambda: {i.order_ref for i in core.unreadable.items} == {str(2**63 + 7)})
        assert max(unread) == 2
        assert core.sync is not None and core.sync.status.state is LinkState.CONNECTED
    finally:
        await core.stop()
