"""Orders in the cache: the writes ``ingest`` composes, and the queries the board needs.

Monotonic rule: an order's status only moves to a higher ``OrderStatus.rank`` (a late "accepted" never
revives a cancelled or completed order; a cancellation after completion does apply). Courier details
only move to newer ones (``CourierInfo.updated_at``, Keeta's opTime).

Thread contract: call only from the app's loop thread (the cache's single writer). Each call is a few
short indexed statements; loading many orders costs three queries, not one per order. Writes here do
not open transactions of their own: ``ingest``/``upsert_order`` wrap them in one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from posapp.domain.order import CourierInfo, CourierStatus, Order, OrderStatus
from posapp.store.codec import courier_columns, line_rows, order_columns, order_from
from posapp.store.models import OrderLineRecord, OrderRecord
from posapp.store.refunds import refunds_of, upsert_refund

_FINAL = [OrderStatus.COMPLETED.value, OrderStatus.CANCELLED.value]


@dataclass(frozen=True)
class OrderMove:
    """What one write did to an order row."""

    before: OrderStatus | None
    after: OrderStatus
    changed: bool
    filled_stub: bool = False


def _record(order_view_id: int) -> OrderRecord | None:
    return OrderRecord.get_or_none(OrderRecord.order_view_id == order_view_id)


def _replace_lines(order: Order) -> None:
    OrderLineRecord.delete().where(OrderLineRecord.order_view_id == order.order_view_id).execute()
    rows = line_rows(order)
    if rows:
        OrderLineRecord.insert_many(rows).execute()


def _higher(a: OrderStatus, b: OrderStatus) -> OrderStatus:
    return a if a.rank >= b.rank else b


def _merged_columns(order: Order, existing: OrderRecord) -> dict[str, object]:
    """The incoming order's columns, keeping whatever the cache already knows to be further along."""
    columns: dict[str, object] = order_columns(order)
    kept = OrderStatus(existing.status)
    if kept.rank > order.status.rank:
        columns["status"] = kept.value
    columns["cancel_reason"] = order.cancel_reason or existing.cancel_reason
    if existing.courier_updated_at > order.courier.updated_at:
        for key in courier_columns(order.courier):
            columns[key] = getattr(existing, key)
    columns["updated_at"] = max(existing.updated_at, order.updated_at)
    return columns


def merge_order(order: Order, raw_order_info: str | None) -> OrderMove:
    """Insert ``order`` or merge it into the cached row (filling a stub), lines and refunds included."""
    existing = _record(order.order_view_id)
    at = order.updated_at or order.placed_at
    if existing is None:
        OrderRecord.insert(
            **order_columns(order), raw_order_info=raw_order_info, needs_refresh=False
        ).execute()
        _replace_lines(order)
        for refund in order.refunds:
            upsert_refund(refund, at)
        return OrderMove(None, order.status, changed=True)
    before = load_orders([existing])[0]
    columns = _merged_columns(order, existing)
    columns["raw_order_info"] = raw_order_info or existing.raw_order_info
    columns["needs_refresh"] = False
    del columns["order_view_id"]
    OrderRecord.update(**columns).where(OrderRecord.order_view_id == order.order_view_id).execute()
    _replace_lines(order)
    for refund in order.refunds:
        upsert_refund(refund, at)
    after = get_order(order.order_view_id)
    assert after is not None  # written just above, in the caller's transaction
    changed = existing.needs_refresh or after != before
    return OrderMove(before.status, after.status, changed, filled_stub=existing.needs_refresh)


def ensure_stub(order_view_id: int, shop_id: int, status: OrderStatus, at: int) -> bool:
    """Create a placeholder for an order known only from a later event; True if one was created.

    Fulfilment and courier are unknown until order/get or the 1001 fills it; the placeholder says
    delivery/none and is flagged ``needs_refresh`` so nobody trusts those fields.
    """
    if _record(order_view_id) is not None:
        return False
    OrderRecord.insert(
        order_view_id=order_view_id,
        shop_id=shop_id,
        status=status.value,
        fulfilment="delivery",
        courier_kind="none",
        placed_at=at,
        updated_at=at,
        needs_refresh=True,
    ).execute()
    return True


def advance_status(order_view_id: int, status: OrderStatus, at: int, reason: str = "") -> OrderMove:
    """Move the order to ``status`` if that is forward by rank; otherwise leave it as it is."""
    record = _record(order_view_id)
    if record is None:
        raise LookupError(f"order {order_view_id} is not in the cache")
    before = OrderStatus(record.status)
    if status.rank <= before.rank:
        return OrderMove(before, before, changed=False)
    columns: dict[str, object] = {"status": status.value, "updated_at": max(record.updated_at, at)}
    if status is OrderStatus.CANCELLED and reason:
        columns["cancel_reason"] = reason
    OrderRecord.update(**columns).where(OrderRecord.order_view_id == order_view_id).execute()
    return OrderMove(before, status, changed=True)


def update_courier(order_view_id: int, courier: CourierInfo) -> bool:
    """Take ``courier`` if it is newer than what the cache holds; True if it was taken."""
    record = _record(order_view_id)
    if record is None:
        raise LookupError(f"order {order_view_id} is not in the cache")
    nothing_known = record.courier_updated_at == 0 and record.courier_status == CourierStatus.UNKNOWN.value
    if courier.updated_at <= record.courier_updated_at and not nothing_known:
        return False
    OrderRecord.update(**courier_columns(courier)).where(OrderRecord.order_view_id == order_view_id).execute()
    return True


def load_orders(records: Iterable[OrderRecord]) -> list[Order]:
    """Domain orders for ``records``, with lines and refunds, in the same order."""
    records = list(records)
    ids = [r.order_view_id for r in records]
    lines: dict[int, list[OrderLineRecord]] = {i: [] for i in ids}
    if ids:
        query = (
            OrderLineRecord.select()
            .where(OrderLineRecord.order_view_id.in_(ids))
            .order_by(OrderLineRecord.order_view_id, OrderLineRecord.position)
        )
        for line in query:
            lines[line.order_view_id].append(line)
    refunds = refunds_of(ids)
    return [order_from(r, lines[r.order_view_id], refunds[r.order_view_id]) for r in records]


def get_order(order_view_id: int) -> Order | None:
    """The order with its lines and refunds, or None if the cache has never heard of it."""
    record = _record(order_view_id)
    return None if record is None else load_orders([record])[0]


def needs_refresh(order_view_id: int) -> bool:
    record = _record(order_view_id)
    return record is not None and record.needs_refresh


def orders_needing_refresh() -> list[int]:
    """Stubs to fetch with order/get, oldest first."""
    query = (
        OrderRecord.select(OrderRecord.order_view_id)
        .where(OrderRecord.needs_refresh == True)  # noqa: E712 (peewee builds SQL from ==)
        .order_by(OrderRecord.placed_at)
    )
    return [r.order_view_id for r in query]


def orders_by_status(*statuses: OrderStatus) -> list[Order]:
    """Orders in any of ``statuses``, oldest placed first."""
    query = (
        OrderRecord.select()
        .where(OrderRecord.status.in_([s.value for s in statuses]))
        .order_by(OrderRecord.placed_at, OrderRecord.order_view_id)
    )
    return load_orders(query)


def open_orders() -> list[Order]:
    """Orders the counter still has to act on (neither completed nor cancelled), oldest first."""
    query = (
        OrderRecord.select()
        .where(OrderRecord.status.not_in(_FINAL))
        .order_by(OrderRecord.placed_at, OrderRecord.order_view_id)
    )
    return load_orders(query)
