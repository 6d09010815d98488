"""Refund desk, partial refunds, and a slow platform that must never freeze the window."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from posapp.domain.actions import OrderAction
from posapp.domain.order import OrderStatus
from posapp.domain.refund import RefundStatus
from posapp.keeta.codes import PartRefundType, RejectCode
from posapp.sim.keeta.incidents import IncidentRates, Incidents
from tests.ui.conftest import Env
from tests.ui.harness import Stack, open_stack, until

AGREED, REJECTED = 2, 3  # last digit of Keeta's refund status code (codes.refund_status)


async def _accepted(stack: Stack, mode: str = "delivery") -> int:
    order = await stack.new_order(mode)
    stack.service.confirm(order.order_view_id)
    await until(lambda: _status(stack, order.order_view_id) is OrderStatus.ACCEPTED)
    return order.order_view_id


async def test_agree_a_full_refund_from_the_refund_desk(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        order_view_id = await _accepted(stack)
        await stack.request_refund(order_view_id, partial=False)
        desk = stack.window.refunds
        assert desk.select(order_view_id)
        assert "Answer within" in desk.countdown.text()

        desk.order_actions.buttons[OrderAction.AGREE_REFUND].click()

        await until(lambda: _refund_done(stack, order_view_id))
        refunds = (await stack.sim_view(order_view_id))["refunds"]
        assert refunds[-1]["status"] % 10 == AGREED


async def test_reject_a_refund_with_a_reason(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        order_view_id = await _accepted(stack)
        await stack.request_refund(order_view_id, partial=True)
        desk = stack.window.refunds
        desk.select(order_view_id)
        desk.order_actions.buttons[OrderAction.REJECT_REFUND].click()
        dialog = desk.order_actions.dialog
        assert dialog is not None
        dialog.choose(RejectCode.MEAL_PREPARED)
        dialog.next_button.click()
        dialog.confirm_button.click()

        await until(lambda: _refund_done(stack, order_view_id))
        refund = (await stack.sim_view(order_view_id))["refunds"][-1]
        assert refund["status"] % 10 == REJECTED
        assert refund["handleReason"] == "meal prepared"


async def test_partial_refund_preview_then_apply(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        order_view_id = await _accepted(stack)
        dialog = stack.window.open_partial_refund(order_view_id)
        assert dialog is not None
        line_id, spin = next(iter(dialog.counts.items()))
        spin.setValue(1)
        assert not dialog.apply_button.isEnabled()  # no money preview yet

        dialog.preview_button.click()
        await until(lambda: dialog.preview is not None)
        assert dialog.apply_button.isEnabled()
        index = dialog.reason.findData(int(PartRefundType.MISSING_ITEMS))
        dialog.reason.setCurrentIndex(index)
        dialog.apply_button.click()

        await until(lambda: _refund_count(stack, order_view_id) == 1)
        view = await stack.sim_view(order_view_id)
        assert view["refundedCounts"] == {str(line_id): 1}
        assert view["refunds"][-1]["partRefundType"] == int(PartRefundType.MISSING_ITEMS)


async def test_a_slow_platform_never_freezes_the_window(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        order = await stack.new_order()
        keeta = stack.sim.ctx.keeta
        assert keeta is not None
        slow = IncidentRates(slow=1.0, http_5xx=0, server_code=0, lost_push=0, courier_cancel=0,
                             slow_seconds=(1.5, 1.5))  # fmt: skip
        keeta.incidents = Incidents(True, 0, slow)
        ticks: list[int] = []
        timer = QTimer()
        timer.setInterval(20)
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start()
        board = stack.window.board
        board.select(order.order_view_id)

        board.order_actions.buttons[OrderAction.CONFIRM].click()
        assert "sending…" in board.order_actions.note.text()

        await until(lambda: _status(stack, order.order_view_id) is OrderStatus.ACCEPTED)
        timer.stop()
        # 1.5 s of platform delay: a frozen window would tick zero times meanwhile.
        assert len(ticks) >= 30


def _status(stack: Stack, order_view_id: int) -> OrderStatus | None:
    order = stack.window.model.order(order_view_id)
    return None if order is None else order.status


def _refund_done(stack: Stack, order_view_id: int) -> bool:
    order = stack.window.model.order(order_view_id)
    return order is not None and bool(order.refunds) and order.refunds[-1].status is not RefundStatus.PENDING


def _refund_count(stack: Stack, order_view_id: int) -> int:
    order = stack.window.model.order(order_view_id)
    return 0 if order is None else len(order.refunds)
