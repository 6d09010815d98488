"""An amount Keeta sent unreadable is shown as "amount unknown" (金額不明), never as a number."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from posapp.domain.order import Order
from posapp.keeta.order_parser import parse_order
from posapp.keeta.refund_parser import parse_refund
from posapp.printing.layouts import UNKNOWN_AMOUNT, customer_receipt
from posapp.printing.slips import refund_slip
from posapp.ui.board_model import BoardModel, Column
from posapp.ui.detail import OrderDetail
from tests.conftest import load_fixture
from tests.printing.slip_text import slip_text

NOW = 1_764_072_000.0


def _unreadable_order() -> Order:
    return parse_order(load_fixture("keeta/shapes/unreadable_money.json"))  # payTotal "12,600"


def test_board_total_says_amount_unknown(qapp: QApplication) -> None:
    model = BoardModel(lambda: NOW)
    model.load([_unreadable_order()])
    assert model.index(0, Column.TOTAL).data(Qt.ItemDataRole.DisplayRole) == "amount unknown"


def test_detail_money_says_amount_unknown(qtbot: QtBot) -> None:
    detail = OrderDetail(lambda: NOW)
    qtbot.addWidget(detail)
    detail.set_order(_unreadable_order())
    text = detail.body.toPlainText()
    assert "Customer paid" in text and "amount unknown" in text
    assert "126.00" not in text and "0.00" not in text.split("Customer paid")[1].splitlines()[0]


def test_receipt_and_refund_slip_print_amount_unknown() -> None:
    order = _unreadable_order()
    assert UNKNOWN_AMOUNT in slip_text(customer_receipt(order))
    refund = parse_refund(
        {"orderViewId": order.order_view_id, "afterSaleOrderId": 5, "money": "NaN"}, partial=False
    )
    assert refund.amount_unknown
    assert UNKNOWN_AMOUNT in slip_text(refund_slip(order, refund))
