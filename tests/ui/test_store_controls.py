"""Busy mode and sold out through the cashier's screens: the top bar's store button and the sold-out
dialog, real widgets on a real app core, with the simulator and the relay on 127.0.0.1."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListWidget
from pytestqt.qtbot import QtBot

from posapp.demo.stack import PlatformStack, StackInfo
from posapp.domain.order import OrderStatus
from posapp.engine.core import AppCore
from posapp.keeta.codes import CancelCode
from posapp.secrets import MemorySecretStore
from posapp.session import SessionInputs, open_session
from posapp.settings import SettingsFile
from posapp.ui.main_window import MainWindow
from posapp.ui.sold_out_dialog import SoldOutDialog
from posapp.ui.sold_out_offer import SoldOutOffer
from posapp.ui.store_scene import stage_busy
from tests.app.test_end_to_end import QUICK
from tests.ui.harness import SilentChime
from tests.waiting import until, until_async


class SimShopView:
    """The simulator's own view of the Keeta shop (``GET /sim/keeta/shop``), what Keeta's side holds."""

    info: StackInfo
    http: httpx.AsyncClient

    async def shop(self) -> dict[str, Any]:
        view: dict[str, Any] = (await self.http.get(f"{self.info.sim_url}/sim/keeta/shop")).json()
        return view

    def shop_is(self, key: str, value: object) -> Any:
        async def check() -> bool:
            return (await self.shop())[key] == value

        return check


@dataclass
class Counter(SimShopView):
    info: StackInfo
    core: AppCore
    window: MainWindow
    http: httpx.AsyncClient


@contextlib.asynccontextmanager
async def counter(tmp_path: Path, qapp: QApplication) -> AsyncIterator[Counter]:
    platforms = PlatformStack(tmp_path / "platforms")
    info = await platforms.start()
    inputs = SessionInputs(
        tmp_path / "cache.sqlite3", SettingsFile(tmp_path / "settings.json"), MemorySecretStore(),
        info.secrets(), info.settings(zeek_app_id=0), tuning=dataclasses.replace(QUICK, store_tick_s=0.05),
    )  # fmt: skip
    session = open_session(qapp, inputs, chime=SilentChime())
    http = httpx.AsyncClient(timeout=10)
    try:
        yield Counter(info, session.core, session.window, http)
    finally:
        await http.aclose()
        await session.close()
        await platforms.stop()


def click_row(qtbot: QtBot, widget: QListWidget, row: int) -> None:
    rect = widget.visualItemRect(widget.item(row))
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


async def test_pause_and_reopen_from_the_top_bar(qapp: QApplication, qtbot: QtBot, tmp_path: Path) -> None:
    async with counter(tmp_path, qapp) as c:
        button = c.window.store_button
        assert button is not None
        await until(lambda: button.text() == "Store open")
        button.pause_actions[30].trigger()
        await until_async(c.shop_is("status", 4))
        await until(lambda: button.text().startswith("Paused until ") and "sending" not in button.text())
        assert button.reopen_action.isEnabled()
        button.reopen_action.trigger()
        await until_async(c.shop_is("status", 3))
        await until(lambda: button.text() == "Store open")
        button.pause_actions[None].trigger()
        await until(lambda: button.text() == "Paused until you reopen")
        await c.http.post(f"{c.info.sim_url}/sim/keeta/shop", json={"status": 3})  # reopened on Keeta's app
        await until(lambda: button.text() == "Store open")
        await c.http.post(f"{c.info.sim_url}/sim/keeta/shop", json={"status": 4})  # Keeta's staff close it
        await until(lambda: button.text() == "Closed by Keeta")
        qtbot.mouseClick(c.window.language_button, Qt.MouseButton.LeftButton)  # 中文
        try:
            await until(lambda: button.text() == "Keeta 已關店")
            assert button.reopen_action.text() == "立即重新開店"
            button.reopen_action.trigger()
            await until(lambda: button.text() == "營業中")
        finally:
            qtbot.mouseClick(c.window.language_button, Qt.MouseButton.LeftButton)  # back to English
        await until(lambda: button.text() == "Store open")


async def test_sold_out_with_one_tap_the_choice_group_check_and_the_closing_restore(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    async with counter(tmp_path, qapp) as c:
        assert c.window.store_button is not None
        c.window.store_button.sold_out_action.trigger()
        dialog = c.window.sold_out_dialog
        assert isinstance(dialog, SoldOutDialog)
        await until(lambda: dialog.items.count() == 13)
        qtbot.keyClicks(dialog.search, "tea")
        assert [dialog.items.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.items.count())] == [
            3011,
            3012,
        ]
        click_row(qtbot, dialog.items, 0)  # milk tea: two set drinks remain, no conflict
        click_row(qtbot, dialog.items, 1)  # lemon tea: one remains
        await until_async(c.shop_is("soldOut", [3011, 3012]))
        dialog.search.clear()
        dialog.search.setText("鴛鴦")  # typed Chinese comes from an input method, not key events
        await until(lambda: dialog.items.count() == 1 and "SOLD OUT" not in dialog.items.item(0).text())
        click_row(qtbot, dialog.items, 0)  # the last set drink: Keeta names the group it would empty
        await until(lambda: dialog.anyway_button.isVisible())
        assert "76" in dialog.note.text()
        assert (await c.shop())["soldOut"] == [3011, 3012]
        qtbot.mouseClick(dialog.anyway_button, Qt.MouseButton.LeftButton)
        await until_async(c.shop_is("soldOut", [3011, 3012, 3013]))
        await until(lambda: dialog.today.count() == 3 and dialog.restore_button.isEnabled())
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        await until_async(c.shop_is("soldOut", []))
        await until(lambda: dialog.today.count() == 0)


async def test_a_refused_item_is_named(qapp: QApplication, qtbot: QtBot, tmp_path: Path) -> None:
    async with counter(tmp_path, qapp) as c:
        await c.http.post(f"{c.info.sim_url}/sim/keeta/shop", json={"locked": [3008]})
        dialog = c.window.open_sold_out()
        assert dialog is not None
        await until(lambda: dialog.items.count() == 13)
        qtbot.keyClicks(dialog.search, "fish")
        click_row(qtbot, dialog.items, 0)
        await until(lambda: "Curry Fish Balls" in dialog.note.text())
        assert "refused" in dialog.note.text()
        assert dialog.today.count() == 0 and (await c.shop())["soldOut"] == []


async def test_cancel_for_missing_ingredients_offers_to_mark_the_item_sold_out(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    async with counter(tmp_path, qapp) as c:
        answer = await c.http.post(f"{c.info.sim_url}/sim/keeta/orders", json={"mode": "pickup"})
        order_id = int(answer.json()["orderViewId"])
        await until(lambda: c.window.model.order(order_id) is not None)
        order = c.window.model.order(order_id)
        assert order is not None
        c.core.orders.cancel(order_id, CancelCode.INSUFFICIENT_INGREDIENTS)
        await until(lambda: isinstance(c.window.dialog, SoldOutOffer))
        offer = c.window.dialog
        assert isinstance(offer, SoldOutOffer)
        spus = sorted({line.spu_id for line in order.lines})
        assert sorted(offer.boxes) == spus and offer.ticked() == []
        offer.boxes[spus[0]].setChecked(True)
        qtbot.mouseClick(offer.yes_button, Qt.MouseButton.LeftButton)
        await until_async(c.shop_is("soldOut", [spus[0]]))
        await until(
            lambda: (m := c.window.model.order(order_id)) is not None and m.status is OrderStatus.CANCELLED
        )


async def test_the_busy_scene_is_staged_through_the_controls(qapp: QApplication, tmp_path: Path) -> None:
    async with counter(tmp_path, qapp) as c:
        dialog = await stage_busy(c.window, c.window.services)
        assert dialog is not None and dialog.today.count() == 3
        for rows in (dialog.items, dialog.today):  # every row is a touch target
            assert min(rows.visualItemRect(rows.item(i)).height() for i in range(rows.count())) >= 44
        view = await c.shop()
        assert view["status"] == 4 and view["soldOut"] == [3008, 3011, 3012]
        assert c.window.store_button is not None
        assert c.window.store_button.text().startswith("Paused until ")


async def test_the_days_sold_out_list_shows_whole_on_a_1024x768_screen(
    qapp: QApplication, tmp_path: Path
) -> None:
    async with counter(tmp_path, qapp) as c:
        c.window.resize(1024, 768)
        c.window.show()
        assert c.core.sold_out is not None
        c.core.sold_out.mark([3001, 3002, 3003, 3004, 3005, 3006], True)
        await until_async(c.shop_is("soldOut", [3001, 3002, 3003, 3004, 3005, 3006]))
        dialog = c.window.open_sold_out()
        assert dialog is not None
        await until(lambda: dialog.today.count() == 6 and dialog.isVisible())
        # Every one of the day's items on screen, no scrolling (once laid out); the menu keeps its room.
        today = dialog.today
        await until(
            lambda: (
                today.count() == 6
                and today.verticalScrollBar().maximum() == 0
                and today.visualItemRect(today.item(5)).bottom() < today.viewport().height()
            )
        )
        assert dialog.items.height() >= 240
        assert dialog.height() <= 768 and dialog.width() <= 1024  # still fits the screen
        dialog.close()
