"""The live board: lanes (New, In progress, Ready, Done, Refund requests) over one model, a search
box, and the selected order's detail with its big buttons."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posapp.brands import Brand
from posapp.domain.order import Order
from posapp.domain.outbox_action import OutboxAction
from posapp.engine.orders import OrderService
from posapp.ui.board_model import (
    ORDER_ROLE,
    BoardFilter,
    BoardModel,
    Column,
    Lane,
    follow_clock,
    lane_of,
    lane_title,
)
from posapp.ui.brand_choice import BrandChoice, ShopChoice
from posapp.ui.columns import ColumnFitter
from posapp.ui.detail import OrderDetail
from posapp.ui.lane_bar import LaneBar
from posapp.ui.new_cards import NewOrderCards
from posapp.ui.order_actions import OrderActions
from posapp.ui.order_id import ORDER_ID
from posapp.ui.timefmt import Clock

LANES = (Lane.NEW, Lane.IN_PROGRESS, Lane.READY, Lane.DONE, Lane.REFUNDS)


class BoardView(QWidget):
    order_selected = Signal(ORDER_ID)

    def __init__(
        self,
        service: OrderService,
        model: BoardModel,
        prep_minutes: int = 15,
        clock: Clock = time.time,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = BoardFilter(self)
        self.proxy.setSourceModel(model)
        self.lanes = LaneBar(len(LANES))
        self.search = QLineEdit()
        self.search.setMinimumHeight(48)
        # All brands / one brand: shown only when the counter serves several (Settings, Brands).
        self.brand_filter = BrandChoice()
        self.table = order_table(self.proxy)
        follow_clock(self.table, model)
        self.detail = OrderDetail(clock)
        self.order_actions = OrderActions(service, prep_minutes=prep_minutes)
        self.cards = NewOrderCards(model, clock)
        self.cards.set_prep(self.order_actions.prep.value())
        self._new_as_list = False  # the New lane as a table: more new orders than cards, and asked for
        self.stack = QStackedWidget()
        self.stack.addWidget(self.cards)
        self.stack.addWidget(self.table)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.lanes)
        finding = QHBoxLayout()
        finding.addWidget(self.search, 1)
        finding.addWidget(self.brand_filter)
        left_layout.addLayout(finding)
        left_layout.addWidget(self.stack, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail, 1)
        right_layout.addWidget(self.order_actions)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        # The detail gets the room: a whole order with money and customer beats an empty table.
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        self.lanes.currentChanged.connect(self._lane_changed)
        self.lanes.group.idClicked.connect(self._lane_clicked)
        self.cards.show_all.connect(self._list_new_orders)
        self.cards.chosen.connect(self.select)
        self.cards.accept.connect(self._accept)
        self.order_actions.prep.valueChanged.connect(self.cards.set_prep)
        self.search.textChanged.connect(self._search_changed)
        self.brand_filter.shop_chosen.connect(self._brand_chosen)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        model.rowsInserted.connect(self._count_lanes)
        model.modelReset.connect(self._count_lanes)
        model.dataChanged.connect(self._rows_changed)
        self.retranslate()

    # --- selection ---------------------------------------------------------------------------------------

    @property
    def selected(self) -> Order | None:
        return self.detail.order

    def select(self, order_view_id: int) -> bool:
        """Show the order's lane and select it; False when the board does not hold it."""
        order = self.model.order(order_view_id)
        if order is None:
            return False
        self.lanes.setCurrentIndex(LANES.index(lane_of(order)))
        # Through the model's own index: reading every row of the lane decoded thousands of orders.
        shown = self.proxy.mapFromSource(self.model.index_of(order_view_id))
        if not shown.isValid():
            return False  # the search hides it
        self.table.selectRow(shown.row())
        return True

    def _lane_changed(self, index: int) -> None:
        self.proxy.set_lane(LANES[index])
        self._new_as_list = False
        self._show_cards_or_table()

    def _lane_clicked(self, index: int) -> None:
        # The New lane's button, tapped while its table is shown: back to the cards.
        if LANES[index] is Lane.NEW and self._new_as_list:
            self._new_as_list = False
            self._show_cards_or_table()

    def _list_new_orders(self) -> None:
        self._new_as_list = True
        self._show_cards_or_table()

    def set_brands(self, brands: tuple[Brand, ...]) -> None:
        """The counter's brands: chips on every card and row and a filter, when there are several."""
        self.model.set_brands(brands)
        self.brand_filter.set_brands(brands)

    def _brand_chosen(self, choice: ShopChoice) -> None:
        self.proxy.set_shop(choice.shop_id)
        self.cards.set_shop(choice.shop_id)

    def _search_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._show_cards_or_table()

    def _show_cards_or_table(self) -> None:
        # New orders are few and urgent: cards. The other lanes may hold thousands, and a search
        # lists what it found: a table.
        cards = self.proxy.lane is Lane.NEW and not self.search.text().strip() and not self._new_as_list
        self.stack.setCurrentWidget(self.cards if cards else self.table)

    def _accept(self, order_view_id: int) -> None:
        """One tap on a card: accepted with the preparation time the stepper shows."""
        self.select(order_view_id)
        order = self.model.order(order_view_id)
        if order is not None:
            self.order_actions.accept(order)

    def _selected(self, *_: object) -> None:
        # Read the selection model, not the signal's QItemSelection (a temporary; PySide crashes on it).
        rows = self.table.selectionModel().selectedRows()
        order = rows[0].data(ORDER_ROLE) if rows else None
        if isinstance(order, Order):
            self.show_order(order)
            self.order_selected.emit(order.order_view_id)

    def show_order(self, order: Order | None, history: list[OutboxAction] | None = None) -> None:
        self.detail.set_order(order, history)
        self.cards.set_selected(order.order_view_id if order is not None else None)
        action = self.model.action(order.order_view_id) if order is not None else None
        self.order_actions.set_order(order, action)

    # --- lanes -------------------------------------------------------------------------------------------

    def _rows_changed(self, top_left: QModelIndex, _bottom_right: QModelIndex, _roles: object = None) -> None:
        if top_left.column() == 0:  # not a once-a-second countdown repaint
            self._count_lanes()

    def _count_lanes(self, *_: object) -> None:
        counts = self.model.lane_counts()  # kept per change by the model: no pass over every order
        for index, lane in enumerate(LANES):
            text = f"{lane_title(lane)} ({counts[lane]})"
            if self.lanes.tabText(index) != text:  # a new text re-lays out the tab bar
                self.lanes.setTabText(index, text)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Find: number, phone tail, item"))
        self.search.setAccessibleName(self.tr("Find an order"))
        self.table.setAccessibleName(self.tr("Orders in this lane"))
        self.cards.setAccessibleName(self.tr("New orders"))
        self.model.retranslate()
        self._count_lanes()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def order_table(proxy: BoardFilter, hidden: tuple[Column, ...] = ()) -> QTableView:
    """The board's table look (columns fitted to their words, tall rows), shared with the refund desk
    and the history; ``hidden`` columns are never shown."""
    table = QTableView()
    table.setModel(proxy)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(56)
    # Widths from the words, not the rows: ResizeToContents would measure every row, too slow with
    # thousands of orders.
    ColumnFitter(table, hidden)
    table.setWordWrap(False)
    return table
