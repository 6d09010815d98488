"""Busy mode and sold out through the outbox: a lost answer is checked against Keeta's state
(shop/base/get, product/spu/list) before anything is sent again, and partial successes are kept."""

from __future__ import annotations

from posapp.engine import store_kinds
from posapp.keeta import store_api
from posapp.store import outbox
from posapp.store.outbox import ActionState
from tests.lost_answers.conftest import Stack


async def _shop(stack: Stack) -> dict[str, object]:
    view: dict[str, object] = (await stack.http.get("/sim/keeta/shop")).json()
    return view


async def test_a_pause_whose_answer_was_lost_is_read_back_not_resent(stack: Stack) -> None:
    shop_id = stack.sim.ctx.config.shop_id
    await stack.arm(store_api.SHOP_REST_PATH, "drop-answer")
    action = stack.worker.submit("keeta", store_kinds.SHOP_REST, store_kinds.shop_ref(shop_id), {})
    settled = await stack.settled(action)
    assert settled.state is ActionState.DONE
    assert (await _shop(stack))["status"] == store_api.SHOP_SUSPENDED
    assert stack.counted.to(store_api.SHOP_REST_PATH) == 1
    assert stack.counted.to(store_api.SHOP_GET_PATH) == 1


async def test_a_reopen_that_never_arrived_is_sent_again(stack: Stack) -> None:
    shop_id = stack.sim.ctx.config.shop_id
    await stack.http.post("/sim/keeta/shop", json={"status": 4})
    await stack.arm(store_api.SHOP_OPEN_PATH, "timeout")
    action = stack.worker.submit("keeta", store_kinds.SHOP_OPEN, store_kinds.shop_ref(shop_id), {})
    settled = await stack.settled(action)
    assert settled.state is ActionState.DONE
    assert (await _shop(stack))["status"] == store_api.SHOP_OPERATING
    assert stack.counted.to(store_api.SHOP_OPEN_PATH) == 2  # the held one did nothing; checked, then sent


async def test_sold_out_with_a_lost_answer_and_a_refused_item(stack: Stack) -> None:
    shop_id = stack.sim.ctx.config.shop_id
    await stack.http.post("/sim/keeta/shop", json={"locked": [3002]})
    await stack.arm(store_api.MENU_STATUS_PATH, "drop-answer")
    spus = [3001, 3002]
    action = stack.worker.submit(
        "keeta", store_kinds.ITEMS_OFF, store_kinds.items_ref(shop_id, spus), store_kinds.items_payload(spus)
    )
    settled = await stack.settled(action)
    # The menu showed 3002 still on (locked), so the send went again and its answer named the refusal.
    assert settled.state is ActionState.DONE
    assert (await _shop(stack))["soldOut"] == [3001]
    assert stack.counted.to(store_api.MENU_LIST_PATH) == 1
    assert stack.counted.to(store_api.MENU_STATUS_PATH) == 2
    row_result = outbox.result_of(action.id)
    assert row_result["changed"] == [3001]
    assert [r["spuId"] for r in row_result["refused"]] == [3002]
