"""Delivery rules follow Keeta's delivery mode, against the real simulator over HTTP: Keeta-rider
orders ("1001") are never booked on Zeek; the shop's own ("9001") are, with the customer decrypted, and
their Zeek courier drives /order/dispatched and /order/delivered through the outbox once each."""

from __future__ import annotations

import time
from typing import Any

import peewee
import pytest

from posapp.domain.courier_booking import KEETA_RIDER
from posapp.domain.delivery import DeliveryBooking, DeliveryStatus
from posapp.domain.order import Courier, Order, OrderStatus
from posapp.engine.action_kinds import Check
from posapp.engine.delivery.forms import DeliveryForm
from posapp.engine.delivery.keeta_reports import DELIVERED, DISPATCHED
from posapp.engine.delivery.service import DeliveryRefused
from posapp.engine.keeta_sender import KeetaActionSender
from posapp.engine.zeek_events import DeliveryEvents, DeliveryUpdate
from posapp.sim.keeta.self_delivery import CUSTOMERS
from posapp.sim.server import SimServer
from posapp.store.outbox import ActionState, OutboxAction
from tests import peek
from tests.delivery.conftest import CUSTOMER_LOCATION
from tests.engine.self_delivery_stack import SelfDeliveryStack, open_self_delivery, outbox_rows
from tests.waiting import until

PICKED_UP, DELIVERED_STATUS, COMPLETED = 30, 50, 40


def _manual_form(order: Order) -> DeliveryForm:
    return DeliveryForm(
        name="Chan Siu Ming", phone="91234567", address="Flat 12A, 8 Queen's Road Central",
        location=CUSTOMER_LOCATION, amount="128.50", pickup_code="4321",
        keeta_order_view_id=order.order_view_id,
    )  # fmt: skip


async def _book_self_delivery(stack: SelfDeliveryStack) -> tuple[Order, DeliveryBooking]:
    order = await stack.accepted_order("self-delivery")
    service = stack.engine.service
    assert stack.engine.contacts is not None
    await stack.engine.contacts.decrypt([order])  # done already when the order service is wired in
    booking = service.book(service.form_for_order(order).with_changes(location=CUSTOMER_LOCATION), order)
    await until(lambda: bool(getattr(service.booking(booking.client_order_id), "order_id", "")))
    fresh = service.booking(booking.client_order_id)
    assert fresh is not None
    return order, fresh


async def _reports_done(stack: SelfDeliveryStack, *names: str) -> None:
    def done() -> bool:
        rows = [row for name in names for row in outbox_rows(name)]
        return len(rows) == len(names) and all(row.state == ActionState.DONE.value for row in rows)

    await until(done)


def _logistics(view: dict[str, Any]) -> list[int]:
    return [entry["logisticsStatus"] for entry in view["deliveries"]]


async def test_a_keeta_rider_order_is_refused_and_a_self_delivery_order_is_booked(
    db: object, sim: SimServer
) -> None:
    async with open_self_delivery(sim) as stack:
        service = stack.engine.service
        rider = await stack.accepted_order("delivery")
        assert rider.courier_kind is Courier.KEETA
        with pytest.raises(DeliveryRefused) as refused:
            service.book(_manual_form(rider))  # the engine refuses, whatever the screen offered
        assert refused.value.reason == KEETA_RIDER
        assert peek.bookings_for_keeta_order(rider.order_view_id) == []

        own, booking = await _book_self_delivery(stack)
        assert own.courier_kind is Courier.MERCHANT
        view = await stack.zeek_view(booking.order_id)
        assert view["clientOrderId"] == booking.client_order_id
        request = service.request(booking.client_order_id)
        assert request is not None
        # The masked ENC_ values were decrypted through base/batchDecrypt for the booking.
        names = {name for name, _, _, _ in CUSTOMERS}
        assert request.customer_name in names and request.phone.isdigit()
        assert "ENC_" not in request.address and request.address


async def test_the_zeek_courier_reports_dispatched_then_delivered_to_keeta_once_each(
    db: object, sim: SimServer
) -> None:
    async with open_self_delivery(sim) as stack:
        order, booking = await _book_self_delivery(stack)
        plan = (await stack.zeek_view(booking.order_id))["plan"]
        started = (await stack.zeek_view(booking.order_id))["history"][-1]["at"]
        await stack.advance(plan["9015"] - started + 2)  # picked up and on the way
        await _reports_done(stack, DISPATCHED)
        view = await stack.keeta_view(order.order_view_id)
        assert _logistics(view) == [PICKED_UP] and view["status"] != COMPLETED
        assert outbox_rows(DELIVERED) == []

        await stack.advance(3600)
        await _reports_done(stack, DISPATCHED, DELIVERED)
        view = await stack.keeta_view(order.order_view_id)
        assert _logistics(view) == [PICKED_UP, DELIVERED_STATUS] and view["status"] == COMPLETED
        await until(lambda: _cached_status(stack, order) is OrderStatus.COMPLETED)
        # The partner's name went along as courierInfo.
        assert view["deliveries"][0]["courierName"]

        # Told again (a poll, a callback, the same booking once more): nothing new is queued.
        done = stack.engine.service.booking(booking.client_order_id)
        assert done is not None and done.status is DeliveryStatus.COMPLETED
        assert stack.engine.reports is not None
        stack.engine.reports.report(done)
        stack.engine.service.callback_applied(booking.order_id)
        assert len(outbox_rows(DISPATCHED)) == 1 and len(outbox_rows(DELIVERED)) == 1

    async with open_self_delivery(sim) as restarted:  # a restart on the same cache
        assert restarted.engine.reports is not None
        restarted.engine.reports.catch_up()
        await restarted.worker.drain()
        view = await restarted.keeta_view(order.order_view_id)
    assert _logistics(view) == [PICKED_UP, DELIVERED_STATUS]
    assert len(outbox_rows(DISPATCHED)) == 1 and len(outbox_rows(DELIVERED)) == 1


async def test_callbacks_repeated_and_out_of_order_report_each_step_once(
    db: peewee.SqliteDatabase, sim: SimServer
) -> None:
    async with open_self_delivery(sim, poll_interval_s=3600) as stack:
        order, booking = await _book_self_delivery(stack)
        await stack.advance(4000)  # Zeek delivers; its callbacks are what the relay would pass on
        sent = [c["data"] for c in (await stack.zeek_view(booking.order_id))["callbacks"]]
        assert [d["order_status"] for d in sent][-1] == 9021
        events = DeliveryEvents()
        service = stack.engine.service
        events.hub.subscribe(DeliveryUpdate, lambda item: service.callback_applied(item.update.order_id))
        for data in [*reversed(sent), *sent, sent[-1]]:  # the last step first, then all, then again
            with db.atomic():
                events.record({"auth": {}, "data": data}, int(time.time()))  # as the stream hands it over
            events.flush()
        await _reports_done(stack, DISPATCHED, DELIVERED)
        view = await stack.keeta_view(order.order_view_id)
    assert _logistics(view) == [PICKED_UP, DELIVERED_STATUS] and view["status"] == COMPLETED


async def test_reports_owed_when_the_app_stopped_are_sent_after_the_restart(
    db: object, sim: SimServer
) -> None:
    async with open_self_delivery(sim, reports=False) as stack:  # the courier's progress, unreported
        order, booking = await _book_self_delivery(stack)
        await stack.advance(4000)
        service = stack.engine.service
        await until(lambda: getattr(service.booking(booking.client_order_id), "status", None)
                    is DeliveryStatus.COMPLETED)  # fmt: skip
        assert outbox_rows(DISPATCHED) == [] and outbox_rows(DELIVERED) == []

    async with open_self_delivery(sim) as restarted:
        await _reports_done(restarted, DISPATCHED, DELIVERED)
        view = await restarted.keeta_view(order.order_view_id)
    assert _logistics(view) == [PICKED_UP, DELIVERED_STATUS] and view["status"] == COMPLETED


async def test_a_delivered_report_whose_answer_was_lost_is_checked_not_resent(
    db: object, sim: SimServer
) -> None:
    """The outbox's check after a crash mid-send: Keeta's order/get shows the order completed."""
    async with open_self_delivery(sim) as stack:
        order, _ = await _book_self_delivery(stack)
        await stack.keeta.delivered(order.order_view_id)  # it went through; the app never heard
        keeta_side = KeetaActionSender(stack.keeta)
        for report in (DELIVERED, DISPATCHED):
            ref = str(order.order_view_id)
            action = OutboxAction(0, "k", "keeta", report, ref, {}, ActionState.SENDING, 1, 0)
            assert (await keeta_side.check(action)).verdict is Check.DONE


def _cached_status(stack: SelfDeliveryStack, order: Order) -> OrderStatus | None:
    cached = stack.orders.order(order.order_view_id)
    return None if cached is None else cached.status
