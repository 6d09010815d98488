"""The red "could not read" notice on the real window, fed through the real applier from the simulator."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from posapp.store import sync_state
from posapp.ui.i18n import LanguageSwitcher
from tests.ui.conftest import Env
from tests.ui.harness import open_stack
from tests.waiting import until

UNKNOWN_ORDER = 2**64  # beyond what Keeta issues: named on the notice, never fetched


def future_push(order_view_id: int, message_id: str) -> bytes:
    """A push whose message this version cannot read (a new platform format)."""
    message = f'{{"orderViewId": {order_view_id}, "status": <<v2>>}}'
    return json.dumps({"eventId": 1002, "messageId": message_id, "shopId": 1, "message": message}).encode()


async def test_an_unread_event_shows_until_the_cashier_dismisses_it(env: Env, qtbot: QtBot) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        notice = stack.window.unread
        assert not notice.isVisible()
        stack.receiver.bodies.put_nowait(future_push(UNKNOWN_ORDER, "m-future"))
        await until(notice.isVisible)
        assert notice.text.text() == (
            f"1 Keeta event could not be read — order #{UNKNOWN_ORDER}, check it in Keeta"
        )
        later = await stack.new_order()  # the orders after it still arrive
        assert stack.window.model.order(later.order_view_id) is not None

        switcher = LanguageSwitcher(QApplication.instance())  # type: ignore[arg-type]
        try:
            assert switcher.switch("zh_HK")
            await until(lambda: "無法讀取" in notice.text.text())  # the language change is an event
            assert (
                f"#{UNKNOWN_ORDER}" in notice.text.text() and notice.dismiss_button.text() == "已查看 – 關閉"
            )
        finally:
            switcher.switch("en")

        qtbot.mouseClick(notice.dismiss_button, Qt.MouseButton.LeftButton)
        assert not notice.isVisible()
        assert sync_state.open_unreadable() == []  # settled in the cache: it stays gone after a restart


async def test_the_notice_clears_itself_when_keeta_gives_a_readable_copy(env: Env) -> None:
    async with open_stack(env.sim, env.receiver, env.tmp_path) as stack:
        order = await stack.new_order()
        notice = stack.window.unread
        shown: list[bool] = []
        stack.bridge.unreadable_changed.connect(lambda items: shown.append(bool(items)))
        stack.receiver.bodies.put_nowait(future_push(order.order_view_id, "m-future-2"))
        await until(lambda: shown[-2:] == [True, False])
        assert not notice.isVisible()
