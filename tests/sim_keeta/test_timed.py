"""Behaviour on the simulator clock: auto-cancel, push retry, couriers, refund auto-resolve."""

from __future__ import annotations

import itertools
import json

from posapp.keeta import codes
from posapp.keeta.codes import EventId
from posapp.keeta.signing import verify_webhook
from tests.sim_keeta.helpers import KeetaCaller, Receiver


async def test_unconfirmed_order_is_auto_cancelled_after_five_minutes(
    keeta: KeetaCaller, receiver: Receiver
) -> None:
    order_id = await keeta.create()
    await keeta.advance(299)
    assert (await keeta.view(order_id))["status"] == 10
    await keeta.advance(1)
    [cancelled] = await receiver.wait_event(EventId.ORDER_CANCELLED, order_id)
    assert cancelled["status"] == 50 and cancelled["opType"] == 0
    assert (await keeta.order("order/confirm", order_id))["code"] == codes.INVALID_STATE


async def test_confirmed_order_is_not_auto_cancelled(keeta: KeetaCaller) -> None:
    order_id = await keeta.create()
    await keeta.order("order/confirm", order_id)
    await keeta.advance(600)
    assert (await keeta.view(order_id))["status"] == 30


async def test_failed_push_is_retried_a_minute_apart_with_the_same_message_id(
    keeta: KeetaCaller, receiver: Receiver
) -> None:
    receiver.failures_left = 2
    order_id = await keeta.create()
    await receiver.wait_for(lambda: len(receiver.attempts) == 1)
    await keeta.advance(59)
    assert len(receiver.attempts) == 1, "no retry before a minute has passed"
    await keeta.advance(1)
    await keeta.advance(60)
    [placed] = await receiver.wait_event(EventId.ORDER_PLACED, order_id)

    assert len(receiver.attempts) == 3
    assert len({a["messageId"] for a in receiver.attempts}) == 1
    assert placed["orderInfo"]["baseOrder"]["orderViewId"] == order_id
    for envelope in receiver.attempts:
        verdict = verify_webhook(envelope, receiver.url, keeta.config.secret, keeta.config.app_id)
        assert verdict.ok and verdict.recipe == "url?params+secret"
    assert isinstance(receiver.attempts[0]["message"], str)


async def test_push_gives_up_after_four_attempts(keeta: KeetaCaller, receiver: Receiver) -> None:
    receiver.failures_left = 100
    order_id = await keeta.create()
    await receiver.wait_for(lambda: len(receiver.attempts) == 1)
    await keeta.advance(200)
    placed = [a for a in receiver.attempts if a["eventId"] == EventId.ORDER_PLACED]
    assert len(placed) == 4
    [push] = (await keeta.view(order_id))["pushes"]
    assert push["state"] == "failed" and len(push["attempts"]) == 4
    await keeta.advance(400)
    assert len([a for a in receiver.attempts if a["eventId"] == EventId.ORDER_PLACED]) == 4


async def test_pushes_for_one_order_stay_in_causal_order(keeta: KeetaCaller, receiver: Receiver) -> None:
    receiver.failures_left = 1
    order_id = await keeta.create()
    await receiver.wait_for(lambda: len(receiver.attempts) == 1)
    await keeta.order("order/confirm", order_id)  # 1002 must wait behind the undelivered 1001
    await keeta.advance(60)
    await receiver.wait_event(EventId.ORDER_ACCEPTED, order_id)
    assert receiver.events(order_id) == [EventId.ORDER_PLACED, EventId.ORDER_ACCEPTED]
    assert [json.loads(a["message"]).get("status") for a in receiver.attempts][-1] == 30


async def test_keeta_courier_progresses_then_completes(keeta: KeetaCaller, receiver: Receiver) -> None:
    order_id = await keeta.create("delivery")
    await keeta.order("order/confirm", order_id)
    await keeta.order("order/prepare", order_id)
    await keeta.advance(1500)
    await receiver.wait_event(EventId.ORDER_COMPLETED, order_id)

    steps = receiver.messages(EventId.COURIER, order_id)
    assert [s["logisticsStatus"] for s in steps] == [10, 20, 25, 30, 50]
    assert all(b["opTime"] > a["opTime"] for a, b in itertools.pairwise(steps))
    assert steps[1]["courierName"] and steps[1]["courierPhone"].startswith("+852")
    assert receiver.events(order_id)[-2:] == [EventId.COURIER, EventId.ORDER_COMPLETED]
    view = await keeta.view(order_id)
    assert view["status"] == 40 and len(view["deliveries"]) == 5


async def test_pickup_order_has_no_courier(keeta: KeetaCaller, receiver: Receiver) -> None:
    order_id = await keeta.create("pickup")
    await keeta.order("order/confirm", order_id)
    await keeta.order("order/prepare", order_id)
    await keeta.advance(1500)
    assert receiver.messages(EventId.COURIER, order_id) == []
    assert (await keeta.view(order_id))["status"] == 35


async def test_unanswered_refund_is_auto_agreed_after_fifteen_minutes(
    keeta: KeetaCaller, receiver: Receiver
) -> None:
    order_id = await keeta.create("pickup")
    await keeta.order("order/confirm", order_id)
    await keeta.refund_request(order_id, partial=False)
    await keeta.advance(899)
    assert len(receiver.messages(EventId.REFUND, order_id)) == 1
    await keeta.advance(1)
    updates = await receiver.wait_event(EventId.REFUND, order_id, count=2)
    assert updates[-1]["status"] == codes.RefundCode.FULL_AUTO_AGREED
    assert updates[-1]["handleOpType"] == 0
    await receiver.wait_event(EventId.ORDER_CANCELLED, order_id)
    assert (await keeta.order("order/agree", order_id))["code"] == codes.REFUND_NOT_PENDING


async def test_unanswered_partial_refund_is_auto_agreed(keeta: KeetaCaller, receiver: Receiver) -> None:
    order_id = await keeta.create("delivery")
    await keeta.order("order/confirm", order_id)
    await keeta.refund_request(order_id, partial=True)
    await keeta.advance(900)
    updates = await receiver.wait_event(EventId.PARTIAL_REFUND, order_id, count=2)
    assert updates[-1]["status"] == codes.RefundCode.PARTIAL_AUTO_AGREED
    assert (await keeta.view(order_id))["status"] == 30, "a partial refund leaves the order open"


async def test_heartbeat_is_an_empty_post(keeta: KeetaCaller, receiver: Receiver) -> None:
    await keeta.advance(60)
    await receiver.wait_for(lambda: receiver.heartbeats >= 1)
    assert receiver.attempts == []
