"""StoreApi (busy mode, sold out) against the real simulator over HTTP on 127.0.0.1.

The 1102 pushes are read back with the relay's verified parse, so the client, the webhook parser and
the simulator's Store and Menu APIs are checked against each other.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from posapp.domain.events import StoreStatusChanged
from posapp.keeta import store_api
from posapp.keeta.client import KeetaClient
from posapp.keeta.config import KeetaConfig
from posapp.keeta.errors import KeetaServerError
from posapp.keeta.signing import verify_webhook
from posapp.keeta.store_api import SHOP_OPERATING, SHOP_SUSPENDED, StoreApi
from posapp.keeta.webhooks import parse_webhook
from posapp.sim.keeta import menu
from posapp.sim.server import SimServer
from tests.keeta.conftest import WebhookReceiver, client_config

DRINKS = (3011, 3012, 3013)  # linked by name to the "Set drink" options of the rice dishes


@pytest.fixture
def config(sim: SimServer) -> KeetaConfig:
    # Two attempts: the rate-limit test counts refusals, which more retries would hide.
    return client_config(sim, max_attempts=2)


@pytest.fixture
def api(keeta: KeetaClient) -> StoreApi:
    return StoreApi(keeta)


@pytest.fixture
async def control(sim: SimServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=sim.base_url, timeout=5.0) as http:
        yield http


async def shop_view(control: httpx.AsyncClient) -> dict[str, Any]:
    answer = await control.get("/sim/keeta/shop")
    answer.raise_for_status()
    view: dict[str, Any] = answer.json()
    return view


async def store_pushes(sim: SimServer, receiver: WebhookReceiver, count: int) -> list[StoreStatusChanged]:
    c = sim.ctx.config

    def parsed(bodies: list[bytes]) -> list[StoreStatusChanged]:
        signed = [b for b in bodies if verify_webhook(json.loads(b), receiver.url, c.secret, c.app_id).ok]
        assert len(signed) == len(bodies)  # every push the simulator sends is signed
        events = (parse_webhook(b) for b in signed)
        return [e for e in events if isinstance(e, StoreStatusChanged)]

    await receiver.wait_for(lambda bodies: len(parsed(bodies)) >= count)
    return parsed(receiver.bodies)


async def test_pause_and_reopen_read_back_and_push_1102(
    api: StoreApi, sim: SimServer, receiver: WebhookReceiver, control: httpx.AsyncClient
) -> None:
    assert (await api.shop_info()).status == SHOP_OPERATING
    await api.rest()
    assert (await api.shop_info()).status == SHOP_SUSPENDED
    assert (await shop_view(control))["status"] == SHOP_SUSPENDED
    await api.rest()  # already paused: no change, no second push
    await api.reopen()
    shop = await api.shop_info()
    assert shop.operating and shop.name == sim.ctx.config.shop_name
    pushes = await store_pushes(sim, receiver, 2)
    assert [(p.from_status, p.to_status) for p in pushes] == [(3, 4), (4, 3)]
    assert all(p.meta.shop_id == sim.ctx.config.shop_id for p in pushes)


async def test_a_paused_store_takes_no_new_orders(api: StoreApi, control: httpx.AsyncClient) -> None:
    await api.rest()
    refused = await control.post("/sim/keeta/orders", json={})
    assert refused.status_code == 409 and "paused" in refused.json()["error"]
    await api.reopen()
    assert (await control.post("/sim/keeta/orders", json={})).status_code == 200


async def test_keeta_itself_suspending_the_store_is_pushed(
    api: StoreApi, sim: SimServer, receiver: WebhookReceiver, control: httpx.AsyncClient
) -> None:
    (await control.post("/sim/keeta/shop", json={"status": 4})).raise_for_status()
    [push] = await store_pushes(sim, receiver, 1)
    assert push.to_status == SHOP_SUSPENDED
    assert not (await api.shop_info()).operating


async def test_menu_lists_every_dish_with_its_status(api: StoreApi) -> None:
    items = await api.menu()
    assert [i.spu_id for i in items] == [d.spu_id for d in menu.MENU]
    milk_tea = next(i for i in items if i.spu_id == 3011)
    assert (milk_tea.name, milk_tea.name_zh, milk_tea.code) == ("Hong Kong Milk Tea", "港式奶茶", "DRINK-MT")
    assert milk_tea.category == "Drink" and all(i.available for i in items)


async def test_sold_out_items_leave_new_orders(api: StoreApi, control: httpx.AsyncClient) -> None:
    gone = [d.spu_id for d in menu.MENU if d.spu_id != 3008]  # everything but curry fish balls
    result = await api.set_available(gone, False)
    assert sorted(result.changed) == sorted(gone) and not result.refused
    assert (await shop_view(control))["soldOut"] == sorted(gone)
    assert {i.spu_id for i in await api.menu() if not i.available} == set(gone)
    for _ in range(5):
        oid = (await control.post("/sim/keeta/orders", json={})).json()["orderViewId"]
        view = (await control.get(f"/sim/keeta/orders/{oid}")).json()
        assert {p["spuId"] for p in view["orderInfo"]["products"]} == {3008}
    await api.set_available([3008], False)
    refused = await control.post("/sim/keeta/orders", json={})
    assert refused.status_code == 409 and "sold out" in refused.json()["error"]
    back = await api.set_available([3008, *gone], True)
    assert len(back.changed) == len(menu.MENU)
    assert (await shop_view(control))["soldOut"] == []


async def test_conflict_check_names_the_choice_group_an_item_would_empty(api: StoreApi) -> None:
    assert await api.conflicts([3011]) == []  # two set drinks are still there
    await api.set_available([3011, 3012], False)
    [conflict] = await api.conflicts([3013, 3001])
    assert conflict.spu_id == 3013 and conflict.group_ids == (76,)


async def test_linked_options_follow_their_item_but_never_empty_a_group(
    api: StoreApi, control: httpx.AsyncClient
) -> None:
    await api.set_available(list(DRINKS), False)
    view = await shop_view(control)
    assert view["soldOut"] == list(DRINKS)
    assert view["optionsOff"] == [7601, 7602]  # the last set drink stays: Keeta keeps the group's rule
    await api.set_available([3011], True)
    assert (await shop_view(control))["optionsOff"] == [7602]


async def test_partial_failure_names_each_refused_item(api: StoreApi, control: httpx.AsyncClient) -> None:
    (await control.post("/sim/keeta/shop", json={"locked": [3002]})).raise_for_status()
    result = await api.set_available([3001, 3002, 999999], False)
    assert result.changed == (3001,)
    refused = {e.spu_id: e.code for e in result.refused}
    assert refused == {3002: store_api.SPU_LOCKED, 999999: store_api.SPU_NOT_FOUND}
    assert (await shop_view(control))["soldOut"] == [3001]


async def test_more_than_200_items_go_in_batches(api: StoreApi, sim: SimServer) -> None:
    asked = [d.spu_id for d in menu.MENU] + list(range(900_000, 900_000 + 250))
    result = await api.set_available(asked, False)
    assert len(result.changed) == len(menu.MENU) and len(result.refused) == 250


async def test_the_simulator_enforces_ten_calls_a_second(config: KeetaConfig) -> None:
    async with KeetaClient(config) as client:
        fields = {"spuIdList": [3001], "status": 1, "needLinkage": 0}
        answers = await asyncio.gather(
            *(client.call(store_api.MENU_STATUS_PATH, fields, read=False) for _ in range(12)),
            return_exceptions=True,
        )
    limited = [a for a in answers if isinstance(a, KeetaServerError)]
    assert len(limited) == 2 and all(e.code == store_api.RATE_LIMITED for e in limited)


async def test_the_client_keeps_under_the_limit(api: StoreApi) -> None:
    # Twelve one-item calls in a row: the client spaces them, so none is refused.
    for spu in [d.spu_id for d in menu.MENU][:12]:
        result = await api.set_available([spu], False)
        assert result.changed == (spu,)
