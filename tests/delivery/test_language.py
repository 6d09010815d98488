"""The delivery tab in 繁體中文: engine problems with values in them, and a live switch mid-cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from posapp.demo.stack import keeta_config_for
from posapp.engine.orders import OrderService
from posapp.engine.services import AppServices
from posapp.keeta.client import KeetaClient
from posapp.secrets import SecretStore
from posapp.settings import Settings, SettingsFile
from posapp.sim.server import SimServer
from posapp.ui.bridge import Bridge
from posapp.ui.i18n import LanguageSwitcher
from posapp.ui.main_window import MainWindow
from tests.delivery.conftest import open_delivery, until
from tests.delivery.test_tab import book, fill, open_tab


async def test_a_pickup_code_used_today_is_refused_in_chinese_with_the_code_in_it(
    db: object, sim: SimServer, qapp: QApplication
) -> None:
    switcher = LanguageSwitcher(qapp)
    async with open_tab(sim) as (_, tab):
        await book(tab, pickup_code="2468")
        try:
            assert switcher.switch("zh_HK")
            fill(tab, pickup_code="2468", name="Wong Tai Man")
            tab.form.book_button.click()

            error = tab.form.errors["pickup_code"]
            assert error.isVisible()
            assert error.text() == "取貨碼 2468 今日已用過，請選另一個"

            fill(tab, pickup_code="1357", phone="+85291234567")
            tab.form.book_button.click()
            phone = tab.form.errors["phone"].text()
            assert "'+85291234567'" in phone and "國家代碼" in phone  # value kept inside the Chinese
        finally:
            switcher.switch("en")
        tab.form.book_button.click()
        assert tab.form.errors["phone"].text().startswith("phone '+85291234567' must not include")


async def test_switching_language_keeps_an_open_courier_cancel_and_the_half_typed_form(
    db: object, sim: SimServer, qapp: QApplication, tmp_path: Path
) -> None:
    async with open_delivery(sim) as stack:
        keeta = KeetaClient(keeta_config_for(sim.ctx.config, f"{sim.base_url}/keeta/api/open"))
        services = AppServices(
            OrderService(keeta, stack.worker), SettingsFile(tmp_path / "settings.json"), SecretStore(),
            Settings(web_map=False), delivery=stack.engine,
        )  # fmt: skip
        switcher = LanguageSwitcher(qapp)
        window = MainWindow(services, Bridge(services.orders.hub), languages=switcher)
        try:
            before = window.delivery
            assert before is not None
            window.tabs.setCurrentWidget(before)
            client_order_id, _ = await book(before, pickup_code="4321")
            fill(before, name="Half typed 陳", pickup_code="8642")
            before.active.select(client_order_id)
            before.active.cancel_button.click()
            dialog = before.dialog
            assert dialog is not None and dialog.confirm_button.text() == "Cancel the courier"
            dialog.reason.setText("Customer changed their mind")

            assert switcher.switch("zh_HK")
            await until(lambda: window.delivery is not before)
            after = window.delivery
            assert after is not None and after.dialog is dialog and dialog.isVisible()
            assert dialog.confirm_button.text() == "取消速遞員"
            assert dialog.reason.text() == "Customer changed their mind"
            assert after.form.inputs["name"].text() == "Half typed 陳"
            assert after.form.inputs["pickup_code"].text() == "8642"

            dialog.confirm_button.click()  # the new tab sends it
            await until(lambda: "取貨前已取消" in after.active.row_text(client_order_id, "Status"))
        finally:
            switcher.switch("en")
            window.close()
            await keeta.aclose()
