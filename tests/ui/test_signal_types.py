"""The screens' signals say what they carry: ids past 32 bits arrive whole, and none is ``Signal(object)``."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from posapp.brands import Brand
from posapp.ui.brand_choice import BrandChoice, ShopChoice
from posapp.ui.detail import OrderDetail, ShownOrder
from posapp.ui.new_cards import OrderCard
from tests.store.factories import order

UI = Path(__file__).resolve().parents[2] / "posapp" / "ui"
BIG_ID = 2**62 + 756823555555859  # above 32 bits and above 2**53: every bit must arrive


def test_no_screen_signal_is_declared_as_object() -> None:
    untyped = [
        f"{path.relative_to(UI)}:{node.lineno}"
        for path in UI.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "Signal"
        and any(isinstance(arg, ast.Name) and arg.id == "object" for arg in node.args)
    ]
    assert untyped == []


def test_an_order_card_hands_on_an_order_view_id_above_32_bits_whole(qtbot: QtBot) -> None:
    card = OrderCard(order(order_view_id=BIG_ID))
    qtbot.addWidget(card)
    chosen: list[int] = []
    accepted: list[int] = []
    card.chosen.connect(chosen.append)
    card.accept.connect(accepted.append)
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(card.accept_button, Qt.MouseButton.LeftButton)
    assert chosen[-1] == BIG_ID and accepted == [BIG_ID]


def test_the_detail_says_which_order_it_shows_or_none(qtbot: QtBot) -> None:
    detail = OrderDetail(clock=lambda: 0.0)
    qtbot.addWidget(detail)
    shown: list[ShownOrder] = []
    detail.shown.connect(shown.append)
    big = order(order_view_id=BIG_ID)
    detail.set_order(big)
    detail.set_order(None)
    assert shown == [ShownOrder(big), ShownOrder(None)]


def test_the_brand_choice_says_one_shop_or_every_brand(qtbot: QtBot) -> None:
    choice = BrandChoice()
    qtbot.addWidget(choice)
    chosen: list[ShopChoice] = []
    choice.shop_chosen.connect(chosen.append)
    choice.set_brands((Brand(880001, "Noodles", "#1565c0"), Brand(BIG_ID, "Burgers", "#c62828")))
    choice.setCurrentIndex(2)
    choice.setCurrentIndex(0)
    assert chosen == [ShopChoice(None), ShopChoice(BIG_ID), ShopChoice(None)]
