"""Every status word on screen is true: no "done" news from another screen, no offline relay that was
never set up, no "Ready by" for food already ready, no "0 min", Zeek's state set by what Zeek did."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt

from posapp.domain.actions import OrderAction
from posapp.domain.order import OrderStatus
from posapp.engine.sync import ConnectionStatus, LinkState
from posapp.store.outbox import ActionState, OutboxAction
from posapp.ui.board_model import Column
from posapp.ui.connection_bar import ConnectionBar
from tests.ui.conftest import Env
from tests.ui.harness import Stack, open_stack, until


def _status(stack: Stack, order_view_id: int) -> OrderStatus | None:
    order = stack.window.model.order(order_view_id)
    return None if order is None else order.status


def _cell(stack: Stack, order_view_id: int, column: Column) -> str:
    model = stack.window.model
    row = next(r for r in range(model.rowCount()) if model.order_at(r).order_view_id == order_view_id)
    return str(model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole))


async def test_the_refund_desk_does_not_repeat_the_boards_accept(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        order = await stack.new_order()
        stack.window.board.select(order.order_view_id)
        stack.window.board.order_actions.buttons[OrderAction.CONFIRM].click()
        await until(lambda: _status(stack, order.order_view_id) is OrderStatus.ACCEPTED)
        await until(lambda: "done" in stack.window.board.order_actions.note.text())
        await stack.request_refund(order.order_view_id, partial=False)
        desk = stack.window.refunds
        assert desk.select(order.order_view_id)

        assert "Accept" not in desk.order_actions.note.text()
        assert desk.order_actions.buttons[OrderAction.AGREE_REFUND].isEnabled()


async def test_a_new_order_is_just_now_and_a_ready_one_waits_for_its_customer(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        order = await stack.new_order("pickup")
        assert _cell(stack, order.order_view_id, Column.AGE) == "just now"
        stack.service.confirm(order.order_view_id)
        await until(lambda: _status(stack, order.order_view_id) is OrderStatus.ACCEPTED)
        stack.service.prepare(order.order_view_id)
        await until(lambda: _status(stack, order.order_view_id) is OrderStatus.READY)

        deadline = _cell(stack, order.order_view_id, Column.DEADLINE)
        assert "Ready by" not in deadline and "waiting for the customer" in deadline
        board = stack.window.board
        assert board.select(order.order_view_id)
        assert board.detail.urgency.text() == deadline


def test_a_relay_never_set_up_is_not_called_offline(qtbot: object) -> None:
    bar = ConnectionBar()
    bar.set_configured("relay", False)
    bar.set_status(ConnectionStatus(LinkState.OFFLINE, time.time(), degraded=True))
    assert "not set up" in bar.relay.text() and "OFFLINE" not in bar.relay.text()
    bar.set_configured("relay", True)
    assert "OFFLINE" in bar.relay.text()


def test_zeek_and_printer_say_whether_they_are_set_up_and_answered(qtbot: object) -> None:
    bar = ConnectionBar()
    bar.set_configured("zeek", False)
    bar.set_configured("printer", False)
    assert bar.platform_text("zeek") == "Zeek: not set up"
    assert bar.platform_text("printer") == "Printer: not set up"
    bar.set_configured("zeek", True)
    assert "–" not in bar.strip.text("zeek")
    bar.set_health("zeek", True)
    assert bar.platform_text("zeek") == "Zeek ✔ OK"


async def test_a_zeek_booking_that_went_through_shows_zeek_ok(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        window = stack.window
        window.connection.set_configured("zeek", True)
        assert "not used yet" in window.connection.platform_text("zeek")
        booked = OutboxAction(
            id=1, key="zeek:create:POS-1", platform="zeek", action="create", order_ref="POS-1", payload={},
            state=ActionState.DONE, attempts=1, next_attempt_at=0, created_at=int(time.time()),
        )  # fmt: skip
        window.action_changed(booked)
        assert window.connection.platform_text("zeek") == "Zeek ✔ OK"
