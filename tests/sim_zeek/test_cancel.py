"""Cancelling: 9025 before pickup, the rules once the partner has arrived or picked up."""

from __future__ import annotations

from typing import Any

from tests.sim_zeek.helpers import Receiver, ZeekCaller

PATH = "order/takeaway/cancel"


def cancel_data(zeek: ZeekCaller, order_id: str, **extra: Any) -> dict[str, Any]:
    return {"order_id": order_id, "client_merchant_id": zeek.config.merchant_id, **extra}


async def set_config(zeek: ZeekCaller, **values: Any) -> None:
    response = await zeek.http.post(f"{zeek.server.base_url}/sim/zeek/config", json=values)
    assert response.status_code == 200


async def test_cancel_before_pickup_is_9025_and_stops_the_trip(zeek: ZeekCaller, receiver: Receiver) -> None:
    created = await zeek.create()
    order_id = created["order_id"]
    answer = await zeek.ok(
        PATH, cancel_data(zeek, order_id, cancel_reason="Customer changed mind", user_code="1234")
    )
    assert answer == {"order_id": order_id, "client_order_id": created["client_order_id"]}
    await receiver.wait_for(lambda: 9025 in receiver.statuses(order_id))
    cancel = receiver.bodies[-1]["data"]["cancel"]
    assert cancel["code"] == "7002" and cancel["cancel_reason"] == "Customer changed mind"
    assert cancel["cancel_user"] == "1234"
    await zeek.advance(3600)
    assert receiver.statuses(order_id) == [9025]
    info = await zeek.info(order_id)
    assert (info["order_status"], info["cancel_code"], info["cancel_user"]) == (9025, "7002", "1234")
    assert info["cancel_time"] > 0


async def test_cancel_after_arrival_is_9025_with_the_configured_fee(
    zeek: ZeekCaller, receiver: Receiver
) -> None:
    await set_config(zeek, arrivalCancelFeeCents=3000)
    order_id = (await zeek.create())["order_id"]
    await zeek.advance_until(order_id, 9011, step=10)
    await zeek.ok(PATH, cancel_data(zeek, order_id))
    view = await zeek.view(order_id)
    assert view["status"] == 9025
    assert view["cancel"]["feeCents"] == 3000
    await receiver.wait_for(lambda: receiver.statuses(order_id)[-1:] == [9025])


async def test_cancel_after_pickup_is_refused_by_default(zeek: ZeekCaller, receiver: Receiver) -> None:
    order_id = (await zeek.create())["order_id"]
    await zeek.advance_until(order_id, 8012, step=10)
    answer = await zeek.call(PATH, cancel_data(zeek, order_id))
    assert answer["error"] == 3005
    await zeek.advance_until(order_id, 9021)
    assert 9026 not in receiver.statuses(order_id)


async def test_cancel_after_pickup_when_allowed_is_9026_with_a_fee(
    zeek: ZeekCaller, receiver: Receiver
) -> None:
    await set_config(zeek, cancelAfterPickup=True)
    order_id = (await zeek.create())["order_id"]
    await zeek.advance_until(order_id, 9015, step=10)
    await zeek.ok(PATH, cancel_data(zeek, order_id))
    await receiver.wait_for(lambda: 9026 in receiver.statuses(order_id))
    view = await zeek.view(order_id)
    assert view["status"] == 9026 and view["cancel"]["feeCents"] > 0
    await zeek.advance(3600)
    assert receiver.statuses(order_id)[-1] == 9026


async def test_cancel_of_a_final_or_unknown_order(zeek: ZeekCaller) -> None:
    order_id = (await zeek.create())["order_id"]
    await zeek.advance_until(order_id, 9021)
    assert (await zeek.call(PATH, cancel_data(zeek, order_id)))["error"] == 3005
    assert (await zeek.call(PATH, cancel_data(zeek, "FD-NOPE")))["error"] == 3004
    assert (await zeek.call(PATH, {"order_id": order_id}))["error"] == 2001


async def test_cancel_validates_user_code_and_reason(zeek: ZeekCaller) -> None:
    order_id = (await zeek.create())["order_id"]
    assert (await zeek.call(PATH, cancel_data(zeek, order_id, user_code="12")))["error"] == 2001
    assert (await zeek.call(PATH, cancel_data(zeek, order_id, cancel_reason="x" * 256)))["error"] == 2001
    assert (await zeek.view(order_id))["status"] == 9001
