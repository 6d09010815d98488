"""Every write path × every fault the simulator can play (POST /sim/faults), over real HTTP.

Each case ends with the platform showing the effect exactly once, the outbox done, the number of
write requests what the fault allows (a lost answer is checked, never blindly resent), and the whole
click within a stated bound of requests.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import pytest

from posapp.domain.order import OrderStatus
from posapp.domain.refund import RefundStatus
from posapp.engine.delivery.forms import DeliveryForm
from posapp.engine.outbox import MAX_CHECKS, ActionChanged
from posapp.keeta.codes import CancelCode, PartRefundType, RejectCode
from posapp.sim.faults import FaultMode
from posapp.store import deliveries
from posapp.store.outbox import ActionState, OutboxAction
from tests.lost_answers.conftest import OUTBOX_RETRY, Stack
from tests.waiting import until

MODES = ("drop-answer", "http-500", "timeout")
# Requests one click may cost. Every outbox attempt is one send (for a partial refund, or its two
# baseline reads until they succeed once); each send whose answer is lost costs one check, and checks
# that cannot reach the platform stop at MAX_CHECKS. Checks read once: the outbox is the retry layer.
SENDS = OUTBOX_RETRY.max_attempts
CHECKS = SENDS + MAX_CHECKS
BOUND = SENDS + CHECKS * 1  # one order/get per check
PARTIAL_BOUND = 2 * SENDS + CHECKS * 2  # order/get and the preview, for the baseline and each check
ZEEK_CANCEL_BOUND = 2 * SENDS + CHECKS  # each cancel is followed by one info read
CUSTOMER_LOCATION = "22.281900,114.158900"


@dataclass(frozen=True)
class WritePath:
    path: str
    # Makes the order ready for the write and returns (submit the click, check the platform once).
    prepare: Callable[[Stack], Awaitable[tuple[Callable[[], OutboxAction], Callable[[], Awaitable[None]]]]]
    bound: int = BOUND
    # A lost create is resent with the same client_order_id: Zeek's "duplicate" answer is the check.
    resent_on_lost_answer: bool = False


async def _status_write(
    stack: Stack, action: str, reach: OrderStatus, mode: str = "delivery", before: tuple[str, ...] = ()
) -> tuple[Callable[[], OutboxAction], Callable[[], Awaitable[None]]]:
    oid = await stack.new_order(mode)
    for step in before:
        await getattr(stack.keeta, step)(oid)

    def click() -> OutboxAction:
        payload = {"code": int(CancelCode.STORE_CLOSED), "reason": ""} if action == "cancel" else {}
        return stack.worker.submit("keeta", action, str(oid), payload)

    async def shows_once() -> None:
        assert (await stack.keeta.get(oid)).status is reach

    return click, shows_once


async def _confirm(stack: Stack) -> tuple[Callable[[], OutboxAction], Callable[[], Awaitable[None]]]:
    return await _status_write(stack, "confirm", OrderStatus.ACCEPTED)


async def _prepare(stack: Stack) -> tuple[Callable[[], OutboxAction], Callable[[], Awaitable[None]]]:
    return await _status_write(stack, "prepare", OrderStatus.READY, before=("confirm",))


async def _collect(stack: Stack) -> tuple[Callable[[], OutboxAction], Callable[[], Awaitable[None]]]:
    return await _status_write(stack, "collect", OrderStatus.COMPLETED, "pickup", ("confirm", "prepare"))


async def _cancel(stack: Stack) -> tuple[Callable[[], OutboxAction], Callable[[], Awaitable[None]]]:
    return await _status_write(stack, "cancel", OrderStatus.CANCELLED)


def _answer(
    action: str, wanted: RefundStatus
) -> Callable[[Stack], Awaitable[tuple[Callable[[], OutboxAction], Callable[[], Awaitable[None]]]]]:
    async def prepare(stack: Stack) -> tuple[Callable[[], OutboxAction], Callable[[], Awaitable[None]]]:
        oid = await stack.new_order()
        await stack.keeta.confirm(oid)
        await stack.refund_request(oid)

        def click() -> OutboxAction:
            payload = (
                {"code": int(RejectCode.MEAL_PREPARED), "reason": ""} if action == "reject_refund" else {}
            )
            return stack.worker.submit("keeta", action, str(oid), payload)

        async def shows_once() -> None:
            refunds = (await stack.keeta.get(oid)).refunds
            assert [r.status for r in refunds] == [wanted]

        return click, shows_once

    return prepare


async def _partial_refund(stack: Stack) -> tuple[Callable[[], OutboxAction], Callable[[], Awaitable[None]]]:
    oid = await stack.new_order()
    await stack.keeta.confirm(oid)
    line = next(p for p in (await stack.keeta.partial_refund_preview(oid)).lines if p.refundable_count > 0)

    def click() -> OutboxAction:
        payload = {
            "products": [[line.line_id, 1]],
            "type": int(PartRefundType.SLOW_PREPARATION),
            "reason": "",
        }
        return stack.worker.submit("keeta", "partial_refund", str(oid), payload)

    async def shows_once() -> None:
        view = await stack.view(oid)
        assert len(view["refunds"]) == 1
        assert view["refundedCounts"] == {str(line.line_id): 1}

    return click, shows_once


def _booking_form(stack: Stack) -> DeliveryForm:
    return stack.bookings.manual_form().with_changes(
        name="Chan Tai Man", phone="91234567", address="1 Queen's Road Central", location=CUSTOMER_LOCATION,
        amount="120.00",
    )  # fmt: skip


def _zeek_orders(stack: Stack, client_order_id: str) -> list[str]:
    assert stack.sim.ctx.zeek is not None
    orders = stack.sim.ctx.zeek.orders.values()
    return [o.order_id for o in orders if o.request.client_order_id == client_order_id]


async def _zeek_book(stack: Stack) -> tuple[Callable[[], OutboxAction], Callable[[], Awaitable[None]]]:
    booked: list[str] = []

    def click() -> OutboxAction:
        booking = stack.bookings.book(_booking_form(stack))
        booked.append(booking.client_order_id)
        return stack.worker.submit(
            "zeek", "book", booking.client_order_id, {}, key=f"zeek-book-{booking.client_order_id}"
        )

    async def shows_once() -> None:
        (client_order_id,) = booked
        (order_id,) = _zeek_orders(stack, client_order_id)
        stored = deliveries.get(client_order_id)
        assert stored is not None and stored.order_id == order_id

    return click, shows_once


async def _zeek_cancel(stack: Stack) -> tuple[Callable[[], OutboxAction], Callable[[], Awaitable[None]]]:
    booking = stack.bookings.book(_booking_form(stack))
    await until(lambda: bool(getattr(deliveries.get(booking.client_order_id), "order_id", "")))
    stored = deliveries.get(booking.client_order_id)
    assert stored is not None

    def click() -> OutboxAction:
        return stack.bookings.cancel(booking.client_order_id, "customer changed the address")

    async def shows_once() -> None:
        answer = await stack.http.get(f"/sim/zeek/orders/{stored.order_id}")
        view = answer.json()
        assert view["cancel"] is not None, view

    return click, shows_once


def _self_delivery_report(
    report: str, logistics: list[int]
) -> Callable[[Stack], Awaitable[tuple[Callable[[], OutboxAction], Callable[[], Awaitable[None]]]]]:
    """order/dispatched or order/delivered for the shop's own delivery (keeta_reports.py's actions)."""

    async def prepare(stack: Stack) -> tuple[Callable[[], OutboxAction], Callable[[], Awaitable[None]]]:
        oid = await stack.new_order("self-delivery")
        await stack.keeta.confirm(oid)

        def click() -> OutboxAction:
            payload = {"courier": {"courierName": "Chan Tai Man", "courierPhone": "91234567"}}
            return stack.worker.submit("keeta", report, str(oid), payload, key=f"keeta-{report}-{oid}")

        async def shows_once() -> None:
            view = await stack.view(oid)
            assert [d["logisticsStatus"] for d in view["deliveries"]] == logistics

        return click, shows_once

    return prepare


PATHS = {
    "confirm": WritePath("order/confirm", _confirm),
    "prepare": WritePath("order/prepare", _prepare),
    "collect": WritePath("order/collect", _collect),
    "cancel": WritePath("order/cancel", _cancel),
    "agree_refund": WritePath("order/agree", _answer("agree_refund", RefundStatus.AGREED)),
    "reject_refund": WritePath("order/reject", _answer("reject_refund", RefundStatus.REJECTED)),
    "partial_refund": WritePath("order/refund/part/apply", _partial_refund, PARTIAL_BOUND),
    "zeek_book": WritePath("order/takeaway/create", _zeek_book, resent_on_lost_answer=True),
    "zeek_cancel": WritePath("order/takeaway/cancel", _zeek_cancel, ZEEK_CANCEL_BOUND),
    "dispatched": WritePath("order/dispatched", _self_delivery_report("dispatched", [30])),
    "delivered": WritePath("order/delivered", _self_delivery_report("delivered", [50])),
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", list(PATHS))
async def test_write_under_fault_takes_effect_exactly_once(stack: Stack, name: str, mode: str) -> None:
    write = PATHS[name]
    click, shows_once = await write.prepare(stack)
    await stack.arm(write.path, mode)
    before_click = stack.counted.total()
    sent_before = stack.counted.to(write.path)

    action = await stack.settled(click())
    used = stack.counted.total() - before_click  # before the test's own reads below

    assert action.state is ActionState.DONE, action
    await shows_once()
    sends = stack.counted.to(write.path) - sent_before
    lost = mode == "drop-answer" and not write.resent_on_lost_answer
    assert sends == (1 if lost else 2)  # a lost answer is checked; a known failure is sent again
    assert used <= write.bound
    assert (await stack.http.get("/sim/faults")).json() == {"faults": []}


async def test_a_platform_that_stays_unreachable_costs_at_most_the_bound(stack: Stack) -> None:
    """A partial refund's answer is lost and Keeta then stops answering: it waits for a person, sent once."""
    click, _ = await _partial_refund(stack)
    await stack.arm("order/refund/part/apply", "drop-answer")

    def keeta_down_once_sent(changed: OutboxAction) -> None:
        if changed.state is ActionState.SENDING:  # after the baseline reads, which must succeed
            stack.sim.ctx.faults.arm("order/get", FaultMode.HTTP_500, 100)

    stack.worker.hub.subscribe(ActionChanged, lambda changed: keeta_down_once_sent(changed.action))
    before_click = stack.counted.total()
    action = await stack.settled(click())

    assert action.state is ActionState.NEEDS_PERSON
    assert stack.counted.to("order/refund/part/apply") == 1
    assert stack.counted.total() - before_click <= PARTIAL_BOUND
    assert stack.counted.to("order/get") - 1 == MAX_CHECKS  # the baseline's read, then each check once
