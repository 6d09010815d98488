"""New-order cards stay few when the New lane holds many orders: the most urgent get a card, the rest
are one tap away in the lane's table; a card's countdown still turns red in its last minute."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from posapp.domain.order import CONFIRM_WINDOW_SECONDS, Order, OrderStatus
from posapp.engine.orders import OrderService
from posapp.engine.outbox import OutboxWorker
from posapp.keeta.order_parser import parse_order
from posapp.ui.board import LANES, BoardView
from posapp.ui.board_model import ORDER_ROLE, BoardModel, Lane
from posapp.ui.i18n import LanguageSwitcher
from posapp.ui.new_cards import CARDS_SHOWN, NewOrderCards
from posapp.ui.urgency import Level
from tests.conftest import load_fixture

NOW = 1_764_072_000.0
EXTRA = 5  # new orders beyond the cards


def _new_order(index: int, placed_at: float) -> Order:
    data = load_fixture("keeta/order_info_delivery.json")
    order = parse_order(data.get("orderInfo", data))
    return dataclasses.replace(
        order, order_view_id=9_000_000 + index, seq_no=f"#{index}", status=OrderStatus.NEW,
        placed_at=int(placed_at), refunds=(),
    )  # fmt: skip


def _many(count: int) -> list[Order]:
    # Listed newest first, so the cards' order (oldest first) is not the model's.
    return [_new_order(i, NOW - 10 * i) for i in range(count)]


def test_only_the_most_urgent_new_orders_get_a_card(qapp: QApplication) -> None:
    model = BoardModel(lambda: NOW)
    orders = _many(CARDS_SHOWN + EXTRA)
    model.load(orders)
    cards = NewOrderCards(model, lambda: NOW)
    oldest = sorted(orders, key=lambda o: o.placed_at)
    assert set(cards.cards) == {o.order_view_id for o in oldest[:CARDS_SHOWN]}
    assert not cards.more.isHidden() and f"({EXTRA})" in cards.more.text()

    # The most urgent is accepted: the next one in line gets its card, one fewer waits without.
    model.upsert(dataclasses.replace(oldest[0], status=OrderStatus.ACCEPTED))
    assert set(cards.cards) == {o.order_view_id for o in oldest[1 : CARDS_SHOWN + 1]}
    assert f"({EXTRA - 1})" in cards.more.text()

    for order in oldest[1:EXTRA]:
        model.upsert(dataclasses.replace(order, status=OrderStatus.ACCEPTED))
    assert len(cards.cards) == CARDS_SHOWN and cards.more.isHidden()
    cards.close()


def test_more_lists_every_new_order_in_the_table_and_the_lane_button_brings_the_cards_back(
    qtbot: QtBot,
) -> None:
    model = BoardModel(lambda: NOW)
    model.load(_many(CARDS_SHOWN + EXTRA))
    board = BoardView(OrderService(None, OutboxWorker({})), model, clock=lambda: NOW)  # type: ignore[arg-type]
    qtbot.addWidget(board)
    board.show()
    qtbot.waitExposed(board)
    assert board.stack.currentWidget() is board.cards

    board.cards.more.click()
    assert board.stack.currentWidget() is board.table
    rows = range(board.proxy.rowCount())
    listed = {board.proxy.index(row, 0).data(ORDER_ROLE).order_view_id for row in rows}
    assert listed == {order.order_view_id for order in model.orders()}

    board.lanes.buttons[LANES.index(Lane.NEW)].click()
    assert board.stack.currentWidget() is board.cards


def test_a_card_countdown_turns_red_in_its_last_minute_and_rests_once_keeta_cancels(
    qapp: QApplication,
) -> None:
    now = [NOW]
    order = _new_order(1, NOW - CONFIRM_WINDOW_SECONDS + 90)  # 1:30 left
    model = BoardModel(lambda: now[0])
    model.load([order])
    cards = NewOrderCards(model, lambda: now[0])
    cards.show()
    card = cards.cards[order.order_view_id]
    assert card.property("urgency") == Level.WARN.value
    before = card.countdown.words.text()

    now[0] += 40  # 0:50 left
    model.tick()
    assert card.property("urgency") == Level.CRITICAL.value
    assert "0:50" in card.countdown.words.text() and card.countdown.words.text() != before

    now[0] += 60  # past the deadline: the words say Keeta is cancelling it, then nothing moves
    model.tick()
    cancelling = card.countdown.words.text()
    assert "0:" not in cancelling and card.property("urgency") == Level.CRITICAL.value
    now[0] += 30
    model.tick()
    assert card.countdown.words.text() == cancelling
    cards.close()


def test_a_card_follows_its_order_and_the_language(qapp: QApplication) -> None:
    model = BoardModel(lambda: NOW)
    first, other = _new_order(1, NOW - 30), _new_order(2, NOW - 20)
    model.load([first, other])
    cards = NewOrderCards(model, lambda: NOW)
    card = cards.cards[first.order_view_id]
    line = first.lines[0]
    assert line.name in card.items.text()

    more = dataclasses.replace(line, count=line.count + 4)
    model.upsert(dataclasses.replace(first, lines=(more, *first.lines[1:])))
    assert f"{more.count}× {line.name}" in card.items.text()

    switcher = LanguageSwitcher(qapp)
    try:
        assert switcher.switch("zh_HK")
        qapp.processEvents()  # the LanguageChange event reaches the cards
        assert line.name_zh in card.items.text() and line.name not in card.items.text()
    finally:
        switcher.switch("en")
    cards.close()


def test_cards_follow_each_push_as_a_full_rebuild_picks_them_past_the_limit(qapp: QApplication) -> None:
    model = BoardModel(lambda: NOW)
    orders = _many(CARDS_SHOWN + 2)
    model.load(orders)
    cards = NewOrderCards(model, lambda: NOW)
    oldest = sorted(orders, key=lambda o: o.placed_at)
    steps = [
        lambda: model.upsert(_new_order(100, NOW)),  # the newest: no card, one more waiting
        lambda: model.upsert(dataclasses.replace(oldest[0], status=OrderStatus.ACCEPTED)),  # a card frees
        lambda: model.upsert(_new_order(101, NOW - 10_000)),  # older than every card: it gets one
        lambda: model.upsert(dataclasses.replace(oldest[-1], status=OrderStatus.CANCELLED)),  # had none
    ]
    for step in steps:
        step()
        rebuilt = NewOrderCards(model, lambda: NOW)
        assert set(cards.cards) == set(rebuilt.cards)
        assert cards.more.text() == rebuilt.more.text() and cards.more.isHidden() == rebuilt.more.isHidden()
        rebuilt.close()
    assert len(cards.cards) == CARDS_SHOWN
    cards.close()
