"""The board's first read of the cache runs in a worker thread: the window paints at once, the open
orders arrive after, and an order the engine reported meanwhile keeps its newer copy."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import peewee
from PySide6.QtWidgets import QApplication

from posapp.domain.order import Order, OrderStatus
from posapp.keeta.order_parser import parse_order
from posapp.store import ingest
from posapp.store.orders import open_order_count, open_orders_in_worker, open_stored_orders_in_worker
from posapp.ui.board_model import ORDER_ROLE, BoardFilter, BoardModel, Lane
from posapp.ui.board_rows import BoardRows
from tests.conftest import load_fixture
from tests.ui.conftest import Env
from tests.ui.harness import open_stack, until

NOW = 1_764_072_000.0


def _order(order_view_id: int, status: OrderStatus = OrderStatus.NEW) -> Order:
    data = load_fixture("keeta/order_info_delivery.json")
    order = parse_order(data.get("orderInfo", data))
    return dataclasses.replace(order, order_view_id=order_view_id, status=status, refunds=(),
                               placed_at=int(NOW) - order_view_id)  # fmt: skip


def test_an_order_reported_while_the_cache_is_read_keeps_its_newer_copy(qapp: QApplication) -> None:
    model = BoardModel(lambda: NOW)
    model.expect_load()
    assert model.loading
    accepted = _order(1, OrderStatus.ACCEPTED)
    model.upsert(accepted)  # the engine's update, while the worker still reads
    model.load([_order(1, OrderStatus.NEW), _order(2)])  # the read saw order 1 before it was accepted
    assert not model.loading
    assert model.rowCount() == 2
    assert model.order(1) == accepted and model.order(2) is not None
    assert model.lane_counts()[Lane.IN_PROGRESS] == 1 and model.lane_counts()[Lane.NEW] == 1


def test_the_worker_reads_the_open_orders_on_its_own_connection(db: peewee.SqliteDatabase) -> None:
    ingest.upsert_order(_order(1))
    ingest.upsert_order(_order(2, OrderStatus.COMPLETED))
    read: list[list[Order]] = []
    worker = threading.Thread(target=lambda: read.append(open_orders_in_worker()))
    worker.start()
    worker.join(10)
    assert [order.order_view_id for order in read[0]] == [1]
    assert open_order_count() == 1  # what keep-awake asks every 30 s, without reading the orders
    assert not db.is_closed()  # the loop thread's connection is untouched


async def test_orders_in_the_cache_are_on_the_board_when_it_opens(env: Env, tmp_path: Path) -> None:
    async with open_stack(env.sim, env.receiver, tmp_path) as stack:
        order = await stack.new_order("pickup")
    async with open_stack(env.sim, env.receiver, tmp_path) as again:  # the same cache, a new window
        window = again.window
        await until(lambda: window.model.order(order.order_view_id) is not None)
        assert order.order_view_id in window.board.cards.cards


def test_orders_read_as_rows_are_filed_and_found_as_decoded_ones(db: peewee.SqliteDatabase) -> None:
    """The board holds the cache's rows and decodes an order when shown: lanes, search and the
    orders themselves are the same as with decoded orders."""
    readable = dataclasses.replace(_order(1).customer, phone="+85291234567")
    first = dataclasses.replace(_order(1), seq_no="#12", customer=readable)
    accepted = _order(2, OrderStatus.ACCEPTED)
    renamed = tuple(
        dataclasses.replace(line, name="Iced Lemon Tea", name_zh="凍檸茶") for line in _order(3).lines
    )
    third = dataclasses.replace(_order(3), lines=renamed)
    for order in (first, accepted, third):
        ingest.upsert_order(order)
    stored: list[list[object]] = []
    worker = threading.Thread(target=lambda: stored.append(list(open_stored_orders_in_worker())))
    worker.start()
    worker.join(10)
    plain = BoardModel(lambda: NOW)
    plain.load(open_orders_in_worker())
    lazy = BoardModel(lambda: NOW)
    lazy.load_rows(BoardRows.of_stored(stored[0]))  # type: ignore[arg-type]
    assert lazy.decoded_orders() == []  # nothing decoded until asked for
    assert lazy.lane_counts() == plain.lane_counts()
    searches = {"#12": {1}, "4567": {1}, "lemon": {3}, "檸": {3}, "zzz": set()}
    for text, wanted in searches.items():
        assert _found(plain, text) == _found(lazy, text) == wanted, text
    assert {o.order_view_id for o in lazy.orders()} == {1, 2, 3}
    assert lazy.orders() == plain.orders()


def _found(model: BoardModel, text: str) -> set[int]:
    """The orders a search for ``text`` lists, whatever their lane."""
    proxy = BoardFilter()
    proxy.setSourceModel(model)
    proxy.set_lane(None)
    proxy.set_text(text)
    return {proxy.index(row, 0).data(ORDER_ROLE).order_view_id for row in range(proxy.rowCount())}
