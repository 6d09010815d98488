"""The callback retry ladder on the simulator clock, and the run-time callback URL setter."""

from __future__ import annotations

import itertools
import time
from typing import Any

from posapp.zeek.signing import verify
from tests.sim_zeek.helpers import Receiver, ZeekCaller

LADDER = [15, 15, 30, 180, 1800, 1800, 1800, 1800, 3600]


def record(view: dict[str, Any], status: int) -> dict[str, Any]:
    [found] = [c for c in view["callbacks"] if c["status"] == status]
    return found


def gaps(attempts: list[dict[str, float]]) -> list[int]:
    return [round(b["at"] - a["at"]) for a, b in itertools.pairwise(attempts)]


async def test_failed_callback_is_retried_with_the_same_payload(zeek: ZeekCaller, receiver: Receiver) -> None:
    order_id = (await zeek.create())["order_id"]
    receiver.fail_next = 3
    await zeek.advance_until(order_id, 9005, step=15)
    await zeek.advance(60)
    accepted = [b for b in receiver.bodies if b["data"]["order_status"] == 9005]
    assert len(accepted) == 4
    assert all(b["data"] == accepted[0]["data"] for b in accepted)
    for body in accepted:
        assert verify(body, appid=zeek.config.zeek_appid, secret=zeek.config.zeek_secret, now=time.time()).ok
    callback = record(await zeek.view(order_id), 9005)
    assert callback["delivered"] is True
    assert gaps(callback["attempts"]) == LADDER[:3]


async def test_retries_follow_the_whole_ladder_then_give_up(zeek: ZeekCaller, receiver: Receiver) -> None:
    order_id = (await zeek.create())["order_id"]
    receiver.fail_next = 10**6
    await zeek.advance_until(order_id, 9005, step=15)
    await zeek.advance(sum(LADDER) + 60)
    callback = record(await zeek.view(order_id), 9005)
    assert gaps(callback["attempts"]) == LADDER
    assert callback["gaveUp"] is True and callback["delivered"] is False
    assert len([b for b in receiver.bodies if b["data"]["order_status"] == 9005]) == len(LADDER) + 1


async def test_callback_url_can_be_set_at_run_time(zeek: ZeekCaller, receiver: Receiver) -> None:
    url = f"{zeek.server.base_url}/sim/zeek/config"
    assert (await zeek.http.post(url, json={"callbackUrl": ""})).json()["callbackUrl"] == ""
    order_id = (await zeek.create())["order_id"]
    await zeek.advance_until(order_id, 9005, step=15)
    assert receiver.bodies == []
    assert record(await zeek.view(order_id), 9005)["delivered"] is False
    response = await zeek.http.post(url, json={"callbackUrl": receiver.url})
    assert response.json()["callbackUrl"] == receiver.url
    await zeek.advance(15)
    assert receiver.statuses(order_id) == [9005]
    assert record(await zeek.view(order_id), 9005)["delivered"] is True


async def test_config_setter_rejects_bad_values(zeek: ZeekCaller) -> None:
    url = f"{zeek.server.base_url}/sim/zeek/config"
    for body in ({"callbackUrl": 5}, {"cancelAfterPickup": "yes"}, {"merchantLocation": "x"}, [1]):
        assert (await zeek.http.post(url, json=body)).status_code == 400
    assert (await zeek.http.get(url)).json()["merchantId"] == zeek.config.merchant_id
