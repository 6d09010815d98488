"""The live board: lanes (New, In progress, Ready, Done, Refund requests) over one model, a search
box, and the selected order's detail with its big buttons."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QSplitter,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

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
from posapp.ui.detail import OrderDetail
from posapp.ui.order_actions import OrderActions
from posapp.ui.timefmt import Clock

COLUMN_WIDTHS = {Column.SEQ: 90, Column.KIND: 100, Column.ITEMS: 70, Column.TOTAL: 120, Column.AGE: 80,
                 Column.STATE: 150}  # fmt: skip
LANES = (Lane.NEW, Lane.IN_PROGRESS, Lane.READY, Lane.DONE, Lane.REFUNDS)


class BoardView(QWidget):
    order_selected = Signal(object)  # orderViewId: above 32 bits, so not Signal(int)

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
        self.lanes = QTabBar()
        self.lanes.setExpanding(False)
        for _ in LANES:
            self.lanes.addTab("")
        self.search = QLineEdit()
        self.search.setMinimumHeight(48)
        self.table = order_table(self.proxy)
        follow_clock(self.table, model)
        self.detail = OrderDetail(clock)
        self.order_actions = OrderActions(service, prep_minutes=prep_minutes)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.lanes)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.table, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail, 1)
        right_layout.addWidget(self.order_actions)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        self.lanes.currentChanged.connect(lambda index: self.proxy.set_lane(LANES[index]))
        self.search.textChanged.connect(self.proxy.set_text)
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
        for row in range(self.proxy.rowCount()):
            candidate = self.proxy.index(row, 0).data(ORDER_ROLE)
            if isinstance(candidate, Order) and candidate.order_view_id == order_view_id:
                self.table.selectRow(row)
                return True
        return False

    def _selected(self, *_: object) -> None:
        # Read the selection model, not the signal's QItemSelection (a temporary; PySide crashes on it).
        rows = self.table.selectionModel().selectedRows()
        order = rows[0].data(ORDER_ROLE) if rows else None
        if isinstance(order, Order):
            self.show_order(order)
            self.order_selected.emit(order.order_view_id)

    def show_order(self, order: Order | None, history: list[OutboxAction] | None = None) -> None:
        self.detail.set_order(order, history)
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
        self.model.retranslate()
        self._count_lanes()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def order_table(proxy: BoardFilter) -> QTableView:
    """The board's table look (fixed widths, tall rows), shared with the refund desk."""
    table = QTableView()
    table.setModel(proxy)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(56)
    header = table.horizontalHeader()
    # Fixed widths: ResizeToContents would measure every row, too slow with thousands of orders.
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column, width in COLUMN_WIDTHS.items():
        header.resizeSection(column, width)
    header.setSectionResizeMode(Column.DEADLINE, QHeaderView.ResizeMode.Stretch)
    table.setWordWrap(False)
    return table
