"""The order state machine: every cashier action is allowed only where it makes sense."""

from __future__ import annotations

from dataclasses import replace

import pytest

from posapp.domain.actions import OrderAction, allowed_actions, check
from posapp.domain.money import Money
from posapp.domain.order import (
    Courier,
    CourierInfo,
    CourierStatus,
    Fulfilment,
    MoneyBreakdown,
    Order,
    OrderStatus,
)
from posapp.domain.refund import RefundKind, RefundRequest, RefundStatus
from posapp.keeta.codes import CancelCode, PartRefundType, RejectCode, reason_required

ZERO = Money(0)


def make_order(status: OrderStatus, fulfilment: Fulfilment = Fulfilment.DELIVERY) -> Order:
    return Order(
        order_view_id=1,
        shop_id=2,
        seq_no="#1",
        status=status,
        fulfilment=fulfilment,
        courier_kind=Courier.KEETA if fulfilment is Fulfilment.DELIVERY else Courier.NONE,
        lines=(),
        money=MoneyBreakdown(ZERO, ZERO, ZERO, ZERO, ZERO, ZERO),
        placed_at=1_000,
    )


def pending_refund() -> RefundRequest:
    return RefundRequest(
        after_sale_order_id=9,
        order_view_id=1,
        kind=RefundKind.FULL,
        status=RefundStatus.PENDING,
        amount=Money(2800),
        requested_at=2_000,
    )


def test_new_order_can_be_confirmed_or_cancelled_only() -> None:
    order = make_order(OrderStatus.NEW)
    assert set(allowed_actions(order)) == {OrderAction.CONFIRM, OrderAction.CANCEL, OrderAction.REFRESH}
    verdict = check(order, OrderAction.PREPARE)
    assert not verdict
    assert "Accept" in verdict.reason


def test_confirm_twice_is_refused_with_a_reason() -> None:
    verdict = check(make_order(OrderStatus.ACCEPTED), OrderAction.CONFIRM)
    assert not verdict.allowed
    assert verdict.reason == "This order has already been accepted."


@pytest.mark.parametrize(
    ("status", "fulfilment", "allowed"),
    [
        (OrderStatus.READY, Fulfilment.PICKUP, True),
        (OrderStatus.ACCEPTED, Fulfilment.PICKUP, False),
        (OrderStatus.READY, Fulfilment.DELIVERY, False),
        (OrderStatus.COMPLETED, Fulfilment.PICKUP, False),
    ],
)
def test_collect_only_for_ready_pickup_orders(
    status: OrderStatus, fulfilment: Fulfilment, allowed: bool
) -> None:
    assert check(make_order(status, fulfilment), OrderAction.COLLECT).allowed is allowed


def test_refund_answers_need_a_pending_request_even_on_final_orders() -> None:
    order = make_order(OrderStatus.COMPLETED)
    assert not check(order, OrderAction.AGREE_REFUND)
    with_request = replace(order, refunds=(pending_refund(),))
    assert check(with_request, OrderAction.AGREE_REFUND)
    assert check(with_request, OrderAction.REJECT_REFUND)
    answered = replace(order, refunds=(replace(pending_refund(), status=RefundStatus.AGREED),))
    assert not check(answered, OrderAction.REJECT_REFUND)


def test_nothing_but_refresh_on_a_cancelled_order() -> None:
    assert allowed_actions(make_order(OrderStatus.CANCELLED)) == [OrderAction.REFRESH]


def test_partial_refund_after_accept_until_delivered() -> None:
    accepted = make_order(OrderStatus.ACCEPTED)
    assert check(accepted, OrderAction.PARTIAL_REFUND)
    delivered = replace(accepted, courier=CourierInfo(status=CourierStatus.DELIVERED))
    assert not check(delivered, OrderAction.PARTIAL_REFUND)
    assert not check(replace(accepted, refunds=(pending_refund(),)), OrderAction.PARTIAL_REFUND)


def test_status_never_moves_backwards() -> None:
    # The cache moves an order only to a higher rank (store/orders.py, tests/store prove the writes).
    assert OrderStatus.ACCEPTED.rank < OrderStatus.CANCELLED.rank  # a late "accepted" never revives it
    assert OrderStatus.COMPLETED.rank < OrderStatus.CANCELLED.rank  # a cancel after completion applies
    assert make_order(OrderStatus.NEW).confirm_deadline == 1_300


def test_a_completed_order_can_be_cancelled_for_48_hours_only() -> None:
    completed = replace(make_order(OrderStatus.COMPLETED), updated_at=1_000_000)
    assert check(completed, OrderAction.CANCEL, now=1_000_000 + 47 * 3600)
    late = check(completed, OrderAction.CANCEL, now=1_000_000 + 48 * 3600 + 1)
    assert not late and "48 hours" in late.reason
    assert not check(completed, OrderAction.CANCEL)  # no clock, no time-limited action
    assert OrderAction.CANCEL in allowed_actions(completed, now=1_000_000 + 60)
    assert not check(completed, OrderAction.PREPARE, now=1_000_000 + 60)


def test_the_reason_rule_is_one_rule_for_every_reason_list() -> None:
    assert [c for c in CancelCode if reason_required(c)] == [CancelCode.OTHER]
    assert [c for c in RejectCode if reason_required(c)] == [RejectCode.OTHER]
    assert [c for c in PartRefundType if reason_required(c)] == [PartRefundType.OTHER]
