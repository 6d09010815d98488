"""The delivery tab against the simulator: quote, book, the partner moving on the map, cancel, lookup,
field errors and auto-book on ready. Buttons are clicked inside the running qasync loop."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from posapp.domain.order import OrderStatus
from posapp.engine.delivery.settings import DeliverySettings
from posapp.engine.orders import OrderUpdate
from posapp.keeta.order_parser import parse_order
from posapp.session import bridge_for, delivery_tab_for
from posapp.settings import Settings
from posapp.sim.server import SimServer
from posapp.store import deliveries
from posapp.ui.delivery.active_panel import ROW_HEIGHT
from posapp.ui.delivery.map_scene import MAP_MIN_HEIGHT
from posapp.ui.delivery.tab import DeliveryTab
from tests.browser import caught_browser
from tests.conftest import load_fixture
from tests.delivery.conftest import CUSTOMER_LOCATION, DELIVERY_TUNING, Delivery, open_delivery, until
from tests.ui.harness import open_stack
from tests.waiting import until_async

SHOP = "22.2866,114.1508"


@contextlib.asynccontextmanager
async def open_tab(
    sim: SimServer, web: bool = False, settings: DeliverySettings | None = None
) -> AsyncIterator[tuple[Delivery, DeliveryTab]]:
    async with open_delivery(sim, settings) as stack:
        tab = delivery_tab_for(
            stack.engine, None, bridge_for(stack.engine.service.hub), prefer_web_map=web, store_location=SHOP
        )
        tab.resize(1366, 800)
        tab.show()
        try:
            yield stack, tab
        finally:
            tab.close()
            shiboken6.delete(tab)
            gc.collect()  # while the loop and Qt are alive, not at interpreter exit


def fill(tab: DeliveryTab, **values: str) -> None:
    defaults = {
        "name": "Chan Siu Ming", "phone": "91234567", "address": "Flat 12A, 8 Queen's Road Central",
        "location": CUSTOMER_LOCATION, "amount": "128.50", "pickup_code": "2468", "remark": "Ring twice",
    }  # fmt: skip
    for name, text in {**defaults, **values}.items():
        tab.form.inputs[name].setText(text)


async def book(tab: DeliveryTab, **values: str) -> tuple[str, str]:
    """Fill, click Book and wait until Zeek has the booking; (client_order_id, Zeek order id)."""
    fill(tab, **values)
    tab.form.book_button.click()
    client_order_id = tab.shown
    assert client_order_id is not None
    await until(lambda: bool(getattr(deliveries.get(client_order_id), "order_id", "")))
    booking = deliveries.get(client_order_id)
    assert booking is not None
    return client_order_id, booking.order_id


async def advance_to(stack: Delivery, order_id: str, status: int) -> dict[str, Any]:
    view = await stack.sim_order(order_id)
    await stack.advance(view["plan"][str(status)] - view["history"][-1]["at"] + 2)
    return await stack.sim_order(order_id)


async def test_quote_book_and_watch_the_partner_move_on_the_map_until_delivered(
    db: object, sim: SimServer
) -> None:
    async with open_tab(sim) as (stack, tab):
        fill(tab)
        tab.form.quote_button.click()
        await until(lambda: tab.quotes.quote_table.rowCount() == 1)
        assert tab.quotes.conversion_table.rowCount() >= 2  # the amount → mode table
        assert tab.quotes.quote_table.item(0, 1).text().startswith("HK$")

        client_order_id, _ = await book(tab)
        assert tab.code.text() == "2468"

        await stack.advance(150)  # the partner accepts and sets off
        await until_async(lambda: _has_partner(tab))
        first = await tab.map.partner_position()
        await stack.advance(240)
        await until_async(lambda: _moved_from(tab, first))
        assert tab.active.row_text(client_order_id, "Partner")  # the partner's name is listed

        await stack.advance(3600)
        await until(lambda: "Delivered" in tab.active.row_text(client_order_id, "Status"))
        # Words on screen, Zeek's code only in the log.
        assert "9021" not in tab.active.row_text(client_order_id, "Status")
        assert len(tab.map.scene.path) > 2


async def _has_partner(tab: DeliveryTab) -> bool:
    return await tab.map.partner_position() is not None


async def _moved_from(tab: DeliveryTab, first: tuple[float, float] | None) -> bool:
    return (await tab.map.partner_position()) not in (None, first)


async def test_a_booking_made_elsewhere_is_selected_with_its_code_and_places_on_the_map(
    db: object, sim: SimServer
) -> None:
    """Booked by automation or another screen: the tab shows it without a click when it is opened."""
    async with open_tab(sim) as (stack, tab):
        assert tab.code.text() == "----" and tab.map.scene.store is None
        tab.hide()
        form = tab.service.manual_form().with_changes(
            name="Wong Mei", phone="92223333", address="3 Des Voeux Road", location=CUSTOMER_LOCATION,
            amount="88.00", pickup_code="1357",
        )  # fmt: skip
        booking = tab.service.book(form)
        await until(lambda: bool(getattr(deliveries.get(booking.client_order_id), "order_id", "")))
        tab.show()

        assert tab.shown == booking.client_order_id
        assert tab.active.current() == booking.client_order_id  # its row is selected: Cancel works
        assert tab.active.cancel_button.isEnabled()
        assert tab.code.text() == "1357" and "Wong Mei" in tab.summary.text()
        scene = tab.map.scene
        assert scene.key == booking.client_order_id
        assert scene.store == (22.2866, 114.1508) and scene.customer == (22.2819, 114.1589)

        await stack.advance(150)  # accepted: the partner appears on the same, still selected, delivery
        await until_async(lambda: _has_partner(tab))
        assert "1357" in tab.map.scene.partner_label


async def test_a_three_digit_pickup_code_shows_an_error_next_to_its_field(db: object, sim: SimServer) -> None:
    async with open_tab(sim) as (_, tab):
        fill(tab, pickup_code="123")
        tab.form.book_button.click()

        error = tab.form.errors["pickup_code"]
        assert error.isVisible() and "4 digits" in error.text()
        assert not any(label.isVisible() for name, label in tab.form.errors.items() if name != "pickup_code")
        assert tab.service.active() == []  # nothing saved, nothing sent


async def test_cancel_before_pickup(db: object, sim: SimServer) -> None:
    async with open_tab(sim) as (stack, tab):
        client_order_id, order_id = await book(tab)
        assert tab.active.select(client_order_id)
        tab.active.cancel_button.click()
        dialog = tab.dialog
        assert dialog is not None and not dialog.warning.isVisible()  # no fee risk yet
        assert not dialog.confirm_button.isEnabled()  # a reason is required
        dialog.reason.setText("Customer changed their mind")
        dialog.confirm_button.click()

        await until(lambda: "Cancelled before pickup" in tab.active.row_text(client_order_id, "Status"))
        view = await stack.sim_order(order_id)
        assert view["status"] == 9025 and view["cancel"]["reason"] == "Customer changed their mind"


async def test_cancel_after_pickup_warns_about_the_fee_first(db: object, sim: SimServer) -> None:
    async with open_tab(sim) as (stack, tab):
        await stack.sim_config(cancelAfterPickup=True)
        client_order_id, order_id = await book(tab)
        await advance_to(stack, order_id, 8012)
        await until(lambda: "Picked up" in tab.active.row_text(client_order_id, "Status"))

        tab.active.select(client_order_id)
        tab.active.cancel_button.click()
        dialog = tab.dialog
        assert dialog is not None and dialog.warning.isVisible()
        assert "picked up the food" in dialog.warning.text()
        dialog.reason.setText("Wrong address")
        assert not dialog.confirm_button.isEnabled()  # the fee risk must be acknowledged
        dialog.accept_risk.setChecked(True)
        dialog.confirm_button.click()

        await until(lambda: "Cancelled after pickup" in tab.active.row_text(client_order_id, "Status"))
        view = await stack.sim_order(order_id)
        assert view["status"] == 9026 and view["cancel"]["feeCents"] > 0


async def test_lookup_by_phone(db: object, sim: SimServer) -> None:
    async with open_tab(sim) as (_, tab):
        _, order_id = await book(tab, phone="98765432")
        tab.active.phone.setText("98765432")
        tab.active.lookup_button.click()
        await until(lambda: order_id in tab.active.lookup_result.text())

        tab.active.phone.setText("61112222")
        tab.active.phone.returnPressed.emit()  # Enter in the phone box looks up too
        await until(lambda: "found" in tab.active.lookup_result.text())
        assert order_id not in tab.active.lookup_result.text()


async def test_auto_book_when_a_self_delivered_order_is_marked_ready(db: object, sim: SimServer) -> None:
    settings = DeliverySettings(poll_interval_s=0.1, auto_book_on_ready=True)
    async with open_tab(sim, settings=settings) as (stack, tab):
        order = _self_delivery_order()
        automation = stack.engine.automation
        automation.order_changed(OrderUpdate(order, status_changed=True))  # accepted: nothing booked yet
        assert tab.service.active() == []

        ready = dataclasses.replace(order, status=OrderStatus.READY)
        automation.order_changed(OrderUpdate(ready, status_changed=True))
        automation.order_changed(OrderUpdate(ready, status_changed=True))  # a repeat books nothing more

        booking = tab.service.open_booking_for(order.order_view_id)
        assert booking is not None and len(tab.service.active()) == 1
        assert "Courier booked" in tab.alert.text() and booking.pickup_code in tab.alert.text()
        await until(lambda: bool(getattr(tab.service.booking(booking.client_order_id), "order_id", "")))
        view = await stack.sim_order(tab.service.booking(booking.client_order_id).order_id)  # type: ignore[union-attr]
        assert (
            view["pickupCode"] == booking.pickup_code and view["totalPriceCents"] == order.money.items.cents
        )


def _self_delivery_order() -> Any:
    raw = load_fixture("keeta/order_info_delivery.json")
    raw["merchantOrderDeliveries"][0]["deliveryMode"] = "9001"  # the shop delivers it itself
    raw["recipientInfo"].update(
        name="Lee Ka Yan", phone="93334444", addressName="8 Queen's Road Central", houseNumber="12A"
    )
    order = parse_order(raw)
    return dataclasses.replace(order, status=OrderStatus.ACCEPTED)


async def test_switching_language_rebuilds_the_delivery_tab_in_the_new_language(
    db: object, sim: SimServer, qapp: QApplication, tmp_path: Path
) -> None:
    async with open_stack(sim, None, tmp_path, Settings(web_map=False), DELIVERY_TUNING, zeek=True) as stack:
        window, switcher = stack.window, stack.session.languages
        before = window.delivery
        assert before is not None
        window.tabs.setCurrentWidget(before)
        english = before.form.book_button.text()
        assert switcher.switch("zh_HK")
        await until(lambda: window.delivery is not before)  # Qt delivers LanguageChange as an event
        after = window.delivery
        assert after is not None and after is not before
        assert window.tabs.currentWidget() is after
        chinese = after.form.book_button.text()
        assert chinese != english
        assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese)


async def test_zeeks_page_for_the_delivery_on_the_map_opens_in_the_browser(
    db: object, sim: SimServer
) -> None:
    async with open_tab(sim) as (_, tab):
        assert not tab.page_link.isVisible()  # nothing booked: no page
        client_order_id, order_id = await book(tab)
        await until(lambda: bool(getattr(deliveries.get(client_order_id), "order_url", "")))
        page = deliveries.get(client_order_id).order_url  # type: ignore[union-attr]  # Zeek's answer
        assert page.startswith("https://") and order_id in page
        await until(lambda: tab.page_link.isVisible())
        assert tab.page_link.toolTip() == page and tab.page_link.accessibleName()
        with caught_browser() as opened:
            spot = QPoint(8, tab.page_link.height() // 2)  # on the link's first letters
            QTest.mouseClick(tab.page_link, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, spot)
            await until(lambda: opened == [page])


async def test_on_a_1024x768_screen_the_map_keeps_most_of_the_height_and_the_couriers_show(
    db: object, sim: SimServer
) -> None:
    async with open_tab(sim) as (_, tab):
        tab.resize(1016, 620)  # the tab's room in a 1024x768 window (top bar, tabs, status line)
        client_order_id, _ = await book(tab)
        table = tab.active.table
        await until(lambda: table.rowCount() == 1 and tab.map_widget.height() >= MAP_MIN_HEIGHT)
        row = table.visualRect(table.model().index(0, 0))
        assert table.viewport().rect().contains(row)  # the courier's row whole on screen
        # One courier: the list holds no room for more than two (it grows as they come), the map takes it.
        assert table.height() < table.horizontalHeader().height() + 3 * ROW_HEIGHT
        assert tab.map_widget.height() > 2 * table.height()
        assert tab.active.current() == client_order_id
