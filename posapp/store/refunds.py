"""Refund requests in the cache, keyed by Keeta's afterSaleOrderId.

Rule: a final refund (agreed, rejected, auto-agreed, withdrawn) never goes back to pending; a late
"pending" push for it is ignored. A final status may still be replaced by another final one (an appeal
handled by customer service can overturn a rejection), and the latest push wins.

Thread contract: call only from the app's loop thread (the cache's single writer); each call is a
couple of short indexed statements. The order row must exist first (``ingest`` makes a stub if not).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import peewee

from posapp.domain.refund import RefundRequest, RefundStatus
from posapp.store.codec import refund_columns, refund_from
from posapp.store.models import RefundRecord
from posapp.store.rows import RefundRow

# The columns in RefundRow's order, so a selected tuple is a RefundRow.
_FIELDS = tuple(RefundRecord._meta.columns[name] for name in RefundRow._fields)


@dataclass(frozen=True)
class RefundMove:
    before: RefundStatus | None
    after: RefundStatus
    changed: bool


def upsert_refund(refund: RefundRequest, at: int) -> RefundMove:
    """Insert or update ``refund``; ``at`` (epoch seconds) becomes ``handled_at`` when it turns final."""
    existing = _first(RefundRecord.after_sale_order_id == refund.after_sale_order_id)
    columns = refund_columns(refund)
    if existing is None:
        columns["handled_at"] = at if refund.status.is_final else None
        RefundRecord.insert(**columns).execute()
        return RefundMove(None, refund.status, changed=True)
    before = refund_from(existing)
    if before.status.is_final and not refund.status.is_final:
        return RefundMove(before.status, before.status, changed=False)
    if before == refund:
        return RefundMove(before.status, before.status, changed=False)
    _keep_earlier_facts(columns, before)
    columns["handled_at"] = at if refund.status != before.status else existing.handled_at
    if not refund.status.is_final:
        columns["handled_at"] = None
    del columns["after_sale_order_id"]
    # An update's opTime is when it was handled, not when the customer asked: the countdown to
    # Keeta's 15-minute auto-resolve runs from the first request.
    columns["requested_at"] = min(int(existing.requested_at), refund.requested_at)
    RefundRecord.update(**columns).where(
        RefundRecord.after_sale_order_id == refund.after_sale_order_id
    ).execute()
    return RefundMove(before.status, refund.status, changed=True)


def _keep_earlier_facts(columns: dict[str, object], before: RefundRequest) -> None:
    """A later push never erases what an earlier one gave: Keeta's "agreed" push for a refund may carry
    empty ``pictures`` (the customer's photos stay), no products, no reason or an unreadable amount."""
    earlier = refund_columns(before)
    for key in ("pictures", "items"):
        if columns[key] == "[]":
            columns[key] = earlier[key]
    if before.reason and not columns["reason"]:
        columns["reason"] = before.reason
    if columns["amount_unknown"] and not before.amount_unknown:
        columns["amount_cents"], columns["currency"] = before.amount.cents, before.amount.currency
        columns["amount_unknown"] = False


def _rows(query: peewee.ModelSelect[RefundRecord]) -> list[RefundRow]:
    return [RefundRow._make(cast(tuple[Any, ...], row)) for row in query.tuples()]


def _first(where: peewee.Expression) -> RefundRow | None:
    rows = _rows(RefundRecord.select(*_FIELDS).where(where).limit(1))
    return rows[0] if rows else None


def pending_refunds() -> list[RefundRequest]:
    """Requests waiting for the merchant's answer, the one closest to auto-resolving first."""
    query = (
        RefundRecord.select(*_FIELDS)
        .where(RefundRecord.status == RefundStatus.PENDING.value)
        .order_by(RefundRecord.requested_at, RefundRecord.after_sale_order_id)
    )
    return [refund_from(r) for r in _rows(query)]
