"""New orders as big cards: number, type, items, total, the countdown to Keeta's auto-cancel as a
bar with words, and one-tap Accept with the chosen preparation time.

Only orders waiting to be accepted get a card (a handful at the busiest lunch); the other lanes stay
tables, which hold thousands of orders cheaply. The cards follow the board's model: a new order
adds a card, an accepted or cancelled one removes it, and the model's tick moves the countdowns.

At most ``CARDS_SHOWN`` cards, the most urgent: a board left with thousands of unaccepted orders (a
restored cache, a counter away for hours) built a card of a dozen widgets for each, which took most of
a minute to open and a fifth of a core to tick (tests/bench/bench_board.py). The rest are one tap away
in the lane's table.
"""

from __future__ import annotations

import heapq
import time

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from posapp.brands import Brand
from posapp.domain.order import Order, OrderLine
from posapp.ui import labels
from posapp.ui.board_model import BoardModel, Lane, seq_text
from posapp.ui.countdown import STEPS, CountdownBar
from posapp.ui.i18n import shown_language
from posapp.ui.order_id import ORDER_ID
from posapp.ui.restyle import set_style_property
from posapp.ui.timefmt import Clock
from posapp.ui.urgency import Level, accept_time_used, accept_urgency

LINES_SHOWN = 3  # then "+ N more": the detail shows them all
CARDS_SHOWN = 12  # then "N more new orders": the lane's table lists them all


def _line_text(line: OrderLine, chinese: bool) -> str:
    name = (line.name_zh or line.name) if chinese else line.name
    return f"{line.count}× {name}"


def items_text(order: Order, chinese: bool) -> str:
    shown = [_line_text(line, chinese) for line in order.lines[:LINES_SHOWN]]
    more = len(order.lines) - LINES_SHOWN
    if more > 0:
        shown.append(QCoreApplication.translate("Cards", "+ {0} more").format(more))
    return "\n".join(shown)


def chip_style(brand: Brand) -> str:
    """White or black words, whichever reads better on the brand's colour."""
    colour = QColor(brand.colour)
    words = "#000000" if colour.lightnessF() > 0.6 else "#ffffff"
    return f"background: {brand.colour}; color: {words}; border-radius: 4px; padding: 2px 8px;"


class OrderCard(QFrame):
    chosen = Signal(ORDER_ID)
    accept = Signal(ORDER_ID)

    def __init__(self, order: Order, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setProperty("role", "card")
        # Tab reaches each card; the one with the focus is the one shown, so F2 accepts it.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.order = order
        self.brand = QLabel()  # the brand chip: its name on its colour (hidden with one brand)
        self.brand.setProperty("role", "brand-chip")
        self.brand.hide()
        self.seq = QLabel()
        self.seq.setProperty("role", "seq")
        self.kind = QLabel()
        self.kind.setWordWrap(True)
        self.total = QLabel()
        self.total.setProperty("role", "money")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.items = QLabel()
        self.items.setWordWrap(True)
        self.countdown = CountdownBar()
        self._shown: tuple[str, Level, int] | None = None  # the countdown as last drawn
        self.drawn: tuple[Order, bool] | None = None  # the order and language its words show
        self.accept_button = QPushButton()
        self.accept_button.setProperty("role", "primary")
        self.accept_button.clicked.connect(lambda: self.accept.emit(self.order.order_view_id))
        grid = QGridLayout(self)
        grid.setContentsMargins(10, 8, 10, 8)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.brand, 0, 0, 1, 3)
        grid.addWidget(self.seq, 1, 0)
        grid.addWidget(self.kind, 1, 1)
        grid.addWidget(self.total, 1, 2)
        grid.addWidget(self.items, 2, 0, 1, 3)
        grid.addWidget(self.countdown, 3, 0, 1, 3)
        grid.addWidget(self.accept_button, 4, 0, 1, 3)
        grid.setColumnStretch(1, 1)

    def show_order(self, order: Order, prep_minutes: int, now: float, chinese: bool) -> None:
        self.order = order
        self.drawn = (order, chinese)
        self.seq.setText(seq_text(order))
        self.kind.setText(labels.fulfilment_text(order.fulfilment))
        self.total.setText(labels.amount_text(order.money.shown("total_paid")))
        count = QCoreApplication.translate("Cards", "Items: {0}").format(order.item_count)
        self.items.setText(f"{count}\n{items_text(order, chinese)}")
        self.set_prep(prep_minutes)
        self.tick(now)
        self.setAccessibleName(QCoreApplication.translate("Cards", "New order {0}").format(seq_text(order)))

    def show_brand(self, brand: Brand | None) -> None:
        self.brand.setVisible(brand is not None)
        if brand is not None:
            self.brand.setText(brand.label)
            self.brand.setStyleSheet(chip_style(brand))

    def set_prep(self, minutes: int) -> None:
        text = QCoreApplication.translate("Cards", "Accept · ready in {0} min").format(minutes)
        self.accept_button.setText(text)
        self.accept_button.setAccessibleName(f"{text} ({seq_text(self.order)})")

    def tick(self, now: float) -> None:
        urgency = accept_urgency(self.order, now)
        shown = (urgency.text, urgency.level, round(accept_time_used(self.order, now) * STEPS))
        if shown == self._shown:
            return  # past Keeta's deadline nothing moves: no restyle, no repaint
        self._shown = shown
        self.countdown.show_urgency(urgency, accept_time_used(self.order, now))
        set_style_property(self, "urgency", urgency.level.value)

    def set_selected(self, selected: bool) -> None:
        set_style_property(self, "selected", "yes" if selected else "no")

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.chosen.emit(self.order.order_view_id)
        super().mousePressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.chosen.emit(self.order.order_view_id)
        super().focusInEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.chosen.emit(self.order.order_view_id)
            return
        super().keyPressEvent(event)


class NewOrderCards(QScrollArea):
    """The New lane as cards, most urgent (oldest) first."""

    chosen = Signal(ORDER_ID)
    accept = Signal(ORDER_ID)
    show_all = Signal()  # the "N more" button: the lane's table lists every new order

    def __init__(self, model: BoardModel, clock: Clock = time.time, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._clock = clock
        self._prep = 15
        self._selected: int | None = None
        self._shop: int | None = None  # one brand's new orders only (None: every brand's)
        self.cards: dict[int, OrderCard] = {}
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setProperty("role", "muted")
        self.more = QPushButton()  # below the cards, when there are more new orders than cards
        self.more.setMinimumHeight(48)
        self.more.hide()
        self.more.clicked.connect(self._show_all_clicked)
        self._hidden = 0  # new orders without a card
        inner = QWidget()
        self._column = QVBoxLayout(inner)
        self._column.setContentsMargins(0, 0, 4, 0)
        self._column.addWidget(self.empty)
        self._column.addWidget(self.more)
        self._column.addStretch(1)
        self.setWidget(inner)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # A push touches one row: only its card is built, moved or dropped (rebuilding every card at
        # each new order cost ~0.4 ms per card on the Qt thread, ahead of the frame that shows it).
        model.rowsInserted.connect(self._rows_inserted)
        model.modelReset.connect(self.refresh)
        model.dataChanged.connect(self._rows_changed)
        model.ticked.connect(self.tick)
        self.retranslate()
        self.refresh()

    def new_orders(self) -> list[Order]:
        """The new orders that get a card: the ``CARDS_SHOWN`` most urgent (oldest placed) first."""
        return self._new_orders()[0]

    def _new_orders(self) -> tuple[list[Order], int]:
        """The orders with a card (by the time they were placed, then by row), and how many other new
        orders there are."""
        waiting = self._waiting_rows()
        rows = heapq.nsmallest(CARDS_SHOWN, waiting, key=lambda row: (self._placed(row), row))
        return [self._model.order_at(row) for row in rows], len(waiting) - len(rows)

    def _waiting_rows(self) -> list[int]:
        """The rows of the new orders shown (every brand's, or the chosen brand's), from the model's
        per-row lists: the orders without a card are never decoded."""
        model, shop = self._model, self._shop
        shops = model.row_shops
        return [
            row
            for row, lane in enumerate(model.row_lanes)
            if lane is Lane.NEW and (shop is None or shops[row] == shop)
        ]

    def _placed(self, row: int) -> int:
        return self._model.row_placed[row]

    def _waiting_count(self) -> int:
        if self._shop is None:
            return self._model.lane_counts()[Lane.NEW]  # kept by the model: no pass over the rows
        return len(self._waiting_rows())

    def _shown(self, order: Order) -> bool:
        return self._shop is None or order.shop_id == self._shop

    def set_shop(self, shop_id: int | None) -> None:
        self._shop = shop_id
        self.refresh()

    def refresh(self, *_: object) -> None:
        orders, self._hidden = self._new_orders()
        wanted = {order.order_view_id for order in orders}
        for order_view_id in [oid for oid in self.cards if oid not in wanted]:
            self._drop(order_view_id)
        now = self._clock()
        chinese = shown_language() != "en"
        for position, order in enumerate(orders):
            card = self.cards.get(order.order_view_id) or self._card(order)
            self._place(card, position)
            self._show(card, order, now, chinese)
        self.empty.setVisible(not orders)
        self._show_more()

    def _show_more(self) -> None:
        if self._hidden:
            text = self.tr("More new orders ({0}): show them all as a list").format(self._hidden)
            self.more.setText(text)
            self.more.setAccessibleName(text)
        self.more.setVisible(self._hidden > 0)

    def _show_all_clicked(self) -> None:
        self.show_all.emit()

    def _rows_inserted(self, _parent: object, first: int, last: int) -> None:
        self._rows(first, last)

    def _rows_changed(self, top: QModelIndex, bottom: QModelIndex, *_: object) -> None:
        first, last = top.row(), bottom.row()
        if last - first > 0:
            self.refresh()  # the whole board restyled (language, brands, text size): rare
        else:
            self._rows(first, last)

    def _rows(self, first: int, last: int) -> None:
        """The cards of rows ``first``..``last`` alone follow their orders; the others stay as drawn."""
        model = self._model
        now = self._clock()
        chinese = shown_language() != "en"
        for row in range(first, last + 1):
            order = model.order_at(row)
            card = self.cards.get(order.order_view_id)
            if model.row_lanes[row] is not Lane.NEW or not self._shown(order):
                if card is not None:
                    self._drop(order.order_view_id)
                    if self._hidden:
                        self.refresh()  # the oldest order without a card takes the freed place
                        return
                continue
            if card is None:
                if len(self.cards) >= CARDS_SHOWN:
                    newest = max(
                        (other.order.placed_at, model.row_of(oid)) for oid, other in self.cards.items()
                    )
                    if (order.placed_at, row) > newest:
                        continue  # newer than every card: it waits in the lane's table (counted below)
                    self.refresh()  # older than a card: it takes that card's place
                    return
                card = self._card(order)
            # Where a full refresh would put it: by the time it was placed, then by row (a stable sort).
            key = (order.placed_at, row)
            position = sum(
                1
                for oid, other in self.cards.items()
                if oid != order.order_view_id and (other.order.placed_at, model.row_of(oid)) < key
            )
            self._place(card, position)
            self._show(card, order, now, chinese)
        self.empty.setVisible(not self.cards)
        self._hidden = self._waiting_count() - len(self.cards)
        self._show_more()

    def _card(self, order: Order) -> OrderCard:
        card = self.cards[order.order_view_id] = OrderCard(order)
        card.chosen.connect(self.chosen)
        card.accept.connect(self.accept)
        return card

    def _place(self, card: OrderCard, position: int) -> None:
        """``card`` as the ``position``-th card, after the "no new orders" words."""
        index = self._column.indexOf(card)
        if index == position + 1:
            return
        if index >= 0:
            self._column.removeWidget(card)  # a card not laid out yet would otherwise be in twice
        self._column.insertWidget(position + 1, card)

    def _drop(self, order_view_id: int) -> None:
        gone = self.cards.pop(order_view_id)
        self._column.removeWidget(gone)
        gone.deleteLater()

    def _show(self, card: OrderCard, order: Order, now: float, chinese: bool) -> None:
        if card.drawn != (order, chinese):  # the same order in the same language: drawn already
            card.show_order(order, self._prep, now, chinese)
        card.show_brand(self._model.brand(order))
        card.set_selected(order.order_view_id == self._selected)

    def tick(self) -> None:
        if not self.isVisible():
            return
        now = self._clock()
        for card in self.cards.values():
            card.tick(now)

    def set_prep(self, minutes: int) -> None:
        self._prep = minutes
        for card in self.cards.values():
            card.set_prep(minutes)

    def set_selected(self, order_view_id: int | None) -> None:
        self._selected = order_view_id
        for oid, card in self.cards.items():
            card.set_selected(oid == order_view_id)

    def retranslate(self) -> None:
        self.empty.setText(self.tr("No new orders. New orders appear here as cards, the most urgent first."))
        for card in self.cards.values():
            card.drawn = None  # every card's words again, in the new language
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
