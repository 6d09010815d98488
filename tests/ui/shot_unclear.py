"""Not a test: screenshots of the needs-a-person view (run with -o python_files=shot_*.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from posapp.domain.order import OrderStatus
from posapp.engine.outbox import MAX_CHECKS
from posapp.keeta.codes import PartRefundType
from posapp.sim.faults import FaultMode
from posapp.store import outbox
from posapp.store.outbox import ActionState, OutboxAction
from posapp.ui.i18n import LanguageSwitcher
from tests.ui.conftest import Env
from tests.ui.harness import open_stack, until


async def test_shots(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        order = await stack.new_order()
        stack.service.confirm(order.order_view_id)
        await until(
            lambda: (stack.window.model.order(order.order_view_id) or order).status is OrderStatus.ACCEPTED
        )
        line = order.lines[0]
        await stack.http.post(
            f"{stack.sim.base_url}/sim/faults",
            json={"path": "order/refund/part/apply", "mode": "drop-answer", "count": 1},
        )

        def arm(changed: OutboxAction) -> None:
            if changed.state is ActionState.SENDING:
                stack.sim.ctx.faults.arm("order/get", FaultMode.HTTP_500, MAX_CHECKS)

        stack.worker.subscribe(arm)
        action = stack.service.apply_partial_refund(
            order.order_view_id, [(line.line_id, 1)], PartRefundType.MISSING_ITEMS
        )
        await until(lambda: outbox.get(action.id).state is ActionState.NEEDS_PERSON)
        stack.window.board.select(order.order_view_id)
        switcher = LanguageSwitcher(QApplication.instance())
        for size in ((1024, 768), (1366, 768)):
            for lang in ("en", "zh_HK"):
                switcher.switch(lang)
                stack.window.resize(*size)
                await until(lambda: True)
                QApplication.processEvents()
                stack.window.grab().save(f"/work/wt/shots/i13-once-unclear-{lang}-{size[0]}.png")
        switcher.switch("en")
