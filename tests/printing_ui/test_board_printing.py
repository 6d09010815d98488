"""Printing from the board against the simulator and real TCP printers on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Callable

from posapp.domain.actions import OrderAction
from posapp.domain.order import OrderStatus
from posapp.domain.print_job import JobKind
from posapp.keeta.codes import CancelCode
from posapp.printing.escpos_render import CHINESE_ON
from posapp.printing.service import OrderPrintState
from posapp.settings import Settings
from posapp.store import print_jobs as jobs
from tests.printing.recorder import PrinterServer, closed_port
from tests.printing_ui.conftest import PrintStack, open_printing, printer_entry
from tests.ui.conftest import Env
from tests.ui.harness import until


def _status(ps: PrintStack, order_view_id: int) -> OrderStatus | None:
    order = ps.stack.window.model.order(order_view_id)
    return None if order is None else order.status


async def _accept_on_board(ps: PrintStack) -> int:
    order = await ps.stack.new_order()
    board = ps.stack.window.board
    board.select(order.order_view_id)
    assert ps.screens.badge.isHidden()  # tickets print on accepting: nothing to say about a new order
    board.order_actions.buttons[OrderAction.CONFIRM].click()
    await until(lambda: _status(ps, order.order_view_id) is OrderStatus.ACCEPTED)
    return order.order_view_id


async def test_accepting_on_the_board_prints_kitchen_ticket_and_receipt_once(
    env: Env, printer: Callable[..., PrinterServer]
) -> None:
    kitchen, counter = printer(), printer()
    settings = Settings(
        printers=[
            printer_entry("kitchen", kitchen.uri, "kitchen"),
            printer_entry("counter", counter.uri, "receipt"),
        ]
    )
    async with open_printing(env, settings) as ps:
        order_view_id = await _accept_on_board(ps)
        badge = ps.screens.badge
        ps.stack.window.board.select(order_view_id)
        await until(lambda: badge.state is OrderPrintState.PRINTED)
        await until(lambda: len(kitchen.recorder.tickets) >= 1 and len(counter.recorder.tickets) >= 1)
        # Keeta's copy again (the accept seen a second time) must not print anything again.
        await ps.stack.service.refresh(order_view_id)

        assert sorted(j.kind.value for j in jobs.for_order(order_view_id)) == ["kitchen", "receipt"]
        assert all(j.state.printed for j in jobs.for_order(order_view_id))
        (ticket,) = kitchen.recorder.tickets
        (receipt,) = counter.recorder.tickets
        seq = ps.stack.window.model.order(order_view_id).seq_no  # type: ignore[union-attr]
        assert seq.encode() in ticket and CHINESE_ON in ticket and b"CUSTOMER RECEIPT" not in ticket
        assert b"CUSTOMER RECEIPT" in receipt and b"REPRINT" not in ticket + receipt
        assert badge.isVisible() and "✔" in badge.text()
        assert ps.stack.window.connection.strip.text("printer") == "Printer ✔ OK"


async def test_an_order_accepted_on_keetas_own_tablet_prints_too(
    env: Env, printer: Callable[..., PrinterServer]
) -> None:
    shop = printer()
    async with open_printing(env, Settings(printers=[printer_entry("shop", shop.uri)])) as ps:
        order = await ps.stack.new_order()

        await ps.stack.client.confirm(order.order_view_id)  # not through this app: Keeta pushes 1002

        await until(lambda: len(shop.recorder.tickets) == 2)
        assert _status(ps, order.order_view_id) is OrderStatus.ACCEPTED
        assert {j.kind for j in jobs.for_order(order.order_view_id)} == {JobKind.KITCHEN, JobKind.RECEIPT}


async def test_reprint_button_prints_a_ticket_marked_reprint_1(
    env: Env, printer: Callable[..., PrinterServer]
) -> None:
    kitchen = printer()
    settings = Settings(printers=[printer_entry("kitchen", kitchen.uri)], auto_print_receipt=False)
    async with open_printing(env, settings) as ps:
        order_view_id = await _accept_on_board(ps)
        await until(lambda: len(kitchen.recorder.tickets) == 1)
        ps.stack.window.board.select(order_view_id)
        panel = ps.screens.panel
        assert panel.kitchen_button.isVisible() and panel.receipt_button.isVisible()

        panel.kitchen_button.click()

        await until(lambda: len(kitchen.recorder.tickets) == 2)
        first, reprint = kitchen.recorder.tickets
        assert b"REPRINT #1" in reprint and b"REPRINT" not in first
        await until(lambda: ps.screens.badge.state is OrderPrintState.PRINTED)


async def test_cancelling_an_accepted_order_prints_a_cancel_slip(
    env: Env, printer: Callable[..., PrinterServer]
) -> None:
    kitchen = printer()
    settings = Settings(printers=[printer_entry("kitchen", kitchen.uri)], auto_print_receipt=False)
    async with open_printing(env, settings) as ps:
        order_view_id = await _accept_on_board(ps)
        await until(lambda: len(kitchen.recorder.tickets) == 1)
        actions = ps.stack.window.board.order_actions
        ps.stack.window.board.select(order_view_id)
        actions.buttons[OrderAction.CANCEL].click()
        dialog = actions.dialog
        assert dialog is not None
        dialog.choose(CancelCode.STORE_CLOSED)
        dialog.next_button.click()
        dialog.confirm_button.click()

        await until(lambda: _status(ps, order_view_id) is OrderStatus.CANCELLED)
        await until(lambda: len(kitchen.recorder.tickets) == 2)
        await ps.stack.service.refresh(order_view_id)  # the cancel seen again: still one slip
        assert b"CANCELLED" in kitchen.recorder.tickets[1]
        assert [j.kind for j in jobs.for_order(order_view_id)] == [JobKind.KITCHEN, JobKind.CANCEL]


async def test_printer_down_shows_on_the_bar_and_alerts_then_prints_once_when_back(
    env: Env, printer: Callable[..., PrinterServer]
) -> None:
    port = closed_port()
    settings = Settings(
        printers=[printer_entry("kitchen", f"tcp://127.0.0.1:{port}")], auto_print_receipt=False
    )
    async with open_printing(env, settings) as ps:
        order_view_id = await _accept_on_board(ps)
        alert, bar = ps.screens.alert, ps.stack.window.connection

        await until(alert.isVisible)
        assert "Printer kitchen is not printing" in alert.text() and "1 ticket(s) waiting" in alert.text()
        assert bar.strip.text("printer") == "Printer ✖ problem"
        ps.stack.window.board.select(order_view_id)
        assert "kitchen" in ps.screens.badge.text()  # "waiting for printer kitchen"

        back = printer(port)
        await until(lambda: not alert.isVisible())
        await until(lambda: len(back.recorder.tickets) == 1)
        assert bar.strip.text("printer") == "Printer ✔ OK"
        assert [j.state.printed for j in jobs.for_order(order_view_id)] == [True]
        assert ps.screens.badge.state is OrderPrintState.PRINTED


async def test_a_printer_added_in_settings_prints_at_once_in_the_same_window(
    env: Env, printer: Callable[..., PrinterServer]
) -> None:
    """Settings → Save applies printers in place: no reconnect, the window and its board stay."""
    shop = printer()
    async with open_printing(env, Settings()) as ps:
        window = ps.stack.window
        dialog = window.open_settings()
        dialog.saved.emit(window.services.settings.replace(printers=[printer_entry("shop", shop.uri)]))
        assert ps.stack.reconnects == [] and ps.stack.session.window is window

        await _accept_on_board(ps)
        await until(lambda: len(shop.recorder.tickets) == 2)  # kitchen ticket and receipt on the one printer

        dialog = window.open_settings()
        dialog.saved.emit(window.services.settings.replace(relay_url="http://127.0.0.1:9/"))
        (change,) = ps.stack.reconnects  # a new relay is a new connection
        assert change.changed() == {"relay_url"} and not change.secrets_changed
