"""Applying platform events and fetched orders to the cache: idempotent and monotonic.

``ingest`` stores the event and applies it in ONE transaction. A messageId already stored means the
whole call has no effect (Keeta retries pushes; the relay may replay after a reconnect). What each
kind of event does:

- ``OrderPlaced`` inserts the order, or merges it into what is cached (filling a stub), keeping the
  higher status and the newer courier details.
- ``OrderStatusChanged`` moves the status forward by ``OrderStatus.rank`` only.
- ``RefundChanged`` upserts by afterSaleOrderId; a final refund never returns to pending.
- ``CourierChanged`` takes the courier details only if newer (opTime).
- ``StoreStatusChanged`` (1102) keeps the store's status in ``store_status`` unless a newer one is there.
- ``UnknownEvent`` is stored for audit and applies nothing.

An event for an order the cache has never seen creates a stub flagged ``needs_refresh`` that holds
what the event says; the later 1001 or an order/get fills it in.

Thread contract: call only from the app's loop thread (asyncio on the Qt thread), which is the cache's
single writer. One call is one short transaction (well under a millisecond in WAL on a local disk);
bulk re-imports belong in a single-worker executor instead.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import peewee

from posapp.domain.events import (
    CourierChanged,
    EventMeta,
    KeetaEvent,
    OrderPlaced,
    OrderStatusChanged,
    RefundChanged,
    StoreStatusChanged,
    UnknownEvent,
)
from posapp.domain.order import Order, OrderStatus
from posapp.domain.refund import RefundStatus
from posapp.store import events, orders, store_controls
from posapp.store.db import database_proxy
from posapp.store.refunds import upsert_refund


@dataclass(frozen=True)
class IngestResult:
    """What one ingest (or ``upsert_order``) changed, for the engine to ring, print or refresh on."""

    duplicate: bool = False
    order_view_id: int | None = None
    # A full order is in the cache for the first time (a 1001, or the fill of a stub).
    new_order: bool = False
    stub_created: bool = False
    status_before: OrderStatus | None = None
    status_after: OrderStatus | None = None
    refund_before: RefundStatus | None = None
    refund_after: RefundStatus | None = None
    # Something in the cache changed (false for duplicates, stale or unknown events).
    applied: bool = False
    # The order is still a stub: fetch it with order/get.
    needs_refresh: bool = False
    # An 1102 push: the store's new status (3 operating, 4 suspended), already kept in store_status.
    store_status: int | None = None
    store_shop_id: int | None = None  # whose status it is (several brands on one counter)
    # The order as the cache now holds it, when this changed it or it is new (None otherwise).
    order: Order | None = None

    @property
    def status_changed(self) -> bool:
        return self.status_after is not None and self.status_before != self.status_after


def order_view_id_of(event: KeetaEvent) -> int | None:
    if isinstance(event, OrderPlaced):
        return event.order.order_view_id
    if isinstance(event, OrderStatusChanged | CourierChanged):
        return event.order_view_id
    if isinstance(event, RefundChanged):
        return event.refund.order_view_id
    return None


def ingest(event: KeetaEvent, raw: str, received_at: int) -> IngestResult:
    """Store ``event`` and apply it, atomically; see the module doc. ``raw`` is the push's text as the
    platform sent it (Keeta's ``message``), kept for audit and re-parse: with the event, and with the
    order for a 1001. The result carries the order as it now stands."""
    order_view_id = order_view_id_of(event)
    try:
        with database_proxy.atomic():
            row_id = events.record_event(event.meta, order_view_id, raw, received_at)
            result = _with_order(_apply(event, raw, received_at))
            if result.applied:
                events.mark_applied(row_id)
    except peewee.IntegrityError:
        if not events.has_message(event.meta.source_id):
            raise
        return IngestResult(duplicate=True, order_view_id=order_view_id)
    return result


def upsert_order(order: Order, raw_order_info: str | None = None) -> IngestResult:
    """Merge an order fetched with order/get, by the same monotonic rules as a 1001."""
    with database_proxy.atomic():
        return _merge(order, raw_order_info)


def _with_order(result: IngestResult) -> IngestResult:
    """The result with the order it leaves in the cache, read once here, when the event changed it."""
    if result.order is not None or result.order_view_id is None:
        return result
    if not (result.applied or result.new_order):
        return result
    return replace(result, order=orders.get_order(result.order_view_id))


def _apply(event: KeetaEvent, raw: str, received_at: int) -> IngestResult:
    if isinstance(event, OrderPlaced):
        return _merge(event.order, raw or None)
    if isinstance(event, OrderStatusChanged):
        return _apply_status(event, received_at)
    if isinstance(event, RefundChanged):
        return _apply_refund(event, received_at)
    if isinstance(event, CourierChanged):
        return _apply_courier(event, received_at)
    if isinstance(event, StoreStatusChanged):
        return _apply_store_status(event, received_at)
    if isinstance(event, UnknownEvent):
        return IngestResult()
    raise TypeError(f"not a Keeta event: {event!r}")


def _apply_store_status(event: StoreStatusChanged, received_at: int) -> IngestResult:
    at = _event_time(event.meta, received_at)
    known = store_controls.store_status(event.meta.shop_id)
    if known is not None and known[1] > at:
        return IngestResult()  # an older push arriving late: the newer word stands
    store_controls.save_store_status(event.meta.shop_id, event.to_status, at)
    return IngestResult(applied=True, store_status=event.to_status, store_shop_id=event.meta.shop_id)


def _merge(order: Order, raw_order_info: str | None) -> IngestResult:
    move = orders.merge_order(order, raw_order_info)
    return IngestResult(
        order_view_id=order.order_view_id,
        new_order=move.before is None or move.filled_stub,
        status_before=move.before,
        status_after=move.after,
        applied=move.changed,
        order=move.order,
    )


def _event_time(meta: EventMeta, received_at: int) -> int:
    return meta.pushed_at or received_at


def _apply_status(event: OrderStatusChanged, received_at: int) -> IngestResult:
    at = event.at or _event_time(event.meta, received_at)
    oid = event.order_view_id
    if orders.ensure_stub(oid, event.meta.shop_id, OrderStatus.NEW, at):
        move = orders.advance_status(oid, event.status, at, event.reason, event.by)
        return IngestResult(
            order_view_id=oid,
            stub_created=True,
            status_after=move.after,
            applied=True,
            needs_refresh=True,
        )
    move = orders.advance_status(oid, event.status, at, event.reason, event.by)
    return IngestResult(
        order_view_id=oid,
        status_before=move.before,
        status_after=move.after,
        applied=move.changed,
        needs_refresh=orders.needs_refresh(oid),
    )


def _apply_refund(event: RefundChanged, received_at: int) -> IngestResult:
    refund = event.refund
    at = _event_time(event.meta, received_at)
    created = orders.ensure_stub(refund.order_view_id, event.meta.shop_id, OrderStatus.NEW, at)
    move = upsert_refund(refund, at)
    return IngestResult(
        order_view_id=refund.order_view_id,
        stub_created=created,
        refund_before=move.before,
        refund_after=move.after,
        applied=created or move.changed,
        needs_refresh=orders.needs_refresh(refund.order_view_id),
    )


def _apply_courier(event: CourierChanged, received_at: int) -> IngestResult:
    oid = event.order_view_id
    # opTime may be finer than seconds; the stub's times come from the push instead.
    at = _event_time(event.meta, received_at)
    created = orders.ensure_stub(oid, event.meta.shop_id, OrderStatus.NEW, at)
    taken = orders.update_courier(oid, event.courier)
    return IngestResult(
        order_view_id=oid,
        stub_created=created,
        applied=created or taken,
        needs_refresh=orders.needs_refresh(oid),
    )
