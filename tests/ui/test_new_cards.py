"""The new-order cards follow the board's model one row at a time: a push builds, moves or drops its
own card only, and the cards end as a full rebuild would lay them out (oldest first). Their countdowns
step with the next frame instead of painting on the spot."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from posapp.domain.order import Order, OrderStatus
from posapp.domain.outbox_action import ActionState, OutboxAction
from posapp.keeta.order_parser import parse_order
from posapp.ui.board_model import BoardModel, seq_text
from posapp.ui.countdown import CountdownBar
from posapp.ui.new_cards import NewOrderCards, OrderCard
from posapp.ui.urgency import Level, Urgency
from tests.conftest import load_fixture

NOW = 1_764_072_000.0


def _order(order_view_id: int, placed_at: int, **changes: object) -> Order:
    data = load_fixture("keeta/order_info_delivery.json")
    order = parse_order(data.get("orderInfo", data))
    fields: dict[str, object] = {"seq_no": str(order_view_id), **changes}
    return dataclasses.replace(order, order_view_id=order_view_id, placed_at=placed_at, **fields)  # type: ignore[arg-type]


def _laid_out(cards: NewOrderCards) -> list[tuple[int, str]]:
    """The cards top to bottom as the cashier reads them: order and the number shown."""
    column = cards.widget().layout()
    found = []
    for index in range(column.count()):
        widget = column.itemAt(index).widget()
        if isinstance(widget, OrderCard):
            found.append((widget.order.order_view_id, widget.seq.text()))
    return found


def _action(order_view_id: int) -> OutboxAction:
    return OutboxAction(
        id=1, key="k1", platform="keeta", action="accept", order_ref=str(order_view_id), payload={},
        state=ActionState.PENDING, attempts=0, next_attempt_at=0.0,
    )  # fmt: skip


def test_cards_follow_each_change_as_a_full_rebuild_lays_them_out(qapp: QApplication) -> None:
    model = BoardModel(lambda: NOW)
    model.load([_order(1, 500), _order(2, 300, status=OrderStatus.ACCEPTED)])
    cards = NewOrderCards(model, lambda: NOW)
    steps = [
        lambda: model.upsert(_order(3, 100)),  # older than every card: first
        lambda: model.upsert(_order(4, 500)),  # same time as order 1, a later row: after it
        lambda: model.upsert(_order(5, 900)),
        lambda: model.upsert(_order(1, 950)),  # a stub filled: its real time moves it last
        lambda: model.upsert(_order(3, 100, status=OrderStatus.ACCEPTED)),  # accepted: its card goes
        lambda: model.upsert(_order(4, 500, seq_no="77")),  # changed in place: the new number shows
        lambda: model.set_action(_action(5)),
        lambda: model.upsert(_order(2, 300, status=OrderStatus.CANCELLED)),  # no card, none made
    ]
    for step in steps:
        step()
        rebuilt = NewOrderCards(model, lambda: NOW)
        assert _laid_out(cards) == _laid_out(rebuilt)
        assert set(cards.cards) == set(rebuilt.cards)
        assert cards.empty.isHidden() == rebuilt.empty.isHidden()
    assert _laid_out(cards) == [(4, "#77"), (5, "#5"), (1, "#1")]


def test_a_new_order_builds_its_own_card_only(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    model = BoardModel(lambda: NOW)
    model.load([_order(oid, 100 + oid) for oid in range(1, 11)])
    cards = NewOrderCards(model, lambda: NOW)
    shown: list[int] = []
    original = OrderCard.show_order

    def counting(card: OrderCard, order: Order, *args: object) -> None:
        shown.append(order.order_view_id)
        original(card, order, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(OrderCard, "show_order", counting)
    model.upsert(_order(99, 50))
    assert shown == [99]
    assert _laid_out(cards)[0] == (99, seq_text(_order(99, 50)))
    model.upsert(_order(7, 107, status=OrderStatus.ACCEPTED))
    assert shown == [99] and 7 not in cards.cards


class _Paints(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.count += event.type() == QEvent.Type.Paint
        return False


def test_a_countdown_step_is_drawn_with_the_next_frame_not_at_once(qtbot: QtBot) -> None:
    bar = CountdownBar()
    qtbot.addWidget(bar)
    bar.resize(300, 60)
    paints = _Paints(bar.bar)
    bar.show_urgency(Urgency(Level.NORMAL, "Auto-cancel in 4:30"), 0.1)  # shows it
    qtbot.waitUntil(lambda: paints.count > 0)  # its first frame
    paints.count = 0
    bar.show_urgency(Urgency(Level.NORMAL, "Auto-cancel in 4:00"), 0.2)
    assert bar.bar.value() == 200
    assert paints.count == 0  # QProgressBar.setValue alone would have painted it right here
    qtbot.waitUntil(lambda: paints.count > 0)
