"""Poison events on the real stream: the simulator and relay on 127.0.0.1, the app's real sync path.

The relay keeps every authentic push whatever its message holds; the app reads them over its real
stream. It must keep them as "could not read", move on, and still receive the orders after them.
"""

from __future__ import annotations

import json
from pathlib import Path

from posapp.demo.stack import PlatformStack, StackInfo
from posapp.domain.order import OrderStatus
from posapp.engine.core import AppCore
from posapp.engine.sync import LinkState
from posapp.engine.unreadable import UnreadableChanged
from tests.app.support import push_as_keeta
from tests.app.test_end_to_end import Watch, create_order, make_core, status_is


async def test_poison_events_are_kept_and_the_orders_after_them_arrive(
    stack: tuple[PlatformStack, StackInfo], tmp_path: Path
) -> None:
    _, info = stack
    shop = info.sim_config.shop_id
    core: AppCore = make_core(tmp_path, info)
    watch = Watch(core)
    unread: list[int] = []
    core.hub.subscribe(
        UnreadableChanged, lambda changed: (unread.append(len(changed.items)), watch.changed.set())
    )
    core.start()
    try:
        first = await create_order(info)
        await watch.until(status_is(core, first, OrderStatus.NEW))
        # An order id beyond 64-bit (ended sync on the old app) and a message in a future format.
        huge = json.dumps({"orderViewId": 2**63 + 7, "shopId": shop, "status": 30, "opTime": 1})
        assert (await push_as_keeta(info, 1002, huge, "poison-huge")).status_code == 200
        future = f'{{"orderViewId": {first}, "status": <<v2>>}}'
        assert (await push_as_keeta(info, 1002, future, "poison-v2")).status_code == 200

        later = await create_order(info)
        await watch.until(status_is(core, later, OrderStatus.NEW))
        # The huge id is named on the notice (no Keeta order has it, so it is never fetched); the
        # future-format push named an order Keeta knows: order/get read it again, settling that item.
        await watch.until(lambda: {i.order_ref for i in core.unreadable.items} == {str(2**63 + 7)})
        assert max(unread) == 2
        assert core.sync is not None and core.sync.status.state is LinkState.CONNECTED
    finally:
        await core.stop()
