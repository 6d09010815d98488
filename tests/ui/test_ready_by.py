"""The preparation time chosen at Accept is a promise: kept on the order, counted down on the board
and in the detail, printed on the kitchen ticket, and the default for auto-accept."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

from posapp.domain.actions import OrderAction
from posapp.domain.order import OrderStatus
from posapp.engine.orders import ActionRefused
from posapp.printing.layouts import kitchen_ticket
from posapp.printing.ticket import Text
from posapp.ui.board_model import Column
from tests.ui.conftest import Env
from tests.ui.harness import Stack, open_stack, until


def _accepted(stack: Stack, order_view_id: int) -> bool:
    order = stack.window.model.order(order_view_id)
    return order is not None and order.status is OrderStatus.ACCEPTED


async def test_prep_minutes_chosen_at_accept_become_the_promised_ready_time(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        order = await stack.new_order()
        board = stack.window.board
        assert board.select(order.order_view_id)
        board.order_actions.prep.setValue(20)
        clicked_at = time.time()
        board.order_actions.buttons[OrderAction.CONFIRM].click()
        await until(lambda: _accepted(stack, order.order_view_id))

        accepted = stack.service.order(order.order_view_id)
        assert accepted is not None and accepted.ready_by is not None
        assert abs(accepted.ready_by - (clicked_at + 20 * 60)) < 5
        model = stack.window.model
        oid = order.order_view_id
        row = next(r for r in range(model.rowCount()) if model.order_at(r).order_view_id == oid)
        shown = model.data(model.index(row, Column.DEADLINE), Qt.ItemDataRole.DisplayRole)
        assert shown.startswith("Ready by") and ("20 min" in shown or "19 min" in shown)
        assert board.select(order.order_view_id)  # now in the "in progress" lane
        assert board.detail.urgency.text().startswith("Ready by")
        texts = [b.text for b in kitchen_ticket(accepted).blocks if isinstance(b, Text)]
        assert any(t.startswith("出餐 READY BY ") for t in texts)


async def test_auto_accept_promises_the_default_and_times_stay_within_5_to_90(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        order = await stack.new_order()
        stack.service.default_prep_minutes = 25
        with pytest.raises(ActionRefused):
            stack.service.confirm(order.order_view_id, 95)
        stack.service.confirm(order.order_view_id)
        await until(lambda: _accepted(stack, order.order_view_id))
        accepted = stack.service.order(order.order_view_id)
        assert accepted is not None and accepted.ready_by is not None
        assert abs(accepted.ready_by - (time.time() + 25 * 60)) < 10
