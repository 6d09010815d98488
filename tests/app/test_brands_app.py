"""Several brands on one counter, end to end: two stores on one real relay (two store tokens, as
``posapp relay add-store`` makes them), the simulator's shop and a second shop whose orders arrive as
pushes signed as Keeta signs them; both brands' orders land in the one cache, each with its shop, and
a Keeta call for an order goes to that order's shop."""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from posapp.demo.stack import PlatformStack, StackInfo, _register_store
from posapp.domain.order import OrderStatus
from posapp.domain.retry import RetryPolicy
from posapp.engine.assembly import SessionSecrets, Tuning, build_core
from posapp.engine.core import AppCore
from posapp.store.outbox import ActionState
from tests.app.support import relay_db_url, sim_get
from tests.app.test_end_to_end import Watch, create_order, status_is
from tests.conftest import load_fixture
from tests.relay.helpers import keeta_push

MAIN_SHOP = 990001  # the counter's first brand: its orders come as signed pushes only
MAIN_ORDER = 990001000000001


@pytest.fixture
async def stack(tmp_path: Path) -> AsyncIterator[tuple[StackInfo, str]]:
    platforms = PlatformStack(tmp_path / "platforms")
    info = await platforms.start()
    main_token = await _register_store(relay_db_url(tmp_path / "platforms"), MAIN_SHOP, "Main brand", "m-2")
    try:
        yield info, main_token
    finally:
        await platforms.stop()


def two_brand_core(tmp_path: Path, info: StackInfo, main_token: str) -> AppCore:
    sim_shop = info.sim_config.shop_id
    settings = info.settings(
        keeta_shop_id=MAIN_SHOP,
        zeek_app_id=0,
        brands=[
            {"shop_id": MAIN_SHOP, "name": "Main", "colour": "#1565c0"},
            {"shop_id": sim_shop, "name": "Noodles", "colour": "#c62828"},
        ],
    )
    secrets = SessionSecrets(
        keeta_app_secret=info.sim_config.secret,
        keeta_token=info.sim_config.token,
        relay_token=main_token,
        brand_relay_tokens=((sim_shop, info.store_token),),
    )
    tuning = Tuning(
        outbox_policy=RetryPolicy(first_delay=0.05, max_delay=0.2),
        sync_backoff=RetryPolicy(first_delay=0.05, max_delay=0.2, max_attempts=0),
    )
    return build_core(tmp_path / "cache.sqlite3", settings, secrets, tuning=tuning, printing=False)


async def push_main_order(info: StackInfo) -> None:
    order = copy.deepcopy(load_fixture("keeta/order_info_delivery.json"))
    order["baseOrder"]["orderViewId"] = order["merchantOrder"]["orderViewId"] = MAIN_ORDER
    order["baseOrder"]["orderViewIdStr"] = str(MAIN_ORDER)
    order["merchantOrder"]["shopId"] = MAIN_SHOP
    cfg = info.sim_config
    body = keeta_push(
        1001, {"orderInfo": order}, shop_id=MAIN_SHOP, app_id=cfg.app_id, secret=cfg.secret,
        url=f"{info.relay_url}/keeta/webhook",
    )  # fmt: skip
    async with httpx.AsyncClient() as http:
        answer = await http.post(f"{info.relay_url}/keeta/webhook", content=body)
    assert answer.status_code == 200, answer.text


async def test_both_brands_orders_reach_one_board_and_calls_go_to_the_orders_shop(
    stack: tuple[StackInfo, str], tmp_path: Path
) -> None:
    info, main_token = stack
    core = two_brand_core(tmp_path, info, main_token)
    assert [link.shop_id for link in core.brands] == [info.sim_config.shop_id]
    watch = Watch(core)
    core.start()
    try:
        await push_main_order(info)
        sim_order = await create_order(info)
        await watch.until(status_is(core, MAIN_ORDER, OrderStatus.NEW))
        await watch.until(status_is(core, sim_order, OrderStatus.NEW))
        shops = {order.order_view_id: order.shop_id for order in core.orders.open_orders()}
        assert shops[MAIN_ORDER] == MAIN_SHOP and shops[sim_order] == info.sim_config.shop_id
        # The Keeta client's own shop is the main brand: accepting the simulator's order succeeds only
        # when the call names the order's shop (the simulator refuses a shopId that is not the order's).
        core.orders.confirm(sim_order)
        await watch.until(lambda: any(a.state is ActionState.DONE for a in watch.actions))
        assert (await sim_get(info, f"/sim/keeta/orders/{sim_order}"))["status"] == 30
        # Each store's stream is acknowledged with its own token.
        await watch.until(lambda: core.brands[0].acker.acknowledged > 0)
    finally:
        await core.stop()
