"""The live board's data: one row per order, keyed by orderViewId, updated in place per event.

An update touches one row (``dataChanged``) or appends one (``rowsInserted``); nothing reloads the
whole table, so the board stays smooth with thousands of cached orders. Filtering into lanes and by
search text is the proxy's job (:class:`BoardFilter`).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QTableView

from posapp.brands import Brand
from posapp.domain.order import Order, OrderStatus
from posapp.domain.outbox_action import ActionState, OutboxAction
from posapp.engine.outbox import is_open
from posapp.ui import labels
from posapp.ui.board_rows import BoardRows
from posapp.ui.board_search import Query, matches
from posapp.ui.lanes import Lane, lane_of
from posapp.ui.status_words import age_text, keeta_ready_text, waiting_text
from posapp.ui.timefmt import Clock, local_hm, minutes
from posapp.ui.urgency import Level, accept_urgency

ORDER_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    SEQ = 0
    KIND = 1
    ITEMS = 2
    TOTAL = 3
    AGE = 4
    DEADLINE = 5
    STATE = 6


def seq_text(order: Order) -> str:
    """The customer-facing number as "#12" (Keeta's seqNoStr may or may not carry the "#")."""
    seq = order.seq_no.lstrip("#") or str(order.order_view_id)[-4:]
    return f"#{seq}"


def lane_title(lane: Lane) -> str:
    return {
        Lane.NEW: QCoreApplication.translate("Board", "New"),
        Lane.IN_PROGRESS: QCoreApplication.translate("Board", "In progress"),
        Lane.READY: QCoreApplication.translate("Board", "Ready"),
        Lane.DONE: QCoreApplication.translate("Board", "Done / cancelled"),
        Lane.REFUNDS: QCoreApplication.translate("Board", "Refund requests"),
    }[lane]


def _headers() -> list[str]:
    return [
        QCoreApplication.translate("Board", "No."),
        QCoreApplication.translate("Board", "Type"),
        QCoreApplication.translate("Board", "Items"),
        QCoreApplication.translate("Board", "Total"),
        QCoreApplication.translate("Board", "Age"),
        QCoreApplication.translate("Board", "Deadline"),
        QCoreApplication.translate("Board", "Status"),
    ]


SEQ_SCALE = 1.4  # the order number reads larger than the rest of the row


def seq_font(base: QFont) -> QFont:
    font = QFont(base)
    font.setBold(True)
    font.setPointSizeF(base.pointSizeF() * SEQ_SCALE)
    return font


_URGENCY_COLOURS = {Level.WARN: QColor("#e08e00"), Level.CRITICAL: QColor("#c62828")}
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_ANSWERED = frozenset(
    {_DISPLAY, _FONT, _FOREGROUND, _DECORATION, int(Qt.ItemDataRole.TextAlignmentRole), ORDER_ROLE, SORT_ROLE}
)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_COLUMNS = tuple(Column)
_COLUMN_COUNT = len(_COLUMNS)  # asked twice per index Qt makes: sorting 10,000 rows asks ~150,000 times


class BoardModel(QAbstractTableModel):
    ticked = Signal()

    def __init__(self, clock: Clock = time.time, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._row_of: dict[int, int] = {}
        self._use(BoardRows.of([]))
        self._actions: dict[int, OutboxAction] = {}
        self._lane_counts: Counter[Lane] = Counter()
        self._seq_font = seq_font(QFont())
        # Several brands on one counter: each order's brand by shop (empty with one brand: no chips).
        self.brands: dict[int, Brand] = {}
        # While the cache is read in a worker (``expect_load``): the orders upserted meanwhile, which are
        # at least as new as the read's copies of them.
        self._fresh: set[int] | None = None

    # --- feeding -------------------------------------------------------------------------------------

    def expect_load(self) -> None:
        """The open orders are being read off the Qt thread; events keep arriving meanwhile."""
        self._fresh = set()

    @property
    def loading(self) -> bool:
        return self._fresh is not None

    def load(self, orders: list[Order]) -> None:
        """Initial fill (one reset at start-up, never per event)."""
        self.load_rows(BoardRows.of(orders))

    def load_rows(self, rows: BoardRows) -> None:
        """:meth:`load` with the rows prepared already (in the worker that read them). After
        :meth:`expect_load`, an order upserted while the cache was read keeps its upserted copy (the
        read may predate it)."""
        fresh, self._fresh = self._fresh or set(), None
        if fresh:
            kept = [self.order_at(self._row_of[oid]) for oid in fresh if oid in self._row_of]
            rows = rows.without(fresh).plus(sorted(kept, key=lambda order: order.placed_at))
        self.beginResetModel()
        self._use(rows)
        self._row_of = {order_view_id: row for row, order_view_id in enumerate(rows.ids)}
        self._lane_counts = Counter(self.row_lanes)
        self.endResetModel()

    def _use(self, rows: BoardRows) -> None:
        self._rows = rows
        self._orders = rows.orders  # None where not decoded yet: read them through order_at()
        # Per row, kept per upsert: what the proxies filter on and the cards pick by, so a keystroke or a
        # lane switch reads a few lists instead of working out each row's lane and lowercasing its items.
        self.row_keys = rows.keys
        self.row_lanes = rows.lanes
        self.row_placed = rows.placed
        self.row_shops = rows.shops

    def upsert(self, order: Order) -> None:
        if self._fresh is not None:
            self._fresh.add(order.order_view_id)
        row = self._row_of.get(order.order_view_id)
        if row is None:
            row = len(self._orders)
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.add(order, None)
            self._lane_counts[self.row_lanes[row]] += 1
            self._row_of[order.order_view_id] = row
            self.endInsertRows()
            return
        self._lane_counts[self.row_lanes[row]] -= 1
        self._rows.put(row, order)
        self._lane_counts[self.row_lanes[row]] += 1
        self._row_changed(row)

    def set_action(self, action: OutboxAction) -> None:
        order_view_id = action.order_view_id
        if order_view_id is None:
            return
        self._actions[order_view_id] = action
        row = self._row_of.get(order_view_id)
        if row is not None:
            self._row_changed(row)

    def tick(self) -> None:
        """Ages and countdowns move every second: each table showing the board repaints those two
        columns of its visible rows (``follow_clock``). A dataChanged here would make every proxy
        re-filter every row of the model, once a second (Qt re-filters on any change, whatever its
        roles): most of a core at 10,000 orders."""
        self.ticked.emit()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._orders:
            self._rows_changed(0, len(self._orders) - 1)

    def set_brands(self, brands: Sequence[Brand]) -> None:
        """The counter's brands; with one (or none) the board shows no brand at all."""
        chosen = {brand.shop_id: brand for brand in brands} if len(brands) > 1 else {}
        if chosen != self.brands:
            self.brands = chosen
            if self._orders:
                self._rows_changed(0, len(self._orders) - 1)

    def brand(self, order: Order) -> Brand | None:
        return self.brands.get(order.shop_id) if self.brands else None

    def set_base_font(self, font: QFont) -> None:
        """The tables' font (it follows the text size setting); the order number is drawn larger."""
        wanted = seq_font(font)
        if wanted != self._seq_font:
            self._seq_font = wanted
            if self._orders:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._orders) - 1, 0), [_FONT])

    # --- lookups -------------------------------------------------------------------------------------

    def order(self, order_view_id: int) -> Order | None:
        row = self._row_of.get(order_view_id)
        return None if row is None else self.order_at(row)

    def orders(self) -> list[Order]:
        """Every order on the board (those not shown yet are decoded now: a second at 10,000)."""
        return [self.order_at(row) for row in range(len(self._orders))]

    def decoded_orders(self) -> list[Order]:
        """The orders decoded so far: every one the engine reported since the board was read, and
        those shown. The others are as the cache held them at start."""
        return [order for order in self._orders if order is not None]

    def action(self, order_view_id: int) -> OutboxAction | None:
        return self._actions.get(order_view_id)

    def lane_counts(self) -> dict[Lane, int]:
        """Orders per lane, kept up to date per change: counting 10,000 orders per event costs ms."""
        return {lane: self._lane_counts[lane] for lane in Lane}

    def index_of(self, order_view_id: int) -> QModelIndex:
        """The order's first cell (invalid when the board does not hold it)."""
        row = self._row_of.get(order_view_id)
        return QModelIndex() if row is None else self.index(row, 0)

    def row_of(self, order_view_id: int) -> int:
        """The row of an order the board holds (rows never move: new orders are appended)."""
        return self._row_of[order_view_id]

    def decoded_at(self, row: int) -> Order | None:
        """The order in ``row`` if it was decoded (reported by the engine, or shown), else None."""
        return self._orders[row]

    def order_at(self, row: int) -> Order:
        """The order in ``row``, decoded the first time it is asked for (most never are: the board shows
        a screenful); without a QModelIndex round trip."""
        order = self._orders[row]
        return order if order is not None else self._rows.decode(row)

    # --- Qt model interface ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._orders)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _headers()[section]
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        # Called for every visible cell and role at each repaint: plain int comparisons, roles the
        # board never answers first, and no enum construction.
        if role not in _ANSWERED or not index.isValid():
            return None
        order = self.order_at(index.row())
        if role == ORDER_ROLE:
            return order
        column = index.column()
        if role == _DISPLAY:
            return self._display(order, _COLUMNS[column])
        if role == SORT_ROLE:
            return _sort_key(order, column)
        if role == _FONT:
            return self._seq_font if column == Column.SEQ else None
        if role == _DECORATION:
            brand = self.brand(order) if column == Column.SEQ else None
            return QColor(brand.colour) if brand is not None else None
        if role == _FOREGROUND:
            if column != Column.DEADLINE:
                return None
            return _URGENCY_COLOURS.get(accept_urgency(order, self._clock()).level)
        return _RIGHT if column in (Column.ITEMS, Column.TOTAL) else None

    def _display(self, order: Order, column: Column) -> str:
        now = self._clock()
        if column is Column.SEQ:
            return seq_text(order)
        if column is Column.KIND:
            brand = self.brand(order)
            kind = labels.fulfilment_text(order.fulfilment)
            return f"{brand.label} · {kind}" if brand is not None else kind
        if column is Column.ITEMS:
            return str(order.item_count)
        if column is Column.TOTAL:
            return labels.amount_text(order.money.shown("total_paid"))
        if column is Column.AGE:
            return age_text(now - order.placed_at)
        if column is Column.DEADLINE:
            return _deadline_text(order, now)
        return self._state_text(order)

    def _state_text(self, order: Order) -> str:
        action = self._actions.get(order.order_view_id)
        if action is not None and is_open(action):
            return QCoreApplication.translate("Board", "{0}: sending…").format(
                labels.action_text(action.action)
            )
        if action is not None and action.state is ActionState.FAILED:
            return QCoreApplication.translate("Board", "{0} failed").format(labels.action_text(action.action))
        if action is not None and action.state is ActionState.NEEDS_PERSON:
            return QCoreApplication.translate("Board", "{0}: check needed").format(
                labels.action_text(action.action)
            )
        return labels.status_text(order.status)

    def _row_changed(self, row: int) -> None:
        self._rows_changed(row, row)

    def _rows_changed(self, first: int, last: int) -> None:
        self.dataChanged.emit(self.index(first, 0), self.index(last, len(Column) - 1))


def ready_by_text(ready_by: int, now: float) -> str:
    """The promise made at Accept, counting down: "Ready by 12:34 · 8 min" (or "… · 3 min late")."""
    if now <= ready_by:
        return QCoreApplication.translate("Board", "Ready by {0} · {1} min").format(
            local_hm(ready_by), minutes(ready_by - now + 59)
        )
    return QCoreApplication.translate("Board", "Ready by {0} · {1} min late").format(
        local_hm(ready_by), minutes(now - ready_by)
    )


def _deadline_text(order: Order, now: float) -> str:
    if order.status is OrderStatus.NEW:
        return accept_urgency(order, now).text
    refund = order.pending_refund
    if refund is not None:
        return QCoreApplication.translate("Board", "Refund: answer by {0}").format(
            local_hm(refund.auto_resolve_at)
        )
    if order.ready_by and order.status is OrderStatus.ACCEPTED:
        return ready_by_text(order.ready_by, now)
    if order.status is OrderStatus.READY:
        return waiting_text(order)  # ready already: what it waits for, not a "ready by" time
    if order.ready_eta and not order.status.is_final:
        return keeta_ready_text(order)
    return local_hm(order.placed_at)


def _sort_key(order: Order, column: int) -> Any:
    if column == Column.ITEMS:
        return order.item_count
    if column == Column.TOTAL:
        return order.money.total_paid.cents
    return order.placed_at


class BoardFilter(QSortFilterProxyModel):
    """One lane of the board, narrowed by search text (order number, phone tail or item name)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lane: Lane | None = Lane.NEW
        self._shop: int | None = None  # one brand's orders only (None: every brand's)
        self._text = ""
        self._query = Query("")
        self._board: BoardModel | None = None
        self.setSortRole(SORT_ROLE)
        # The filter reads whole orders; naming ORDER_ROLE here keeps the once-a-second repaint of the
        # age columns (DisplayRole only) from re-filtering every row of every lane.
        self.setFilterRole(ORDER_ROLE)
        self.setDynamicSortFilter(True)

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        # Filtering and sorting thousands of rows through QModelIndex.data() costs several Python
        # calls per row; with the board's own model they read its list directly.
        self._board = model if isinstance(model, BoardModel) else None
        super().setSourceModel(model)

    @property
    def lane(self) -> Lane | None:
        return self._lane

    def set_lane(self, lane: Lane | None) -> None:
        self.beginFilterChange()
        self._lane = lane
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_shop(self, shop_id: int | None) -> None:
        self.beginFilterChange()
        self._shop = shop_id
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().lower()
        self._query = Query(self._text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        board = self._board
        if board is not None:
            if self._lane is not None and board.row_lanes[source_row] is not self._lane:
                return False
            if self._shop is not None and board.row_shops[source_row] != self._shop:
                return False
            return not self._text or self._query.matches(board.row_keys[source_row])
        order = self.sourceModel().index(source_row, 0, source_parent).data(ORDER_ROLE)
        if not isinstance(order, Order):
            return False
        if self._lane is not None and lane_of(order) is not self._lane:
            return False
        if self._shop is not None and order.shop_id != self._shop:
            return False
        return not self._text or matches(order, self._text)

    def lessThan(self, left: Index, right: Index) -> bool:
        board = self._board
        if board is None:
            return bool(super().lessThan(left, right))
        column = left.column()
        return bool(
            _sort_key(board.order_at(left.row()), column) < _sort_key(board.order_at(right.row()), column)
        )


def follow_clock(table: QTableView, model: BoardModel) -> None:
    """Repaint ``table``'s age and deadline cells at each of ``model``'s ticks.

    Only those two columns of the rows on screen: a proxy's dataChanged, even for two columns,
    makes the view repaint its whole viewport, which was most of an idle window's CPU.
    """

    def repaint() -> None:
        if not table.isVisible():
            return  # another tab, or minimised: it paints afresh when shown
        viewport = table.viewport()
        for column in (Column.AGE, Column.DEADLINE):
            if not table.isColumnHidden(column):
                left = table.columnViewportPosition(column)
                viewport.update(QRect(left, 0, table.columnWidth(column), viewport.height()))

    model.ticked.connect(repaint)
