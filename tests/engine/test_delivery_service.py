"""The booking engine against the simulator: quote, book through the outbox, track, cancel, look up."""

from __future__ import annotations

import pytest

from posapp.domain.delivery import DeliveryMode, DeliveryStatus
from posapp.engine.delivery.forms import DeliveryForm, FormInvalid
from posapp.engine.delivery.service import FeeRiskNotAccepted
from posapp.sim.server import SimServer
from posapp.store import deliveries
from tests.delivery.conftest import CUSTOMER_LOCATION, open_delivery, until


def _form(**changes: object) -> DeliveryForm:
    base = DeliveryForm(
        name="Chan Siu Ming",
        phone="91234567",
        address="Flat 12A, 8 Queen's Road Central",
        location=CUSTOMER_LOCATION,
        amount="128.50",
        pickup_code="4321",
        remark="Ring twice",
    )
    return base.with_changes(**changes)


async def test_quote_gives_the_conversion_table_and_the_quotation_for_the_amount(
    db: object, sim: SimServer
) -> None:
    async with open_delivery(sim) as stack:
        result = await stack.engine.service.quote(_form(amount="128.50"))

    assert result.quote is not None and result.quote.covers(result.quote.min_amount)
    assert result.quote.fee is not None and result.quote.fee.cents > 0
    assert result.quote.travel_distance_m >= result.quote.direct_distance_m > 0
    bands = [(q.min_amount.cents, q.max_amount.cents if q.max_amount else None) for q in result.table]
    assert bands[0][0] == 0 and bands[-1][1] is None  # the table covers every amount
    assert all(q.mode is not DeliveryMode.UNKNOWN for q in result.table)


async def test_book_goes_through_the_outbox_and_tracks_the_partner_to_delivered(
    db: object, sim: SimServer
) -> None:
    async with open_delivery(sim) as stack:
        service = stack.engine.service
        booking = service.book(_form())
        await until(lambda: bool((service.booking(booking.client_order_id) or booking).order_id))
        order_id = service.booking(booking.client_order_id).order_id  # type: ignore[union-attr]
        view = await stack.sim_order(order_id)
        assert view["pickupCode"] == "4321" and view["clientOrderId"] == booking.client_order_id

        await stack.advance(150)  # the partner accepts and starts moving
        await until(lambda: deliveries.latest_position(order_id) is not None)
        first = deliveries.latest_position(order_id)
        await stack.advance(240)
        await until(lambda: deliveries.latest_position(order_id) != first)
        await stack.advance(3600)
        await until(lambda: service.booking(booking.client_order_id).status is DeliveryStatus.COMPLETED)  # type: ignore[union-attr]
        assert len(deliveries.track(order_id)) > 2


async def test_a_three_digit_pickup_code_is_refused_next_to_its_field(db: object, sim: SimServer) -> None:
    async with open_delivery(sim) as stack:
        with pytest.raises(FormInvalid) as refused:
            stack.engine.service.book(_form(pickup_code="123"))
    assert list(refused.value.problems) == ["pickup_code"]
    assert "4 digits" in refused.value.problems["pickup_code"][0]


async def test_a_pickup_code_is_not_used_twice_in_a_day(db: object, sim: SimServer) -> None:
    async with open_delivery(sim) as stack:
        stack.engine.service.book(_form(pickup_code="5555"))
        with pytest.raises(FormInvalid) as refused:
            stack.engine.service.book(_form(pickup_code="5555", phone="98765432"))
    assert "already used today" in refused.value.problems["pickup_code"][0]


async def test_cancel_after_arrival_needs_the_fee_risk_accepted(db: object, sim: SimServer) -> None:
    async with open_delivery(sim) as stack:
        service = stack.engine.service
        booking = service.book(_form())
        await until(lambda: bool(service.booking(booking.client_order_id).order_id))  # type: ignore[union-attr]
        order_id = service.booking(booking.client_order_id).order_id  # type: ignore[union-attr]
        view = await stack.sim_order(order_id)
        await stack.advance(view["plan"]["9011"] - view["history"][0]["at"] + 5)
        await until(lambda: service.booking(booking.client_order_id).status is DeliveryStatus.AT_STORE)  # type: ignore[union-attr]

        with pytest.raises(FeeRiskNotAccepted):
            service.cancel(booking.client_order_id, "Customer called to cancel")
        service.cancel(booking.client_order_id, "Customer called to cancel", accept_fee_risk=True)
        await until(
            lambda: (
                service.booking(booking.client_order_id).status  # type: ignore[union-attr]
                is DeliveryStatus.CANCELLED_BEFORE_PICKUP
            )
        )
        assert (await stack.sim_order(order_id))["cancel"]["reason"] == "Customer called to cancel"
