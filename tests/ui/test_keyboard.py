"""Without a mouse: Tab reaches a new order's card, F2 accepts it with the time the stepper shows,
and every order button says its key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from posapp.domain.actions import OrderAction
from posapp.domain.order import OrderStatus
from posapp.ui.order_actions import SHORTCUTS
from tests.ui.conftest import Env
from tests.ui.harness import open_stack, until


async def test_a_new_order_is_accepted_from_the_keyboard(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        order = await stack.new_order("pickup")
        window, board = stack.window, stack.window.board
        window.activateWindow()
        card = board.cards.cards[order.order_view_id]
        await until(lambda: card.isVisible())
        card.setFocus(Qt.FocusReason.TabFocusReason)
        oid = order.order_view_id
        await until(lambda: board.selected is not None and board.selected.order_view_id == oid)
        QTest.keyClick(board.order_actions.prep.edit, Qt.Key.Key_Up)  # 15 → 20 minutes
        assert board.order_actions.prep.value() == 20
        assert "F2" in board.order_actions.buttons[OrderAction.CONFIRM].text()
        QTest.keyClick(window, Qt.Key.Key_F2)
        await until(lambda: (stack.window.model.order(oid) or order).status is OrderStatus.ACCEPTED)
        accepted = stack.service.order(order.order_view_id)
        assert accepted is not None and accepted.ready_by is not None
        assert 19 * 60 <= accepted.ready_by - order.placed_at <= 21 * 60 + 60


def test_every_order_button_shows_its_key() -> None:
    keys = list(SHORTCUTS.values())
    assert len(keys) == len(set(keys))  # one action per key
    assert all(key.startswith("F") for key in keys)  # never a letter the search box would take
