"""The board's fast paths give the same answers as the plain ones: search keys prepared per order,
and the history panel's own day of orders with totals kept per change."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QPaintEvent, QRegion
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from posapp.domain.order import Order, OrderStatus
from posapp.engine.report import Report, local_day, report
from posapp.engine.zeek_fees import ZeekFees
from posapp.keeta.order_parser import parse_order
from posapp.ui import day_report
from posapp.ui.board import order_table
from posapp.ui.board_model import BoardFilter, BoardModel, Column, follow_clock
from posapp.ui.board_search import Query, SearchKey, matches
from posapp.ui.history import HistoryPanel
from tests.conftest import load_fixture
from tests.waiting import until

NOW = 1_764_072_000.0  # the fixture's day, afternoon
DAY = day_report.start_of_local_day(NOW)


def _order(order_view_id: int, placed_at: int, **changes: object) -> Order:
    data = load_fixture("keeta/order_info_delivery.json")
    order = parse_order(data.get("orderInfo", data))
    return dataclasses.replace(order, order_view_id=order_view_id, placed_at=placed_at, **changes)


def _orders() -> list[Order]:
    base = _order(756823555555859, DAY + 60)
    readable = dataclasses.replace(base.customer, phone="+85291234567")
    renamed = [dataclasses.replace(line, name="Iced LEMON Tea", name_zh="凍檸茶") for line in base.lines]
    return [
        base,
        _order(1001, DAY + 120, seq_no="12", customer=readable),
        _order(1002, DAY + 180, seq_no="#120", lines=tuple(renamed)),
    ]


QUERIES = ["", "#", "5", "58", "#58", "#12", "12", "4567", "9123", "1234567", "+852", "milk", "lemon t",
           "奶茶", "檸", "7568", "1001", "#1001", "noodles in", "zzz"]  # fmt: skip


def test_prepared_search_answers_as_the_plain_one(qapp: QApplication) -> None:
    for order in _orders():
        key = SearchKey.of(order)
        for text in QUERIES:
            assert Query(text).matches(key) == matches(order, text), (order.order_view_id, text)


def test_search_follows_an_order_changed_in_place(qapp: QApplication) -> None:
    first, *_ = _orders()
    model = BoardModel(lambda: NOW)
    proxy = BoardFilter()
    proxy.setSourceModel(model)
    proxy.set_lane(None)
    model.load([first])
    proxy.set_text("lemon")
    assert proxy.rowCount() == 0
    lemon = [dataclasses.replace(line, name="Lemon Tea") for line in first.lines]
    model.upsert(dataclasses.replace(first, lines=tuple(lemon)))
    assert proxy.rowCount() == 1
    proxy.set_text("milk")
    assert proxy.rowCount() == 0


def _totals(panel: HistoryPanel) -> Report:
    return panel.report()


def _recomputed(orders: list[Order]) -> Report:
    """The report computed afresh from the orders, as a check on the panel's kept one."""
    day = local_day(DAY)
    return report(orders, day, day, ZeekFees())


async def test_history_reads_today_from_the_cache_in_a_worker_when_first_shown(qapp: QApplication) -> None:
    earlier = _order(2001, DAY + 30, status=OrderStatus.COMPLETED)  # finished in an earlier run today
    yesterday = _order(2000, DAY - 30, status=OrderStatus.COMPLETED)
    asked: list[tuple[int, bool]] = []

    def load_day(since: int) -> list[Order]:
        asked.append((since, threading.current_thread() is threading.main_thread()))
        return [o for o in (yesterday, earlier) if o.placed_at >= since]

    board = BoardModel(lambda: NOW)
    panel = HistoryPanel(board, lambda: NOW, load_day=load_day)
    board.load(_orders()[:2])
    assert asked == [] and not panel.loaded and not panel.table.isSortingEnabled()  # nothing at open

    panel.show()
    await until(lambda: panel.loaded)
    assert asked == [(DAY, False)] and panel.table.isSortingEnabled()  # a busy day is read off the Qt thread
    assert {o.order_view_id for o in panel.day.orders()} == {2001, 756823555555859, 1001}
    assert panel.proxy.rowCount() == 3
    assert _totals(panel) == _recomputed(panel.today())
    assert _totals(panel).completed == 1
    panel.show_today()  # the same range: not read again
    assert [since for since, _ in asked] == [DAY]
    panel.close()


def test_history_follows_the_board_and_keeps_totals(qapp: QApplication, tmp_path: Path) -> None:
    board = BoardModel(lambda: NOW)
    panel = HistoryPanel(board, lambda: NOW, load_day=lambda since: [])
    first, second, third = _orders()
    board.load([first, second])
    panel.show()

    board.upsert(third)  # streamed in
    board.upsert(dataclasses.replace(second, status=OrderStatus.CANCELLED, updated_at=second.placed_at + 5))
    board.upsert(dataclasses.replace(first, status=OrderStatus.COMPLETED, updated_at=first.placed_at + 5))
    board.upsert(_order(3000, DAY - 5))  # placed yesterday: on the board, not in today's history

    today = panel.today()
    assert [o.order_view_id for o in today] == [first.order_view_id, 1001, 1002]
    assert _totals(panel) == _recomputed(today)
    assert (_totals(panel).completed, _totals(panel).cancelled) == (1, 1)
    panel.refresh_totals()  # what the report timer does after a burst of changes
    assert str(_totals(panel).orders) in panel.totals.text()

    out = tmp_path / "today.csv"
    assert panel.export_to(out) == 3
    assert (tmp_path / "today-orders.csv").exists()
    panel.close()


def test_each_tick_repaints_the_age_and_deadline_cells_on_screen_and_nothing_else(qtbot: QtBot) -> None:
    now = [NOW]
    model = BoardModel(lambda: now[0])
    proxy = BoardFilter()
    proxy.setSourceModel(model)
    proxy.set_lane(None)
    model.load(_orders())
    table = order_table(proxy)
    follow_clock(table, model)
    qtbot.addWidget(table)
    table.resize(1200, 400)
    table.show()
    qtbot.waitExposed(table)
    painted: list[QRegion] = []

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if isinstance(event, QPaintEvent):
                painted.append(event.region())
            return False

    watcher = Paints(table)
    table.viewport().installEventFilter(watcher)
    table.viewport().update()
    qtbot.waitUntil(lambda: bool(painted))  # the first full paint
    painted.clear()
    age_before = proxy.index(0, Column.AGE).data()

    now[0] += 60
    model.tick()
    qtbot.waitUntil(lambda: bool(painted))

    region = QRegion()
    for part in painted:
        region = region.united(part)
    middle_y = table.rowViewportPosition(0) + table.rowHeight(0) // 2

    def covered(column: Column) -> bool:
        return region.contains(QPoint(table.columnViewportPosition(column) + 5, middle_y))

    assert covered(Column.AGE) and covered(Column.DEADLINE)
    assert not covered(Column.SEQ) and not covered(Column.TOTAL)
    assert proxy.index(0, Column.AGE).data() != age_before  # what the repaint draws has moved on
