"""The board against the real simulator: orders arrive, ring, and each button reaches Keeta."""

from __future__ import annotations

from posapp.domain.actions import OrderAction
from posapp.domain.order import OrderStatus
from posapp.keeta.codes import CancelCode
from tests import peek
from tests.ui.conftest import Env
from tests.ui.harness import Stack, open_stack, until

SIM_NEW, SIM_CONFIRMED, SIM_READY, SIM_COMPLETED, SIM_CANCELLED = 10, 30, 35, 40, 50


async def test_pushed_order_appears_on_the_board_and_rings(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        order = await stack.new_order()

        window = stack.window
        assert order.order_view_id in window.alerter.ringing
        assert stack.chime.plays >= 1
        assert window.board.select(order.order_view_id)
        shown = [window.board.proxy.index(0, c).data() for c in range(3)]
        assert shown[0] == f"#{order.seq_no.lstrip('#')}"
        # Touching (selecting) the order is what stops the ringing.
        assert order.order_view_id not in window.alerter.ringing


async def test_accept_reaches_the_simulator_as_confirm(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        order = await stack.new_order()
        board = stack.window.board
        board.select(order.order_view_id)
        accept = board.order_actions.buttons[OrderAction.CONFIRM]
        assert accept.isVisible()

        accept.click()

        await until(lambda: stack.window.model.order(order.order_view_id).status is OrderStatus.ACCEPTED)  # type: ignore[union-attr]
        assert (await stack.sim_view(order.order_view_id))["status"] == SIM_CONFIRMED


async def test_ready_then_picked_up_for_a_pickup_order(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        order = await stack.new_order("pickup")
        board = stack.window.board
        board.select(order.order_view_id)
        board.order_actions.buttons[OrderAction.CONFIRM].click()
        await until(lambda: _status(stack, order.order_view_id) is OrderStatus.ACCEPTED)

        board.select(order.order_view_id)
        board.order_actions.buttons[OrderAction.PREPARE].click()
        await until(lambda: _status(stack, order.order_view_id) is OrderStatus.READY)
        assert (await stack.sim_view(order.order_view_id))["status"] == SIM_READY

        board.select(order.order_view_id)
        collect = board.order_actions.buttons[OrderAction.COLLECT]
        assert collect.isVisible()
        collect.click()
        await until(lambda: _status(stack, order.order_view_id) is OrderStatus.COMPLETED)
        assert (await stack.sim_view(order.order_view_id))["status"] == SIM_COMPLETED


async def test_cancel_with_other_reason_needs_text_and_confirmation(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        order = await stack.new_order()
        board = stack.window.board
        board.select(order.order_view_id)
        board.order_actions.buttons[OrderAction.CANCEL].click()
        dialog = board.order_actions.dialog
        assert dialog is not None and dialog.isVisible()

        dialog.choose(CancelCode.OTHER, "")
        assert not dialog.next_button.isEnabled()  # "other" needs words
        dialog.choose(CancelCode.OTHER, "Gas supply cut 煤氣停")
        dialog.next_button.click()
        assert peek.open_actions(str(order.order_view_id)) == []  # nothing sent before the confirmation
        dialog.confirm_button.click()

        await until(lambda: _status(stack, order.order_view_id) is OrderStatus.CANCELLED)
        view = await stack.sim_view(order.order_view_id)
        assert view["status"] == SIM_CANCELLED
        assert view["cancelReason"] == "Gas supply cut 煤氣停"


async def test_cancel_with_a_listed_reason_sends_its_code(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        order = await stack.new_order()
        board = stack.window.board
        board.select(order.order_view_id)
        board.order_actions.buttons[OrderAction.CANCEL].click()
        dialog = board.order_actions.dialog
        assert dialog is not None
        dialog.choose(CancelCode.STORE_CLOSED)
        dialog.next_button.click()
        dialog.confirm_button.click()

        await until(lambda: _status(stack, order.order_view_id) is OrderStatus.CANCELLED)
        view = await stack.sim_view(order.order_view_id)
        assert view["cancelReason"] == "store closed"


async def test_a_refused_action_is_not_sent(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        order = await stack.new_order()
        actions = stack.window.board.order_actions
        stack.window.board.select(order.order_view_id)
        assert not actions.buttons[OrderAction.PREPARE].isVisible()  # the state machine hides it

        actions._submit(stack.service.prepare)  # as if a stale button were pressed anyway

        assert "Accept the order before marking it ready." in actions.note.text()
        assert peek.open_actions(str(order.order_view_id)) == []
        assert (await stack.sim_view(order.order_view_id))["status"] == SIM_NEW


def _status(stack: Stack, order_view_id: int) -> OrderStatus | None:
    order = stack.window.model.order(order_view_id)
    return None if order is None else order.status


async def test_a_completed_order_is_cancelled_through_the_reason_dialog(env: Env) -> None:
    """Keeta allows it for 48 h after completion: the button is there, and the reason rule applies."""
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        order = await stack.new_order("pickup")
        for step in (stack.client.confirm, stack.client.prepare, stack.client.collect):
            await step(order.order_view_id)
        await until(lambda: _status(stack, order.order_view_id) is OrderStatus.COMPLETED)
        board = stack.window.board
        assert board.select(order.order_view_id)
        cancel = board.order_actions.buttons[OrderAction.CANCEL]
        assert cancel.isVisible() and cancel.isEnabled()
        cancel.click()
        dialog = board.order_actions.dialog
        assert dialog is not None
        dialog.choose(CancelCode.OTHER, "")
        assert not dialog.next_button.isEnabled()  # the one reason rule: "other" needs words
        dialog.choose(CancelCode.OTHER, "Customer returned the food 退餐")
        dialog.next_button.click()
        dialog.confirm_button.click()

        await until(lambda: _status(stack, order.order_view_id) is OrderStatus.CANCELLED)
        view = await stack.sim_view(order.order_view_id)
        assert view["status"] == SIM_CANCELLED
        assert view["cancelReason"] == "Customer returned the food 退餐"
