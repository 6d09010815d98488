"""The delivery tab follows Keeta's delivery mode: orders Keeta's riders carry are listed greyed with
the reason; a self-delivery order is chosen (a 15-digit id through the signal) and its customer comes
decrypted from Keeta. Real widgets on the qasync loop, the simulator over HTTP."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import AsyncIterator

import shiboken6
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from posapp.session import bridge_for, delivery_tab_for
from posapp.sim.keeta.self_delivery import CUSTOMERS
from posapp.sim.server import SimServer
from posapp.ui.delivery.tab import DeliveryTab
from posapp.ui.i18n import LanguageSwitcher
from tests.delivery.conftest import until
from tests.engine.self_delivery_stack import SelfDeliveryStack, open_self_delivery


@contextlib.asynccontextmanager
async def tab_with_orders(
    sim: SimServer, qtbot: QtBot
) -> AsyncIterator[tuple[SelfDeliveryStack, DeliveryTab]]:
    async with open_self_delivery(sim) as stack:
        tab = delivery_tab_for(stack.engine, stack.orders, bridge_for(stack.orders.hub), prefer_web_map=False)
        tab.resize(1366, 768)
        tab.show()
        qtbot.waitExposed(tab)
        try:
            yield stack, tab
        finally:
            tab.close()
            shiboken6.delete(tab)
            gc.collect()


def _entry(tab: DeliveryTab, order_view_id: int) -> tuple[bool, str, str]:
    """(enabled, text, tooltip) of an order in the tab's order list."""
    index = tab.form.source.findData(order_view_id)
    assert index > 0, "the order is listed"
    model = tab.form.source.model()
    assert isinstance(model, QStandardItemModel)
    item = model.item(index)
    return item.isEnabled(), item.text(), item.toolTip()


async def test_rider_orders_are_greyed_with_the_reason_and_self_delivery_ones_fill_the_form(
    db: object, sim: SimServer, qtbot: QtBot
) -> None:
    async with tab_with_orders(sim, qtbot) as (stack, tab):
        rider = await stack.accepted_order("delivery")
        own = await stack.accepted_order("self-delivery")
        assert own.order_view_id > 2**31  # a Signal(int) would overflow on it
        await until(lambda: tab.form.source.findData(own.order_view_id) > 0)

        enabled, text, tip = _entry(tab, rider.order_view_id)
        assert not enabled and "Keeta's rider delivers this order." in text and tip == text.split(" · ")[-1]
        assert not tab.form.choose_source(rider.order_view_id)
        assert _entry(tab, own.order_view_id)[0]

        assert tab.form.choose_source(own.order_view_id)  # emits the order's id to the tab
        names = {c[0]: c for c in CUSTOMERS}
        await until(lambda: tab.form.inputs["name"].text() in names)
        customer = names[tab.form.inputs["name"].text()]
        assert tab.form.inputs["phone"].text() == customer[1]
        assert customer[2] in tab.form.inputs["address"].text()
        assert tab.form.form().keeta_order_view_id == own.order_view_id

        # A rider order the screen could not offer is refused by the engine too, with the reason.
        tab.form.fill(tab.form.form().with_changes(keeta_order_view_id=rider.order_view_id))
        assert tab.book() is None
        assert tab.form.note.text() == "Keeta's rider delivers this order."


async def test_the_reason_is_in_chinese_after_switching_language(
    db: object, sim: SimServer, qtbot: QtBot, qapp: QApplication
) -> None:
    switcher = LanguageSwitcher(qapp)
    async with tab_with_orders(sim, qtbot) as (stack, tab):
        rider = await stack.accepted_order("delivery")
        try:
            assert switcher.switch("zh_HK")
            await tab.refresh_sources_now()
            enabled, text, _ = _entry(tab, rider.order_view_id)
        finally:
            switcher.switch("en")
    assert not enabled and "由 Keeta 車手送遞" in text


async def test_the_order_list_is_reloaded_when_the_tab_is_shown_not_at_every_push(
    db: object, sim: SimServer, qtbot: QtBot
) -> None:
    # Reloading every open order at each push held the board's paint back (tests/bench/bench_painted.py).
    async with tab_with_orders(sim, qtbot) as (stack, tab):
        tab.hide()
        own = await stack.accepted_order("self-delivery")
        assert tab.form.source.findData(own.order_view_id) < 0  # not reloaded behind the cashier's back
        tab.show()
        qtbot.waitExposed(tab)
        await until(lambda: tab.form.source.findData(own.order_view_id) > 0)
