"""What the board keeps per order: the order (decoded when first needed), its lane, its search key,
and the few fields it sorts and filters the new-order cards by.

Pure Python (no Qt object is touched), so the worker that reads the cache at start prepares them:
decoding 10,000 orders was most of the board's start, and the board shows a dozen of them.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from posapp.domain.order import Order, OrderStatus
from posapp.ui.board_search import Named, SearchKey
from posapp.ui.lanes import Lane, lane_of, lane_of_status

T = TypeVar("T")


class StoredOrder(Protocol):
    """An order as the cache holds it (``posapp.store.orders.StoredOrder``), decoded on demand."""

    @property
    def order_view_id(self) -> int: ...
    @property
    def shop_id(self) -> int: ...
    @property
    def seq_no(self) -> str: ...
    @property
    def placed_at(self) -> int: ...
    @property
    def phone(self) -> str: ...
    @property
    def status(self) -> OrderStatus: ...
    @property
    def lines(self) -> Sequence[Named]: ...
    @property
    def refunds(self) -> Sequence[object]: ...

    def decode(self) -> Order: ...


@dataclass(frozen=True)
class BoardRows:
    """Orders row by row: each either decoded (``orders``) or still as stored (``stored``)."""

    orders: list[Order | None]
    stored: list[StoredOrder | None]
    keys: list[SearchKey]
    lanes: list[Lane]
    ids: list[int]
    placed: list[int]
    shops: list[int]

    @classmethod
    def of(cls, orders: list[Order]) -> BoardRows:
        rows = cls([], [], [], [], [], [], [])
        for order in orders:
            rows.add(order, None)
        return rows

    @classmethod
    def of_stored(cls, stored: Sequence[StoredOrder]) -> BoardRows:
        rows = cls([], [], [], [], [], [], [])
        for one in stored:
            if one.refunds:  # its lane depends on whether a refund is pending: decoded now (a few)
                rows.add(one.decode(), None)
            else:
                rows.add(None, one)
        return rows

    def add(self, order: Order | None, stored: StoredOrder | None) -> None:
        if order is not None:
            key, lane = SearchKey.of(order), lane_of(order)
            ids, placed, shop = order.order_view_id, order.placed_at, order.shop_id
        else:
            assert stored is not None
            key = SearchKey.of_parts(stored.seq_no, stored.order_view_id, stored.lines, stored.phone)
            lane = lane_of_status(stored.status)
            ids, placed, shop = stored.order_view_id, stored.placed_at, stored.shop_id
        self.orders.append(order)
        self.stored.append(stored)
        self.keys.append(key)
        self.lanes.append(lane)
        self.ids.append(ids)
        self.placed.append(placed)
        self.shops.append(shop)

    def put(self, row: int, order: Order) -> None:
        """``order`` replaces the one in ``row`` (the same orderViewId, a newer copy)."""
        self.orders[row] = order
        self.stored[row] = None
        self.keys[row] = SearchKey.of(order)
        self.lanes[row] = lane_of(order)
        self.placed[row] = order.placed_at
        self.shops[row] = order.shop_id

    def decode(self, row: int) -> Order:
        """The order in ``row``, decoded from its stored rows (once: it is kept)."""
        stored = self.stored[row]
        assert stored is not None, "a row holds its order or its stored rows"
        order = self.orders[row] = stored.decode()
        self.stored[row] = None
        return order

    def without(self, order_view_ids: Collection[int]) -> BoardRows:
        keep = [i for i, order_view_id in enumerate(self.ids) if order_view_id not in order_view_ids]

        def pick(column: list[T]) -> list[T]:
            return [column[i] for i in keep]

        return BoardRows(pick(self.orders), pick(self.stored), pick(self.keys), pick(self.lanes),
                         pick(self.ids), pick(self.placed), pick(self.shops))  # fmt: skip

    def plus(self, orders: list[Order]) -> BoardRows:
        more = BoardRows.of(orders)
        return BoardRows(self.orders + more.orders, self.stored + more.stored, self.keys + more.keys,
                         self.lanes + more.lanes, self.ids + more.ids, self.placed + more.placed,
                         self.shops + more.shops)  # fmt: skip
