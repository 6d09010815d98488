"""Orders in the cache: the writes ``ingest`` composes, and the queries the board needs.

Monotonic rule: an order's status only moves to a higher ``OrderStatus.rank`` (a late "accepted" never
revives a cancelled or completed order; a cancellation after completion does apply). Courier details
only move to newer ones (``CourierInfo.updated_at``, Keeta's opTime).

Thread contract: call only from the app's loop thread (the cache's single writer). Each call is a few
short indexed statements; loading many orders costs three queries per 500 orders, not one per order.
Writes here do not open transactions of their own: ``ingest``/``upsert_order`` wrap them in one.

Performance: every event passes through here on the Qt thread, so the statements are literal SQL
written once at import from the models' column lists (peewee spent milliseconds per event building
the 36-column statements), rows come back as plain tuples, and a merge rebuilds the stored order
from what it has just written instead of reading it back.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from posapp.domain.order import Courier, CourierInfo, CourierStatus, Fulfilment, Order, OrderStatus
from posapp.domain.refund import Actor
from posapp.store.codec import (
    LINE_COLUMNS,
    ORDER_COLUMNS,
    ORDER_READ_COLUMNS,
    REFUND_COLUMNS,
    courier_columns,
    line_rows,
    order_columns,
    order_from,
)
from posapp.store.db import database_proxy
from posapp.store.refunds import upsert_refund
from posapp.store.rows import LineRow, OrderRow, RefundRow

_FINAL = (OrderStatus.COMPLETED.value, OrderStatus.CANCELLED.value)
_CHUNK = 500  # ids per IN (...): far below SQLite's limit on bound variables


def _names(columns: Iterable[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


def _marks(count: int) -> str:
    return ", ".join("?" * count)


_SELECT_ORDERS = f"SELECT {_names(ORDER_READ_COLUMNS)} FROM orders"
_BY_PLACED = " ORDER BY placed_at, order_view_id"
_SELECT_ORDER = _SELECT_ORDERS + " WHERE order_view_id = ?"
_ORDER_EXISTS = "SELECT 1 FROM orders WHERE order_view_id = ?"
_INSERT_ORDER = f"INSERT INTO orders ({_names(ORDER_COLUMNS)}) VALUES ({_marks(len(ORDER_COLUMNS))})"
# An update keeps the stored push unless a new one came with the order (``raw or existing``).
_MERGED = tuple(c for c in ORDER_COLUMNS if c not in ("order_view_id", "raw_order_info", "needs_refresh"))
_UPDATE_ORDER = (
    "UPDATE orders SET "
    + ", ".join(f'"{c}" = ?' for c in _MERGED)
    + ", raw_order_info = COALESCE(NULLIF(?, ''), raw_order_info), needs_refresh = 0"
    + " WHERE order_view_id = ?"
)
_STUB_COLUMNS = ("order_view_id", "shop_id", "status", "fulfilment", "courier_kind", "placed_at",
                 "updated_at", "needs_refresh")  # fmt: skip
_INSERT_STUB = f"INSERT INTO orders ({_names(_STUB_COLUMNS)}) VALUES ({_marks(len(_STUB_COLUMNS))})"
_SELECT_STATUS = "SELECT status, updated_at FROM orders WHERE order_view_id = ?"
_SET_STATUS = "UPDATE orders SET status = ?, updated_at = ? WHERE order_view_id = ?"
_CANCELLED_COLUMNS = "status = ?, updated_at = ?, cancel_reason = ?, cancelled_by = ?"
_SET_CANCELLED = f"UPDATE orders SET {_CANCELLED_COLUMNS} WHERE order_view_id = ?"
_SELECT_COURIER = "SELECT courier_updated_at, courier_status FROM orders WHERE order_view_id = ?"
_COURIER = tuple(courier_columns(CourierInfo()))
_SET_COURIER = "UPDATE orders SET " + ", ".join(f'"{c}" = ?' for c in _COURIER) + " WHERE order_view_id = ?"
_SELECT_NEEDS_REFRESH = "SELECT needs_refresh FROM orders WHERE order_view_id = ?"
_DELETE_LINES = "DELETE FROM order_lines WHERE order_view_id = ?"
_LINE_VALUES = tuple(c for c in LINE_COLUMNS if c != "id")
_INSERT_LINE = f"INSERT INTO order_lines ({_names(_LINE_VALUES)}) VALUES ({_marks(len(_LINE_VALUES))})"
_SELECT_LINES = f"SELECT {_names(LINE_COLUMNS)} FROM order_lines WHERE order_view_id IN ({{}})"
_LINES_ORDER = " ORDER BY order_view_id, position"
_SELECT_REFUNDS = f"SELECT {_names(REFUND_COLUMNS)} FROM refunds WHERE order_view_id IN ({{}})"
_REFUNDS_ORDER = " ORDER BY requested_at, after_sale_order_id"


@dataclass(frozen=True)
class OrderMove:
    """What one write did to an order row."""

    before: OrderStatus | None
    after: OrderStatus
    changed: bool
    filled_stub: bool = False
    order: Order | None = None  # what a merge left in the cache (the merged order; None for other writes)


def _rows(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    return list(database_proxy.execute_sql(sql, params).fetchall())


def _one(sql: str, params: Sequence[Any]) -> tuple[Any, ...] | None:
    row: tuple[Any, ...] | None = database_proxy.execute_sql(sql, params).fetchone()
    return row


def _record(order_view_id: int) -> OrderRow | None:
    row = _one(_SELECT_ORDER, (order_view_id,))
    return None if row is None else OrderRow._make(row)


class _OfOrder(Protocol):
    @property
    def order_view_id(self) -> int: ...


_R = TypeVar("_R", bound=_OfOrder)


def _grouped(
    select: str, ordering: str, make: Callable[[Iterable[Any]], _R], ids: list[int]
) -> dict[int, list[_R]]:
    grouped: dict[int, list[_R]] = {i: [] for i in ids}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for row in _rows(select.format(_marks(len(chunk))) + ordering, chunk):
            record = make(row)
            grouped[record.order_view_id].append(record)
    return grouped


def _lines_of(ids: list[int]) -> dict[int, list[LineRow]]:
    return _grouped(_SELECT_LINES, _LINES_ORDER, LineRow._make, ids)


def _refunds_of(ids: list[int]) -> dict[int, list[RefundRow]]:
    """Refund rows of the given orders, each list oldest request first."""
    return _grouped(_SELECT_REFUNDS, _REFUNDS_ORDER, RefundRow._make, ids)


def _replace_lines(order: Order) -> list[LineRow]:
    """Store the order's lines in place of the cached ones; returns them as rows, as stored."""
    database_proxy.execute_sql(_DELETE_LINES, (order.order_view_id,))
    rows = line_rows(order)
    if rows:
        database_proxy.connection().executemany(_INSERT_LINE, [[r[c] for c in _LINE_VALUES] for r in rows])
    return [LineRow(id=None, **r) for r in rows]


def _higher(a: OrderStatus, b: OrderStatus) -> OrderStatus:
    return a if a.rank >= b.rank else b


def _merged_columns(order: Order, existing: OrderRow) -> dict[str, object]:
    """The incoming order's columns, keeping whatever the cache already knows to be further along."""
    columns: dict[str, object] = order_columns(order)
    kept = OrderStatus(existing.status)
    if kept.rank > order.status.rank:
        columns["status"] = kept.value
    columns["cancel_reason"] = order.cancel_reason or existing.cancel_reason
    columns["cancelled_by"] = columns["cancelled_by"] or existing.cancelled_by  # only 1004 says who
    columns["ready_by"] = order.ready_by or existing.ready_by  # the shop's promise; Keeta never sends it
    if existing.courier_updated_at > order.courier.updated_at:
        for key in courier_columns(order.courier):
            columns[key] = getattr(existing, key)
    columns["updated_at"] = max(existing.updated_at, order.updated_at)
    _keep_money_facts(columns, existing)
    return columns


# Money facts a later push may lack (merchantFee arrives late, an order/get may omit it): never erased.
_LATE_MONEY = (
    "merchant_receivable_cents",
    "commission_cents",
    "platform_service_fee_cents",
    "bank_fee_cents",
)
# Fact name (MoneyBreakdown field) → its column, for a fact that arrives unreadable after a readable one.
_FACT_COLUMNS = {
    "items": "items_cents",
    "delivery_fee": "delivery_fee_cents",
    "platform_fee": "platform_fee_cents",
    "discounts": "discounts_cents",
    "tip": "tip_cents",
    "total_paid": "total_paid_cents",
    "merchant_receivable": "merchant_receivable_cents",
    "commission": "commission_cents",
    "packaging": "packaging_cents",
    "small_order_fee": "small_order_fee_cents",
    "merchant_discount": "merchant_discount_cents",
    "platform_discount": "platform_discount_cents",
    "platform_service_fee": "platform_service_fee_cents",
    "bank_fee": "bank_fee_cents",
}


def _keep_money_facts(columns: dict[str, object], existing: OrderRow) -> None:
    """A later push never erases what an earlier one gave: a missing merchant-side amount keeps the
    cached one, and a fact that is now unreadable keeps the readable value the cache has."""
    for column in _LATE_MONEY:
        if columns[column] is None:
            columns[column] = getattr(existing, column)
    now_unknown = {f for f in str(columns["money_unknown"]).split(",") if f}
    was_unknown = {f for f in str(existing.money_unknown).split(",") if f}
    for fact in now_unknown - was_unknown:
        fact_column = _FACT_COLUMNS.get(fact)
        if fact_column is not None and not existing.needs_refresh:
            columns[fact_column] = getattr(existing, fact_column)
            now_unknown.discard(fact)
    columns["money_unknown"] = ",".join(sorted(now_unknown))


def merge_order(order: Order, raw_order_info: str | None) -> OrderMove:
    """Insert ``order`` or merge it into the cached row (filling a stub), lines and refunds included.

    The move carries the order as the cache now holds it, rebuilt from what was just written rather
    than read back.
    """
    oid = order.order_view_id
    existing = _record(oid)
    at = order.updated_at or order.placed_at
    if existing is None:
        columns = order_columns(order) | {"raw_order_info": raw_order_info, "needs_refresh": False}
        database_proxy.execute_sql(_INSERT_ORDER, [columns[c] for c in ORDER_COLUMNS])
        lines = _replace_lines(order)
        for refund in order.refunds:
            upsert_refund(refund, at)
        stored = _stored(columns, lines, _refunds_of([oid])[oid] if order.refunds else [])
        return OrderMove(None, order.status, changed=True, order=stored)
    refunds_before = _refunds_of([oid])[oid]
    before = order_from(existing, _lines_of([oid])[oid], refunds_before)
    columns = _merged_columns(order, existing)
    params = [columns[c] for c in _MERGED] + [raw_order_info, oid]
    database_proxy.execute_sql(_UPDATE_ORDER, params)
    lines_after = _replace_lines(order)
    for refund in order.refunds:
        upsert_refund(refund, at)
    refunds_after = _refunds_of([oid])[oid] if order.refunds else refunds_before
    after = _stored(columns, lines_after, refunds_after)
    stub = bool(existing.needs_refresh)
    return OrderMove(before.status, after.status, stub or after != before, filled_stub=stub, order=after)


def _stored(columns: dict[str, object], lines: list[LineRow], refunds: list[RefundRow]) -> Order:
    """The order a row with ``columns`` (just written, so no longer a stub) and these lines holds."""
    row = OrderRow._make(0 if c == "needs_refresh" else columns[c] for c in ORDER_READ_COLUMNS)
    return order_from(row, lines, refunds)


def promise_ready_by(order_view_id: int, ready_by: int) -> bool:
    """Keep the time the shop promised the food; False when the order is not in the cache."""
    cursor = database_proxy.execute_sql(
        "UPDATE orders SET ready_by = ? WHERE order_view_id = ?", (ready_by, order_view_id)
    )
    return bool(cursor.rowcount)


def ensure_stub(order_view_id: int, shop_id: int, status: OrderStatus, at: int) -> bool:
    """Create a placeholder for an order known only from a later event; True if one was created.

    Fulfilment and courier are unknown until order/get or the 1001 fills it; the placeholder says
    delivery/none and is flagged ``needs_refresh`` so nobody trusts those fields.
    """
    if _one(_ORDER_EXISTS, (order_view_id,)) is not None:
        return False
    values = (order_view_id, shop_id, status.value, "delivery", "none", at, at, True)
    database_proxy.execute_sql(_INSERT_STUB, values)
    return True


def advance_status(
    order_view_id: int, status: OrderStatus, at: int, reason: str = "", by: Actor | None = None
) -> OrderMove:
    """Move the order to ``status`` if that is forward by rank; otherwise leave it as it is."""
    row = _one(_SELECT_STATUS, (order_view_id,))
    if row is None:
        raise LookupError(f"order {order_view_id} is not in the cache")
    before, updated_at = OrderStatus(row[0]), row[1]
    if status.rank <= before.rank:
        return OrderMove(before, before, changed=False)
    stamp = max(updated_at, at)
    if status is OrderStatus.CANCELLED and (reason or by is not None):
        who = by.value if by is not None else ""
        database_proxy.execute_sql(_SET_CANCELLED, (status.value, stamp, reason, who, order_view_id))
    else:
        database_proxy.execute_sql(_SET_STATUS, (status.value, stamp, order_view_id))
    return OrderMove(before, status, changed=True)


def update_courier(order_view_id: int, courier: CourierInfo) -> bool:
    """Take ``courier`` if it is newer than what the cache holds; True if it was taken."""
    row = _one(_SELECT_COURIER, (order_view_id,))
    if row is None:
        raise LookupError(f"order {order_view_id} is not in the cache")
    known_at, known_status = row
    nothing_known = known_at == 0 and known_status == CourierStatus.UNKNOWN.value
    if courier.updated_at <= known_at and not nothing_known:
        return False
    columns = courier_columns(courier)
    database_proxy.execute_sql(_SET_COURIER, [*(columns[c] for c in _COURIER), order_view_id])
    return True


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Decoding thousands of orders allocates a few hundred thousand objects, each allocation burst
    triggering the cyclic collector, which rescans everything alive: a quarter of the board's start-up
    load. Orders are trees of frozen dataclasses and tuples (no cycles), so nothing is missed."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True, slots=True)
class StoredOrder:
    """An order's rows as the cache holds them, not decoded yet: the board keeps thousands of these
    and decodes one when it is shown (decoding is most of reading 10,000 orders)."""

    row: OrderRow
    lines: list[LineRow]
    refunds: list[RefundRow]

    def decode(self) -> Order:
        return order_from(self.row, self.lines, self.refunds)

    # What the board files and finds an order by, read from the rows without decoding them.
    @property
    def order_view_id(self) -> int:
        return self.row.order_view_id

    @property
    def shop_id(self) -> int:
        return self.row.shop_id

    @property
    def seq_no(self) -> str:
        return self.row.seq_no

    @property
    def placed_at(self) -> int:
        return self.row.placed_at

    @property
    def phone(self) -> str:
        return self.row.customer_phone

    @property
    def status(self) -> OrderStatus:
        return OrderStatus(self.row.status)


def stored_orders(records: Iterable[OrderRow]) -> list[StoredOrder]:
    """``records`` with their lines and refunds, in order."""
    records = list(records)
    ids = [r.order_view_id for r in records]
    lines = _lines_of(ids)
    refunds = _refunds_of(ids)
    return [StoredOrder(r, lines[r.order_view_id], refunds[r.order_view_id]) for r in records]


def load_orders(records: Iterable[OrderRow]) -> list[Order]:
    """Domain orders for ``records``, with lines and refunds, in order."""
    with _collector_paused():
        return [stored.decode() for stored in stored_orders(records)]


def _orders_where(where: str, params: Sequence[Any]) -> list[Order]:
    return load_orders(OrderRow._make(row) for row in _rows(_SELECT_ORDERS + where + _BY_PLACED, params))


def get_order(order_view_id: int) -> Order | None:
    """The order with its lines and refunds, or None if the cache has never heard of it."""
    record = _record(order_view_id)
    return None if record is None else load_orders([record])[0]


def needs_refresh(order_view_id: int) -> bool:
    row = _one(_SELECT_NEEDS_REFRESH, (order_view_id,))
    return row is not None and bool(row[0])


def orders_by_status(*statuses: OrderStatus) -> list[Order]:
    """Orders in any of ``statuses``, oldest placed first."""
    values = [s.value for s in statuses]
    return _orders_where(f" WHERE status IN ({_marks(len(values))})", values)


def open_orders() -> list[Order]:
    """Orders the counter still has to act on (neither completed nor cancelled), oldest first."""
    return _orders_where(f" WHERE status NOT IN ({_marks(len(_FINAL))})", _FINAL)


def new_orders_since(since: int) -> list[Order]:
    """Orders still new (not accepted) placed at or after ``since``, oldest first: the few inside Keeta's
    five minutes, found by the placed_at index without reading the rest."""
    return _orders_where(" WHERE placed_at >= ? AND status = ?", (since, OrderStatus.NEW.value))


def open_order_count() -> int:
    """How many orders are open, without reading them (keep-awake asks every 30 s)."""
    row = _one(f"SELECT COUNT(*) FROM orders WHERE status NOT IN ({_marks(len(_FINAL))})", _FINAL)
    return int(row[0]) if row is not None else 0


def open_self_delivery_orders_in_worker() -> list[Order]:
    """The open orders the shop delivers itself (Keeta's deliveryMode 9001), oldest first; for a worker
    thread, like :func:`open_orders_in_worker`."""
    where = f" WHERE status NOT IN ({_marks(len(_FINAL))}) AND fulfilment = ? AND courier_kind = ?"
    try:
        return _orders_where(where, (*_FINAL, Fulfilment.DELIVERY.value, Courier.MERCHANT.value))
    finally:
        database_proxy.close()


def open_orders_in_worker() -> list[Order]:
    """:func:`open_orders` for a worker thread (reading thousands of orders takes the Qt thread a second):
    the read goes through the thread's own connection (WAL: the loop thread keeps writing meanwhile),
    closed afterwards so no connection outlives the read."""
    try:
        return open_orders()
    finally:
        database_proxy.close()  # this thread's connection only: peewee keeps one per thread


def open_stored_orders_in_worker() -> list[StoredOrder]:
    """The open orders' rows, oldest first, not decoded (the board decodes what it shows); for a
    worker thread, like :func:`open_orders_in_worker`."""
    try:
        where = f" WHERE status NOT IN ({_marks(len(_FINAL))})"
        return stored_orders(
            OrderRow._make(row) for row in _rows(_SELECT_ORDERS + where + _BY_PLACED, _FINAL)
        )
    finally:
        database_proxy.close()


def orders_between(start: int, end: int) -> list[Order]:
    """Every order placed in [start, end) (epoch seconds), whatever its status, oldest first: the
    history and the money report of any date range (the placed_at index serves it)."""
    return _orders_where(" WHERE placed_at >= ? AND placed_at < ?", (start, end))


def orders_since(since: int) -> list[Order]:
    """Every order placed at or after ``since`` (epoch seconds), whatever its status, oldest first:
    today's history and day report, including what was completed before the app was started."""
    return _orders_where(" WHERE placed_at >= ?", (since,))
