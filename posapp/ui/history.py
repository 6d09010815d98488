"""History and the money report: any date range (today by default), search by order number, phone tail or
item, the report a bookkeeper can tie out, its CSV and its printed slip.

The panel keeps its own model of the range's orders, loaded the first time the tab is shown (from the
cache, so orders finished in an earlier run are there too) and then kept up to date from the board's
model. Nothing here costs anything while the app opens; a streamed order costs one row, and the
report is recomputed once for a burst of changes, only while the tab is on screen.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QModelIndex, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posapp.brands import Brand
from posapp.domain.delivery import DeliveryBooking
from posapp.domain.order import Order
from posapp.engine import report_export
from posapp.engine.report import Report, daily, local_day, period_bounds, report
from posapp.engine.zeek_fees import ZeekFees, combined, fees_by_day
from posapp.printing.report_slip import report_slip
from posapp.printing.ticket import Ticket
from posapp.ui import day_report
from posapp.ui.board_model import BoardFilter, BoardModel, Column, follow_clock
from posapp.ui.brand_choice import BrandChoice, ShopChoice
from posapp.ui.columns import ColumnFitter
from posapp.ui.ops import UiOp
from posapp.ui.report_view import ReportView
from posapp.ui.timefmt import Clock

DayLoader = Callable[[int], list[Order]]  # start of the local day (epoch s) -> orders placed since
RangeLoader = Callable[[int, int], list[Order]]  # [start, end) epoch s -> orders placed then
BookingLoader = Callable[[int, int], list[tuple[int, DeliveryBooking]]]  # [start, end) -> (created, booking)
RangeRead = tuple[list[Order], list[tuple[int, DeliveryBooking]] | None]  # orders, Zeek bookings if kept
ReportPrinter = Callable[[Ticket], bool]  # False: no printer takes the slip
REPORT_DELAY_MS = 250  # a burst of streamed changes recomputes the report once


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class HistoryPanel(QWidget):
    def __init__(
        self,
        model: BoardModel,
        clock: Clock = time.time,
        parent: QWidget | None = None,
        load_day: DayLoader | None = None,
        load_range: RangeLoader | None = None,
        load_bookings: BookingLoader | None = None,
        zeek_fee_cents: Callable[[], int | None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self._board = model
        self._clock = clock
        self._load_day = load_day
        self._load_range = load_range
        self._load_bookings = load_bookings
        self._zeek_fee_cents = zeek_fee_cents
        self._print_report: ReportPrinter | None = None
        # The range the panel holds as [start, end) epoch seconds; None: not loaded yet.
        self._bounds: tuple[int, int] | None = None
        self._reading: tuple[int, int] | None = None  # the range a worker is reading now
        self._follow_today = True  # the range is "today" and moves on at midnight
        self._zeek: dict[date, ZeekFees] = {}
        self._report: Report | None = None
        self.day = BoardModel(clock, self)
        self.proxy = BoardFilter(self)
        self.proxy.setSourceModel(self.day)
        self.proxy.set_lane(None)
        self.from_date, self.to_date = QDateEdit(), QDateEdit()
        for edit in (self.from_date, self.to_date):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMinimumHeight(40)
            edit.dateChanged.connect(self._dates_edited)
        self.from_label, self.to_label = QLabel(), QLabel()
        self.today_button, self.yesterday_button = QPushButton(), QPushButton()
        self.brand = BrandChoice()  # the report (and list) of one brand, or of all in total
        self.brand.shop_chosen.connect(self._brand_chosen)
        self.today_button.clicked.connect(self.show_today)
        self.yesterday_button.clicked.connect(self._show_yesterday)
        self.search = QLineEdit()
        self.search.setMinimumHeight(48)
        self.search.textChanged.connect(self.proxy.set_text)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self._export_clicked)
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_report)
        self.print_button.setEnabled(False)
        self.print_note = QLabel()
        self.table = QTableView()
        self.table.setModel(self.proxy)
        follow_clock(self.table, self.day)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        ColumnFitter(self.table)
        self.report_view = ReportView()
        scroll = QScrollArea()
        scroll.setWidget(self.report_view)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(400)
        self._report_timer = QTimer(self)
        self._report_timer.setSingleShot(True)
        self._report_timer.setInterval(REPORT_DELAY_MS)
        self._report_timer.timeout.connect(self.refresh_totals)
        self._set_dates(self._today())
        dates = QHBoxLayout()
        for widget in (self.from_label, self.from_date, self.to_label, self.to_date):
            dates.addWidget(widget)
        dates.addWidget(self.today_button)
        dates.addWidget(self.yesterday_button)
        dates.addWidget(self.brand)
        dates.addStretch(1)
        # The report's own buttons sit over the report: the dates row then fits a 1024-wide screen.
        report_buttons = QHBoxLayout()
        report_buttons.addWidget(self.export_button)
        report_buttons.addWidget(self.print_button)
        report_side = QWidget()
        report_layout = QVBoxLayout(report_side)
        report_layout.setContentsMargins(0, 0, 0, 0)
        report_layout.addLayout(report_buttons)
        report_layout.addWidget(scroll, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.totals)
        left_layout.addWidget(self.table, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(report_side)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(dates)
        layout.addWidget(self.print_note)
        layout.addWidget(split, 1)
        self.print_note.hide()
        model.rowsInserted.connect(self._rows_inserted)
        model.dataChanged.connect(self._data_changed)
        model.modelReset.connect(self._board_reset)
        model.ticked.connect(self._ticked)
        self.retranslate()

    # --- the range ---------------------------------------------------------------------------------------

    def _today(self) -> date:
        return local_day(int(self._clock()))

    @property
    def loaded(self) -> bool:
        return self._bounds is not None

    @property
    def first_day(self) -> date:
        return _pydate(self.from_date.date())

    @property
    def last_day(self) -> date:
        return _pydate(self.to_date.date())

    def _set_dates(self, first: date, last: date | None = None) -> None:
        for edit, day in ((self.from_date, first), (self.to_date, last or first)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)

    def set_range(self, first: date, last: date) -> None:
        """Show orders placed from ``first`` to ``last`` (local days, both included)."""
        first, last = min(first, last), max(first, last)
        self._set_dates(first, last)
        self._follow_today = first == last == self._today()
        if self.isVisible():
            self._read_in_worker()

    def show_today(self) -> None:
        today = self._today()
        self.set_range(today, today)

    def _show_yesterday(self) -> None:
        yesterday = self._today() - timedelta(days=1)
        self.set_range(yesterday, yesterday)

    def _dates_edited(self, _value: QDate) -> None:
        first, last = self.first_day, self.last_day
        if first > last:  # the other end follows, so the range is never empty
            self._set_dates(first, first) if self.sender() is self.from_date else self._set_dates(last, last)
        self.set_range(self.first_day, self.last_day)

    # --- loading ---------------------------------------------------------------------------------------

    def _wanted_bounds(self) -> tuple[int, int]:
        """The range the dates ask for as [start, end) epoch seconds ("today" moves on at midnight)."""
        if self._follow_today and self.first_day != self._today():
            self._set_dates(self._today())
        return period_bounds(self.first_day, self.last_day)

    def _read_range(self, bounds: tuple[int, int]) -> RangeRead:
        start, end = bounds
        bookings = self._load_bookings(start, end) if self._load_bookings else None
        return self._read(start, end), bookings

    def ensure_loaded(self) -> None:
        """Load the range's orders now, on this thread (export, print and the report need them at once);
        showing the panel reads them in a worker instead."""
        bounds = self._wanted_bounds()
        if self._bounds != bounds:
            self._apply(bounds, self._read_range(bounds))

    def _read_in_worker(self) -> None:
        """A busy day is 10,000 orders: read and decoded on the Qt thread, a second with no repaint."""
        bounds = self._wanted_bounds()
        if bounds in (self._bounds, self._reading):
            return
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # shown by plain Qt code with no loop running: read here rather than never
            self.ensure_loaded()
            return
        self._reading = bounds
        UiOp[RangeRead](
            self,
            success=lambda read: self._read_done(bounds, read),
            failure=lambda _error: self._read_failed(bounds),
            name="history read",
        ).run_blocking(lambda: self._read_range(bounds))

    def _read_failed(self, bounds: tuple[int, int]) -> None:
        if self._reading == bounds:
            self._reading = None

    def _read_done(self, bounds: tuple[int, int], read: RangeRead) -> None:
        self._read_failed(bounds)
        # Already there (read on demand meanwhile), or the cashier has chosen other dates since.
        if self._bounds == bounds or self._wanted_bounds() != bounds:
            return
        self._apply(bounds, read)

    def _apply(self, bounds: tuple[int, int], read: RangeRead) -> None:
        start, end = bounds
        orders, bookings = read
        self._bounds = bounds
        found = {o.order_view_id: o for o in orders}
        for order in self._board.decoded_orders():  # the board may hold fresher copies than the cache read
            if start <= order.placed_at < end:
                found[order.order_view_id] = order
        self.day.load(sorted(found.values(), key=lambda o: o.placed_at))
        self._zeek = fees_by_day(bookings, self._zeek_fee_cents()) if bookings is not None else {}
        self._report = None
        if not self.table.isSortingEnabled():
            self.table.setSortingEnabled(True)
            self.table.sortByColumn(Column.SEQ, Qt.SortOrder.DescendingOrder)  # newest first
        self.refresh_totals()

    def _read(self, start: int, end: int) -> list[Order]:
        if self._load_range is not None:
            return self._load_range(start, end)
        if self._load_day is not None:
            return [o for o in self._load_day(start) if o.placed_at < end]
        return []

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._read_in_worker()

    # --- following the board ---------------------------------------------------------------------------

    def _take(self, order: Order) -> None:
        if self._bounds is None or not self._bounds[0] <= order.placed_at < self._bounds[1]:
            return
        self.day.upsert(order)
        self._report = None
        if self.isVisible():
            self._report_timer.start()

    def _rows_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        for row in range(first, last + 1):
            self._take(self._board.order_at(row))

    def _data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, _roles: object = None) -> None:
        # Ticks repaint only the age columns; orders change only with whole-row updates.
        if top_left.column() != 0 or self._bounds is None:
            return
        for row in range(top_left.row(), bottom_right.row() + 1):
            order = self._board.decoded_at(row)  # one never decoded is as the cache has it: unchanged
            if order is not None:
                self._take(order)

    def _board_reset(self) -> None:
        if self._bounds is not None:
            self._bounds = None  # reloaded when next shown (or asked for)
            if self.isVisible():
                self._read_in_worker()

    def _ticked(self) -> None:
        if self.isVisible():
            self.day.tick()

    # --- the report, its CSV and its slip ---------------------------------------------------------------

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search: order number, last digits of phone, or item"))
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("to"))
        self.from_label.setBuddy(self.from_date)  # a screen reader names each date by its label
        self.to_label.setBuddy(self.to_date)
        self.table.setAccessibleName(self.tr("Orders in the chosen days"))
        self.today_button.setText(self.tr("Today"))
        self.yesterday_button.setText(self.tr("Yesterday"))
        self.export_button.setText(self.tr("Export (CSV)"))
        self.print_button.setText(self.tr("Print report"))
        self.print_note.setText(self.tr("No receipt printer is set up: the report cannot be printed."))
        self.day.retranslate()
        self.refresh_totals()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def use_loaders(self, load_day: DayLoader, load_range: RangeLoader) -> None:
        """The session reconnected: the day and range are read through its new order service."""
        self._load_day = load_day
        self._load_range = load_range

    def set_report_printer(self, printer: ReportPrinter | None) -> None:
        self._print_report = printer
        self.print_button.setEnabled(printer is not None)

    def orders(self) -> list[Order]:
        """The range's orders, oldest first."""
        self.ensure_loaded()
        return sorted(self.day.orders(), key=lambda o: o.placed_at)

    def today(self) -> list[Order]:
        """Today's orders, oldest first (the range's, when it is today)."""
        start = day_report.start_of_local_day(self._clock())
        return [o for o in self.orders() if o.placed_at >= start]

    def report(self) -> Report:
        """The range's report as the screen shows it."""
        self.ensure_loaded()
        if self._report is None:
            shop = self.brand.shop
            # Zeek's bookings are the counter's, not a brand's: one brand's report cannot say them.
            zeek = combined(self._zeek.values()) if shop is None else ZeekFees(known=False)
            orders = [o for o in self.day.orders() if shop is None or o.shop_id == shop]
            self._report = report(orders, self.first_day, self.last_day, zeek)
        return self._report

    def set_brands(self, brands: tuple[Brand, ...]) -> None:
        self.day.set_brands(brands)
        self.brand.set_brands(brands)

    def _brand_chosen(self, choice: ShopChoice) -> None:
        self.proxy.set_shop(choice.shop_id)
        self.refresh_totals()

    def daily_reports(self) -> list[Report]:
        self.ensure_loaded()
        shop = self.brand.shop
        if shop is None:
            return daily(self.day.orders(), self.first_day, self.last_day, self._zeek)
        orders = [o for o in self.day.orders() if o.shop_id == shop]
        return daily(orders, self.first_day, self.last_day, {})

    def refresh_totals(self) -> None:
        if self._bounds is None:
            self.totals.setText("")
            self.report_view.show_report(None)
            return
        if self._follow_today and self.first_day != self._today():
            self.ensure_loaded()  # past midnight: a new day
            return
        self._report = None
        current = self.report()
        text = self.tr("{0} orders · {1} completed · {2} cancelled · net payout {3}")
        self.totals.setText(
            text.format(
                current.orders,
                current.completed,
                current.cancelled,
                current.money(current.net_payout).format(),
            )
        )
        self.report_view.show_report(current)

    def export_to(self, path: Path) -> int:
        """The report (one row a day, then the total) at ``path``, the orders next to it; returns the
        number of orders. BOM: Excel then reads the Chinese."""
        self.refresh_totals()
        path.write_text(report_export.to_csv(self.daily_reports(), self.report()), encoding="utf-8-sig")
        orders = self.orders()
        orders_path = path.with_name(f"{path.stem}-orders{path.suffix or '.csv'}")
        orders_path.write_text(day_report.to_csv(orders), encoding="utf-8-sig")
        return len(orders)

    def _export_clicked(self) -> None:
        dialog = QFileDialog(self, self.tr("Export the report"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        name = f"posapp-report-{self.first_day.isoformat()}"
        if self.last_day != self.first_day:
            name += f"-to-{self.last_day.isoformat()}"
        dialog.selectFile(name + ".csv")
        dialog.fileSelected.connect(lambda chosen: self.export_to(Path(chosen)))
        dialog.open()

    def print_report(self) -> bool:
        """Queue the report slip; False (and a note on screen) when no printer takes it."""
        if self._print_report is None:
            return False
        self.refresh_totals()
        printed_at = time.strftime("%Y-%m-%d %H:%M", time.localtime(self._clock()))
        shop = next((o.shop_name for o in self.day.orders() if o.shop_name), "")
        done = self._print_report(report_slip(self.report(), shop, printed_at))
        self.print_note.setVisible(not done)
        return done
