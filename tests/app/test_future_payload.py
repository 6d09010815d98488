"""Done when (issue 12): an unknown future Keeta payload — valid signature, a message this version
cannot read — reaches the cashier as a "could not read" item, and the orders after it still arrive.
Keeta's push goes over HTTP to the real relay; the app reads the relay's stream as in a shop."""

from __future__ import annotations

from pathlib import Path

from posapp.demo.stack import PlatformStack, StackInfo
from posapp.domain.order import OrderStatus
from posapp.engine.unreadable import UnreadableChanged
from tests.app.support import push_as_keeta
from tests.app.test_end_to_end import Watch, create_order, make_core, status_is


async def test_a_future_payload_reaches_the_cashier_and_later_orders_still_arrive(
    stack: tuple[PlatformStack, StackInfo], tmp_path: Path
) -> None:
    _, info = stack
    core = make_core(tmp_path, info)
    watch = Watch(core)
    core.hub.subscribe(UnreadableChanged, lambda _: watch.changed.set())
    core.start()
    try:
        first = await create_order(info)
        await watch.until(status_is(core, first, OrderStatus.NEW))
        unknown = 2**64  # an order this Keeta does not know: the item stays for the cashier
        future = f'{{"orderViewId": {unknown}, "status": {{"v2": [<<new>>]}}}}'
        answer = await push_as_keeta(info, 1002, future, "future-1")
        assert answer.status_code == 200 and answer.json()["code"] == 0  # authentic: kept, acknowledged
        later = await create_order(info)
        await watch.until(status_is(core, later, OrderStatus.NEW))
        await watch.until(lambda: [i.order_ref for i in core.unreadable.items] == [str(unknown)])
    finally:
        await core.stop()
