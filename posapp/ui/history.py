"""History and the day report: search by order number, phone tail or item; today's totals; CSV export.

The panel keeps its own model of today's orders, loaded the first time the tab is shown (from the
cache when it is given ``load_day``, so orders finished in an earlier run today are there too) and
then kept up to date from the board's model. Nothing here costs anything while the app opens, and a
streamed order costs one row and an O(1) change of the totals.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posapp.domain.money import Money
from posapp.domain.order import Order
from posapp.ui import day_report
from posapp.ui.board_model import BoardFilter, BoardModel, Column, follow_clock
from posapp.ui.timefmt import Clock

DayLoader = Callable[[int], list[Order]]  # start of the local day (epoch s) -> orders placed since


class DayTally:
    """Today's totals kept per change: each order's share is taken out and put back when it changes,
    instead of summing every order of the day on every event."""

    def __init__(self, currency: str = "HKD") -> None:
        self._currency = currency
        self._shares: dict[int, day_report.DayTotals] = {}
        self._sums = [0, 0, 0, 0, 0]  # orders, completed, cancelled, gross cents, refund cents

    def clear(self) -> None:
        self._shares.clear()
        self._sums = [0, 0, 0, 0, 0]

    def put(self, order: Order) -> None:
        old = self._shares.get(order.order_view_id)
        if old is not None:
            self._add(old, -1)
        share = day_report.totals([order], self._currency)
        self._shares[order.order_view_id] = share
        self._add(share, 1)

    def _add(self, share: day_report.DayTotals, sign: int) -> None:
        parts = (share.orders, share.completed, share.cancelled, share.gross.cents, share.refunds.cents)
        self._sums = [total + sign * part for total, part in zip(self._sums, parts, strict=True)]

    def totals(self) -> day_report.DayTotals:
        orders, completed, cancelled, gross, refunds = self._sums
        return day_report.DayTotals(
            orders, completed, cancelled, Money(gross, self._currency), Money(refunds, self._currency)
        )


class HistoryPanel(QWidget):
    def __init__(
        self,
        model: BoardModel,
        clock: Clock = time.time,
        parent: QWidget | None = None,
        load_day: DayLoader | None = None,
    ) -> None:
        super().__init__(parent)
        self._board = model
        self._clock = clock
        self._load_day = load_day
        self._day_start: int | None = None  # the local day the panel holds; None: not loaded yet
        self.day = BoardModel(clock, self)
        self.tally = DayTally()
        self.proxy = BoardFilter(self)
        self.proxy.setSourceModel(self.day)
        self.proxy.set_lane(None)
        self.search = QLineEdit()
        self.search.setMinimumHeight(48)
        self.search.textChanged.connect(self.proxy.set_text)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self._export_clicked)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        follow_clock(self.table, self.day)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.totals)
        layout.addWidget(self.table, 1)
        model.rowsInserted.connect(self._rows_inserted)
        model.dataChanged.connect(self._data_changed)
        model.modelReset.connect(self._board_reset)
        model.ticked.connect(self._ticked)
        self.retranslate()

    # --- loading ---------------------------------------------------------------------------------------

    @property
    def loaded(self) -> bool:
        return self._day_start is not None

    def ensure_loaded(self) -> None:
        """Load today's orders once (and again after midnight); sorting starts only then."""
        start = day_report.start_of_local_day(self._clock())
        if self._day_start == start:
            return
        self._day_start = start
        day = {o.order_view_id: o for o in self._load_day(start)} if self._load_day is not None else {}
        for order in self._board.orders():  # the board may hold fresher copies than the cache read
            if order.placed_at >= start:
                day[order.order_view_id] = order
        orders = sorted(day.values(), key=lambda o: o.placed_at)
        self.day.load(orders)
        self.tally.clear()
        for order in orders:
            self.tally.put(order)
        if not self.table.isSortingEnabled():
            self.table.setSortingEnabled(True)
            self.table.sortByColumn(Column.SEQ, Qt.SortOrder.DescendingOrder)  # newest first
        self.refresh_totals()

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_loaded()
        super().showEvent(event)

    # --- following the board ---------------------------------------------------------------------------

    def _take(self, order: Order) -> None:
        if self._day_start is None or order.placed_at < self._day_start:
            return
        self.day.upsert(order)
        self.tally.put(order)
        if self.isVisible():
            self.refresh_totals()

    def _rows_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        for row in range(first, last + 1):
            self._take(self._board.order_at(row))

    def _data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, _roles: object = None) -> None:
        # Ticks repaint only the age columns; orders change only with whole-row updates.
        if top_left.column() != 0 or self._day_start is None:
            return
        for row in range(top_left.row(), bottom_right.row() + 1):
            self._take(self._board.order_at(row))

    def _board_reset(self) -> None:
        if self._day_start is not None:
            self._day_start = None  # reloaded when next shown (or asked for)
            if self.isVisible():
                self.ensure_loaded()

    def _ticked(self) -> None:
        if self.isVisible():
            self.day.tick()

    # --- totals and export -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search: order number, last digits of phone, or item"))
        self.export_button.setText(self.tr("Export today (CSV)"))
        self.day.retranslate()
        self.refresh_totals()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh_totals(self) -> None:
        if self._day_start is not None and self._day_start != day_report.start_of_local_day(self._clock()):
            self.ensure_loaded()  # past midnight: a new day
            return
        t = self.tally.totals()
        text = self.tr("Today: {0} orders · {1} completed · {2} cancelled · takings {3} · refunds {4}")
        self.totals.setText(
            text.format(t.orders, t.completed, t.cancelled, t.gross.format(), t.refunds.format())
        )

    def today(self) -> list[Order]:
        """Today's orders, oldest first."""
        self.ensure_loaded()
        return day_report.todays(self.day.orders(), self._clock())

    def export_to(self, path: Path) -> int:
        today = self.today()
        path.write_text(day_report.to_csv(today), encoding="utf-8-sig")  # BOM: Excel reads the Chinese
        return len(today)

    def _export_clicked(self) -> None:
        dialog = QFileDialog(self, self.tr("Export today's orders"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        dialog.selectFile(time.strftime("posapp-%Y-%m-%d.csv", time.localtime(self._clock())))
        dialog.fileSelected.connect(lambda name: self.export_to(Path(name)))
        dialog.open()
