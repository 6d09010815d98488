"""Refunds: upserted by afterSaleOrderId; a final refund stays final."""

from __future__ import annotations

import dataclasses

import peewee
import pytest

from posapp.domain.refund import RefundStatus
from posapp.store import orders
from posapp.store.ingest import ingest
from posapp.store.models import RefundRecord
from posapp.store.refunds import pending_refunds
from tests import peek
from tests.store import factories as f

NOW = f.PLACED_AT + 700
FINALS = [s for s in RefundStatus if s.is_final]


@pytest.fixture
def placed(db: peewee.SqliteDatabase) -> None:
    ingest(f.placed(), "{}", f.PLACED_AT)


def test_new_request_is_pending(placed: None) -> None:
    result = ingest(f.refund_changed(f.refund()), "{}", NOW)

    assert result.refund_before is None and result.refund_after is RefundStatus.PENDING
    assert [r.after_sale_order_id for r in pending_refunds()] == [9001]
    order = orders.get_order(f.ORDER_ID)
    assert order is not None and order.pending_refund == f.refund()


@pytest.mark.parametrize("final", FINALS, ids=lambda s: s.value)
def test_final_refund_never_returns_to_pending(placed: None, final: RefundStatus) -> None:
    ingest(f.refund_changed(f.refund()), "{}", NOW)
    ingest(f.refund_changed(f.refund(final)), "{}", NOW + 60)

    late = ingest(f.refund_changed(f.refund(RefundStatus.PENDING)), "{}", NOW + 120)

    assert not late.applied
    assert late.refund_before is final and late.refund_after is final
    stored = peek.refund(9001)
    assert stored is not None and stored.status is final
    assert pending_refunds() == []


def test_final_arriving_first_then_pending_stays_final(placed: None) -> None:
    ingest(f.refund_changed(f.refund(RefundStatus.AUTO_AGREED)), "{}", NOW)
    ingest(f.refund_changed(f.refund(RefundStatus.PENDING)), "{}", NOW)

    stored = peek.refund(9001)
    assert stored is not None and stored.status is RefundStatus.AUTO_AGREED


def test_handled_at_is_set_when_the_refund_turns_final(placed: None) -> None:
    ingest(f.refund_changed(f.refund()), "{}", NOW)
    assert RefundRecord.get_by_id(9001).handled_at is None

    ingest(f.refund_changed(f.refund(RefundStatus.AGREED)), "{}", NOW)

    assert (
        RefundRecord.get_by_id(9001).handled_at == f.PLACED_AT + 700
    )  # the push time of factories.refund_changed


def test_pending_request_can_change_its_details(placed: None) -> None:
    ingest(f.refund_changed(f.refund(amount=2800)), "{}", NOW)

    result = ingest(f.refund_changed(f.refund(amount=1400)), "{}", NOW)

    assert result.applied
    stored = peek.refund(9001)
    assert stored is not None and stored.amount.cents == 1400


def test_an_appeal_may_overturn_a_rejection(placed: None) -> None:
    ingest(f.refund_changed(f.refund(RefundStatus.REJECTED)), "{}", NOW)
    appeal = dataclasses.replace(f.refund(RefundStatus.AGREED), is_appeal=True)

    result = ingest(f.refund_changed(appeal), "{}", NOW)

    assert result.refund_before is RefundStatus.REJECTED and result.refund_after is RefundStatus.AGREED


def test_same_refund_again_is_not_a_change(placed: None) -> None:
    ingest(f.refund_changed(f.refund()), "{}", NOW)

    assert not ingest(f.refund_changed(f.refund()), "{}", NOW).applied


def test_pending_refunds_oldest_first_across_orders(db: peewee.SqliteDatabase) -> None:
    ingest(f.placed(), "{}", f.PLACED_AT)
    later = dataclasses.replace(f.refund(after_sale_order_id=2), requested_at=f.PLACED_AT + 900)
    earlier = dataclasses.replace(f.refund(after_sale_order_id=3), requested_at=f.PLACED_AT + 800)
    done = f.refund(RefundStatus.WITHDRAWN, after_sale_order_id=4)
    for request in (later, earlier, done):
        ingest(f.refund_changed(request), "{}", NOW)

    assert [r.after_sale_order_id for r in pending_refunds()] == [3, 2]
