"""The cache's rows as typed tuples: what the store's SQL reads, field for field, in column order.

The hot paths (every push, the board's start-up load of thousands of orders) fill these straight from
``SELECT`` results; the codec turns them into domain objects. Their fields are the models' columns
(``models.py``) in the same order, which ``tests/store/test_rows.py`` checks. SQLite hands booleans
back as 0/1, so boolean columns are typed ``int`` here and read with ``bool()``.
"""

from __future__ import annotations

from typing import NamedTuple


class OrderRow(NamedTuple):
    """An ``orders`` row without ``raw_order_info`` (the audit copy of the push no screen reads)."""

    order_view_id: int
    shop_id: int
    shop_name: str
    seq_no: str
    status: str
    fulfilment: str
    courier_kind: str
    courier_status: str
    courier_name: str
    courier_phone: str
    courier_updated_at: int
    placed_at: int
    updated_at: int
    currency: str
    items_cents: int
    delivery_fee_cents: int
    platform_fee_cents: int
    discounts_cents: int
    tip_cents: int
    total_paid_cents: int
    merchant_receivable_cents: int | None
    commission_cents: int | None
    customer_name: str
    customer_phone: str
    customer_address: str
    customer_latitude: float | None
    customer_longitude: float | None
    cutlery: int
    remark: str
    pay_type: str
    delivery_eta: int | None
    ready_eta: int | None
    ready_by: int | None
    cancel_reason: str
    needs_refresh: int
    packaging_cents: int
    small_order_fee_cents: int
    merchant_discount_cents: int
    platform_discount_cents: int
    platform_service_fee_cents: int | None
    bank_fee_cents: int | None
    money_unknown: str
    cancelled_by: str
    courier_sub_order_id: str


class LineRow(NamedTuple):
    """An ``order_lines`` row; ``id`` is None for a line just written (its id is never read)."""

    id: int | None
    order_view_id: int
    position: int
    line_id: int
    name: str
    name_zh: str
    spec: str
    count: int  # type: ignore[assignment]  # the column's name; shadows tuple.count, which is unused
    unit_price_cents: int
    total_cents: int
    options: str
    remark: str
    spu_id: int
    sku_id: int
    item_code: str


class RefundRow(NamedTuple):
    after_sale_order_id: int
    order_view_id: int
    kind: str
    status: str
    platform_status: int
    amount_cents: int
    currency: str
    reason: str
    requested_by: str
    handled_by: str | None
    handle_reason: str
    pictures: str
    items: str
    is_appeal: int
    requested_at: int
    handled_at: int | None
    amount_unknown: int
