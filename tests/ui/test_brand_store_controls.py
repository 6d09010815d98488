"""Busy mode and sold out with two brands through the cashier's screens: the top bar says every brand's
store compactly and pauses one brand or all, the sold-out dialog has a brand choice (each brand its own
menu), the cancel offer marks the item in the order's own shop, and a brand renamed in Settings is
renamed in the same window without reconnecting. Real widgets on a real app core, with the simulator
(the "Noodles" brand) and two stores on a real relay on 127.0.0.1."""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from posapp.demo.stack import PlatformStack, StackInfo, _register_store
from posapp.domain.order import OrderStatus
from posapp.engine.assembly import SessionSecrets
from posapp.keeta.codes import CancelCode
from posapp.secrets import MemorySecretStore
from posapp.session import Session, SessionInputs, open_session
from posapp.settings import Settings, SettingsFile
from posapp.ui.sold_out_dialog import SoldOutDialog
from posapp.ui.sold_out_offer import SoldOutOffer
from tests.app.support import relay_db_url
from tests.app.test_brand_controls_app import TUNING, push_store_status
from tests.app.test_brands_app import MAIN_SHOP
from tests.ui.harness import SilentChime
from tests.ui.layout_check import check
from tests.ui.test_store_controls import SimShopView, click_row
from tests.waiting import until, until_async


@dataclass
class TwoBrands(SimShopView):
    info: StackInfo
    session: Session
    http: httpx.AsyncClient
    noodles: int


def brand_settings(info: StackInfo, noodles_name: str = "Noodles") -> Settings:
    return info.settings(
        keeta_shop_id=MAIN_SHOP,
        zeek_app_id=0,
        brands=[
            {"shop_id": MAIN_SHOP, "name": "Main", "colour": "#1565c0"},
            {"shop_id": info.sim_config.shop_id, "name": noodles_name, "colour": "#c62828"},
        ],
    )


@contextlib.asynccontextmanager
async def two_brands(tmp_path: Path, qapp: QApplication) -> AsyncIterator[TwoBrands]:
    platforms = PlatformStack(tmp_path / "platforms")
    info = await platforms.start()
    main_token = await _register_store(relay_db_url(tmp_path / "platforms"), MAIN_SHOP, "Main brand", "m-2")
    cfg = info.sim_config
    secrets = SessionSecrets(
        keeta_app_secret=cfg.secret, keeta_token=cfg.token, relay_token=main_token,
        brand_relay_tokens=((cfg.shop_id, info.store_token),),
    )  # fmt: skip
    settings_file = SettingsFile(tmp_path / "settings.json")
    settings = brand_settings(info)
    settings_file.save(settings)
    inputs = SessionInputs(
        tmp_path / "cache.sqlite3", settings_file, MemorySecretStore(), secrets, settings, tuning=TUNING
    )
    session = open_session(qapp, inputs, chime=SilentChime())
    http = httpx.AsyncClient(timeout=10)
    try:
        yield TwoBrands(info, session, http, cfg.shop_id)
    finally:
        await http.aclose()
        await session.close()
        await platforms.stop()


async def test_the_top_bar_pauses_one_brand_or_all_and_says_so_compactly(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    async with two_brands(tmp_path, qapp) as c:
        button = c.session.window.store_button
        assert button is not None
        assert sorted(button.menus, key=str) == sorted([None, MAIN_SHOP, c.noodles], key=str)
        await push_store_status(c.info, 3, int(time.time()))  # the main brand's store, from Keeta's 1102
        await until(lambda: button.text() == "All brands open")
        assert button.menus[c.noodles].menu is not None
        assert button.menus[c.noodles].menu.title() == "Noodles – Store open"

        button.menus[c.noodles].pause_actions[30].trigger()
        await until_async(c.shop_is("status", 4))
        await until(
            lambda: button.text().startswith("Noodles: Paused until ") and "sending" not in button.text()
        )
        assert "Main: Store open" in button.toolTip()
        window = c.session.window
        window._store_reminder(c.session.core.controls.busy[c.noodles].state)  # as the bridge calls it
        assert window.statusBar().currentMessage().startswith("Noodles: The store is still paused")
        assert not button.menus[MAIN_SHOP].reopen_action.isEnabled()
        assert button.menus[c.noodles].reopen_action.isEnabled() and button.reopen_action.isEnabled()

        qtbot.mouseClick(c.session.window.language_button, Qt.MouseButton.LeftButton)  # 中文
        try:
            await until(lambda: button.text().startswith("Noodles：暫停接單至 "))
            assert button.menus[None].menu is not None and button.menus[None].menu.title() == "所有品牌"
        finally:
            qtbot.mouseClick(c.session.window.language_button, Qt.MouseButton.LeftButton)

        button.reopen_action.trigger()  # "All brands" → reopen: only the paused one is sent
        await until_async(c.shop_is("status", 3))
        await until(lambda: button.text() == "All brands open")


async def test_the_sold_out_dialog_chooses_the_brand_and_the_cancel_offer_uses_the_orders_shop(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    async with two_brands(tmp_path, qapp) as c:
        window = c.session.window
        dialog = window.open_sold_out()
        assert isinstance(dialog, SoldOutDialog)
        assert dialog.brand.isVisibleTo(dialog) and dialog.brand.count() == 2
        assert dialog.brand.currentText() == "Main" and dialog.items.count() == 0  # no menu, no orders yet
        dialog.brand.setCurrentIndex(dialog.brand.findData(c.noodles))
        await until(lambda: dialog.items.count() == 13)  # the Noodles brand's own menu
        dialog.search.setText("milk")
        click_row(qtbot, dialog.items, 0)
        await until_async(c.shop_is("soldOut", [3011]))
        await until(lambda: dialog.today.count() == 1 and dialog.restore_all_brands_button.isEnabled())
        dialog.brand.setCurrentIndex(dialog.brand.findData(MAIN_SHOP))
        assert dialog.today.count() == 0 and not dialog.restore_button.isEnabled()
        qtbot.mouseClick(dialog.restore_all_brands_button, Qt.MouseButton.LeftButton)
        await until_async(c.shop_is("soldOut", []))
        dialog.close()

        # A Noodles order cancelled for missing ingredients: the offer marks it in the Noodles menu.
        answer = await c.http.post(f"{c.info.sim_url}/sim/keeta/orders", json={"mode": "pickup"})
        order_id = int(answer.json()["orderViewId"])
        await until(lambda: window.model.order(order_id) is not None)
        order = window.model.order(order_id)
        assert order is not None and order.shop_id == c.noodles
        c.session.core.orders.cancel(order_id, CancelCode.INSUFFICIENT_INGREDIENTS)
        await until(lambda: isinstance(window.dialog, SoldOutOffer))
        offer = window.dialog
        assert isinstance(offer, SoldOutOffer)
        spu = sorted(offer.boxes)[0]
        offer.boxes[spu].setChecked(True)
        qtbot.mouseClick(offer.yes_button, Qt.MouseButton.LeftButton)
        await until_async(c.shop_is("soldOut", [spu]))
        shown = window.sold_out_dialog
        assert shown is not None and shown.sold_out.shop_id == c.noodles
        await until(
            lambda: (m := window.model.order(order_id)) is not None and m.status is OrderStatus.CANCELLED
        )


async def test_a_brand_renamed_in_settings_is_renamed_in_place_without_reconnecting(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    async with two_brands(tmp_path, qapp) as c:
        window, core = c.session.window, c.session.core
        button = window.store_button
        assert button is not None
        answer = await c.http.post(f"{c.info.sim_url}/sim/keeta/orders", json={"mode": "pickup"})
        order_id = int(answer.json()["orderViewId"])
        await until(lambda: window.model.order(order_id) is not None)
        order = window.model.order(order_id)
        assert order is not None
        brand = window.board.model.brand(order)
        assert brand is not None and brand.label == "Noodles"
        dialog = window.open_sold_out()
        assert dialog is not None
        link = core.brands[0]

        settings = window.open_settings()  # the cashier renames the brand in Settings and saves
        row = next(r for r in settings.brands.rows if r.shop() == c.noodles)
        row.name.clear()
        qtbot.keyClicks(row.name, "Noodle Bar")
        qtbot.mouseClick(settings.save_button, Qt.MouseButton.LeftButton)
        await until(lambda: "Noodle Bar" in button.toolTip())

        assert not settings.secrets_changed
        assert c.session.core is core and core.brands[0] is link  # no reconnect: the same engine and stream
        assert c.session.window is window
        renamed = window.board.model.brand(order)
        assert renamed is not None and renamed.label == "Noodle Bar"
        assert "Noodle Bar" in button.toolTip() and "Noodles" not in button.toolTip()
        assert dialog.brand.itemText(dialog.brand.findData(c.noodles)) == "Noodle Bar"
        assert SettingsFile(c.session.services.settings_file.path).load().brands[1]["name"] == "Noodle Bar"


SIZES = ((1024, 768), (1366, 768))


def fit_problems(widget: QWidget, size: tuple[int, int], label: str) -> list[str]:
    for _ in range(3):
        QApplication.sendPostedEvents(None, 0)
    return [f"{label}: {problem}" for problem in check(widget, 1.0, size)]


async def test_the_top_bar_and_the_sold_out_dialog_fit_with_two_brands_in_both_languages(
    qapp: QApplication, tmp_path: Path
) -> None:
    async with two_brands(tmp_path, qapp) as c:
        window = c.session.window
        button = window.store_button
        assert button is not None
        await push_store_status(c.info, 3, int(time.time()))
        await until(lambda: button.text() == "All brands open")
        button.menus[c.noodles].pause_actions[None].trigger()  # the longest words: "until you reopen"
        await until(lambda: button.text() == "Noodles: Paused until you reopen")
        dialog = window.open_sold_out(c.noodles)
        assert dialog is not None
        await until(lambda: dialog.items.count() == 13)
        found: list[str] = []
        try:
            for language in ("en", "zh_HK"):
                window._settings_saved(window.services.settings.replace(language=language))
                for size in SIZES:
                    window.resize(*size)
                    dialog.resize(min(size[0] - 40, 720), size[1] - 80)
                    found += fit_problems(window, size, f"window {language} {size}")
                    found += fit_problems(dialog, size, f"sold-out {language} {size}")
            assert button.text() == "Noodles：暫停接單，直至重新開店"
        finally:
            window._settings_saved(window.services.settings.replace(language="en"))
        assert not found, "\n".join(found[:30])
