"""A partial refund whose answer was lost and that Keeta cannot be asked about waits for a person:
both facts on screen, one tap settles it, nothing is sent twice."""

from __future__ import annotations

from posapp.domain.order import OrderStatus
from posapp.engine.outbox import MAX_CHECKS, ActionChanged
from posapp.keeta.codes import PartRefundType
from posapp.sim.faults import FaultMode
from posapp.store import outbox
from posapp.store.outbox import ActionState, OutboxAction
from tests.ui.conftest import Env
from tests.ui.harness import Stack, open_stack, until


async def _arm(stack: Stack, path: str, mode: str, count: int) -> None:
    answer = await stack.http.post(
        f"{stack.sim.base_url}/sim/faults", json={"path": path, "mode": mode, "count": count}
    )
    answer.raise_for_status()


async def test_lost_partial_refund_is_settled_by_a_person_without_a_second_send(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        order = await stack.new_order()
        stack.service.confirm(order.order_view_id)
        await until(lambda: _status(stack, order.order_view_id) is OrderStatus.ACCEPTED)
        line = order.lines[0]
        await _arm(stack, "order/refund/part/apply", "drop-answer", 1)

        def keeta_unreachable_once_sent(changed: OutboxAction) -> None:
            # The checks after the lost answer fail, not the baseline read before the send.
            if changed.state is ActionState.SENDING:
                stack.sim.ctx.faults.arm("order/get", FaultMode.HTTP_500, MAX_CHECKS)

        stack.worker.hub.subscribe(ActionChanged, lambda changed: keeta_unreachable_once_sent(changed.action))

        action = stack.service.apply_partial_refund(
            order.order_view_id, [(line.line_id, 1)], PartRefundType.MISSING_ITEMS
        )
        await until(lambda: outbox.get(action.id).state is ActionState.NEEDS_PERSON)
        board = stack.window.board
        assert board.select(order.order_view_id)
        panel = board.order_actions.unclear
        await until(panel.isVisible)
        assert f"1 × {line.name}" in panel.asked.text()
        assert "could not be reached" in panel.shows.text()
        assert not any(button.isEnabled() for button in board.order_actions.buttons.values())

        panel.went_through.click()

        await until(lambda: outbox.get(action.id).state is ActionState.DONE)
        await until(lambda: not panel.isVisible())
        view = await stack.sim_view(order.order_view_id)
        assert len(view["refunds"]) == 1 and view["refundedCounts"] == {str(line.line_id): 1}


def _status(stack: Stack, order_view_id: int) -> OrderStatus | None:
    order = stack.window.model.order(order_view_id)
    return None if order is None else order.status
