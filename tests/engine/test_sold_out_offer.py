"""Which cancel and partial-refund reasons offer to mark items sold out, and which items are ticked."""

from __future__ import annotations

from typing import Any

from posapp.domain.actions import OrderAction
from posapp.engine.sold_out import offer_for
from posapp.keeta.codes import CancelCode, PartRefundType
from posapp.store.outbox import ActionState, OutboxAction
from tests.store import factories


def action(kind: OrderAction, payload: dict[str, Any], platform: str = "keeta") -> OutboxAction:
    return OutboxAction(
        1, "k", platform, kind.value, str(factories.ORDER_ID), payload, ActionState.PENDING, 0, 0.0
    )


def test_a_cancel_for_missing_ingredients_offers_every_item_unticked() -> None:
    offer = offer_for(action(OrderAction.CANCEL, {"code": int(CancelCode.INSUFFICIENT_INGREDIENTS)}),
                      factories.order())  # fmt: skip
    assert offer == [(10, "Beef brisket noodles  牛腩麵", False), (11, "Iced milk tea  凍奶茶", False)]


def test_a_partial_refund_for_missing_ingredients_ticks_the_refunded_line() -> None:
    payload = {"products": [[2, 1]], "type": int(PartRefundType.INSUFFICIENT_INGREDIENTS), "reason": ""}
    offer = offer_for(action(OrderAction.PARTIAL_REFUND, payload), factories.order())
    assert offer == [(10, "Beef brisket noodles  牛腩麵", False), (11, "Iced milk tea  凍奶茶", True)]


def test_other_reasons_and_other_actions_offer_nothing() -> None:
    order = factories.order()
    assert offer_for(action(OrderAction.CANCEL, {"code": int(CancelCode.STAFF_SHORTAGE)}), order) is None
    slow = {"products": [[2, 1]], "type": int(PartRefundType.SLOW_PREPARATION)}
    assert offer_for(action(OrderAction.PARTIAL_REFUND, slow), order) is None
    assert offer_for(action(OrderAction.CONFIRM, {}), order) is None
    ingredients = {"code": int(CancelCode.INSUFFICIENT_INGREDIENTS)}
    assert offer_for(action(OrderAction.CANCEL, ingredients, platform="zeek"), order) is None
