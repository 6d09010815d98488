"""The delivery tab in 繁體中文: engine problems with values in them, and a live switch mid-cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from posapp.settings import Settings, SettingsFile
from posapp.sim.server import SimServer
from posapp.ui.i18n import LanguageSwitcher
from tests.delivery.conftest import DELIVERY_TUNING, until
from tests.delivery.test_tab import book, fill, open_tab
from tests.ui.harness import open_stack


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


async def test_the_language_button_keeps_the_window_an_open_courier_cancel_and_the_half_typed_form(
    db: object, sim: SimServer, qapp: QApplication, tmp_path: Path
) -> None:
    """The product's path: the button saves the setting, the session applies it in place."""
    async with open_stack(sim, None, tmp_path, Settings(web_map=False), DELIVERY_TUNING, zeek=True) as stack:
        window = stack.window
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

        window.language_button.click()
        await until(lambda: window.delivery is not before)
        assert stack.session.window is window and window.isVisible() and stack.reconnects == []
        assert stack.services.settings.language == "zh_HK"
        assert SettingsFile(tmp_path / "settings.json").load().language == "zh_HK"  # saved, as the product
        after = window.delivery
        assert after is not None and after.dialog is dialog and dialog.isVisible()
        assert dialog.confirm_button.text() == "取消速遞員"
        assert window.language_button.text() == "English"
        assert dialog.reason.text() == "Customer changed their mind"
        assert after.form.inputs["name"].text() == "Half typed 陳"
        assert after.form.inputs["pickup_code"].text() == "8642"

        dialog.confirm_button.click()  # the new tab sends it
        await until(lambda: "取貨前已取消" in after.active.row_text(client_order_id, "Status"))
