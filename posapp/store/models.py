"""peewee models of the v1 cache tables, bound to ``database_proxy``.

The tables themselves are created by ``migrations/m0001_initial.py`` (literal SQL); these classes only
describe them for queries, so a column added here without a migration is a bug the store tests catch.
Enum-valued columns hold the domain enum's ``value``; JSON columns hold compact JSON text.
"""

from __future__ import annotations

import peewee

from posapp.store.db import database_proxy


class BaseModel(peewee.Model):
    class Meta:
        database = database_proxy


class OrderRecord(BaseModel):
    order_view_id = peewee.BigIntegerField(primary_key=True)
    shop_id = peewee.BigIntegerField()
    shop_name = peewee.TextField(default="")
    seq_no = peewee.TextField(default="")
    status = peewee.TextField()
    fulfilment = peewee.TextField()
    courier_kind = peewee.TextField()
    courier_status = peewee.TextField(default="unknown")
    courier_name = peewee.TextField(default="")
    courier_phone = peewee.TextField(default="")
    courier_updated_at = peewee.BigIntegerField(default=0)
    placed_at = peewee.BigIntegerField()
    updated_at = peewee.BigIntegerField(default=0)
    currency = peewee.TextField(default="HKD")
    items_cents = peewee.BigIntegerField(default=0)
    delivery_fee_cents = peewee.BigIntegerField(default=0)
    platform_fee_cents = peewee.BigIntegerField(default=0)
    discounts_cents = peewee.BigIntegerField(default=0)
    tip_cents = peewee.BigIntegerField(default=0)
    total_paid_cents = peewee.BigIntegerField(default=0)
    merchant_receivable_cents = peewee.BigIntegerField(null=True)
    commission_cents = peewee.BigIntegerField(null=True)
    customer_name = peewee.TextField(default="")
    customer_phone = peewee.TextField(default="")
    customer_address = peewee.TextField(default="")
    customer_latitude = peewee.DoubleField(null=True)
    customer_longitude = peewee.DoubleField(null=True)
    cutlery = peewee.BooleanField(default=False)
    remark = peewee.TextField(default="")
    pay_type = peewee.TextField(default="")
    delivery_eta = peewee.BigIntegerField(null=True)
    ready_eta = peewee.BigIntegerField(null=True)
    ready_by = peewee.BigIntegerField(null=True)
    cancel_reason = peewee.TextField(default="")
    raw_order_info = peewee.TextField(null=True)
    # A stub made from an event that arrived before its order; order/get or the 1001 fills it.
    needs_refresh = peewee.BooleanField(default=False)
    # v7: the rest of the money facts (issue 13.7); money_unknown lists facts that arrived unreadable.
    packaging_cents = peewee.BigIntegerField(default=0)
    small_order_fee_cents = peewee.BigIntegerField(default=0)
    merchant_discount_cents = peewee.BigIntegerField(default=0)
    platform_discount_cents = peewee.BigIntegerField(default=0)
    platform_service_fee_cents = peewee.BigIntegerField(null=True)
    bank_fee_cents = peewee.BigIntegerField(null=True)
    money_unknown = peewee.TextField(default="")
    # v11: who cancelled (an Actor value, "" unknown) and the sub-order of the last courier update.
    cancelled_by = peewee.TextField(default="")
    courier_sub_order_id = peewee.TextField(default="")

    class Meta:
        table_name = "orders"


class OrderLineRecord(BaseModel):
    id = peewee.AutoField()
    order_view_id = peewee.BigIntegerField()
    position = peewee.IntegerField()
    line_id = peewee.BigIntegerField()
    name = peewee.TextField()
    name_zh = peewee.TextField(default="")
    spec = peewee.TextField(default="")
    count = peewee.IntegerField()
    unit_price_cents = peewee.BigIntegerField()
    total_cents = peewee.BigIntegerField()
    options = peewee.TextField(default="[]")
    remark = peewee.TextField(default="")
    spu_id = peewee.BigIntegerField(default=0)
    sku_id = peewee.BigIntegerField(default=0)
    item_code = peewee.TextField(default="")

    class Meta:
        table_name = "order_lines"


class EventRecord(BaseModel):
    # The local, monotonically increasing id doubles as a cursor for "events since".
    id = peewee.AutoField()
    message_id = peewee.TextField(unique=True)
    event_id = peewee.IntegerField()
    shop_id = peewee.BigIntegerField()
    order_view_id = peewee.BigIntegerField(null=True)
    payload = peewee.TextField()  # the push exactly as received (not `raw`: Model.raw exists)
    received_at = peewee.BigIntegerField()
    pushed_at = peewee.BigIntegerField(default=0)
    applied = peewee.BooleanField(default=False)

    class Meta:
        table_name = "events"


class RefundRecord(BaseModel):
    after_sale_order_id = peewee.BigIntegerField(primary_key=True)
    order_view_id = peewee.BigIntegerField()
    kind = peewee.TextField()
    status = peewee.TextField()
    platform_status = peewee.IntegerField(default=0)
    amount_cents = peewee.BigIntegerField()
    currency = peewee.TextField(default="HKD")
    reason = peewee.TextField(default="")
    requested_by = peewee.TextField(default="customer")
    handled_by = peewee.TextField(null=True)
    handle_reason = peewee.TextField(default="")
    pictures = peewee.TextField(default="[]")
    items = peewee.TextField(default="[]")
    is_appeal = peewee.BooleanField(default=False)
    requested_at = peewee.BigIntegerField()
    handled_at = peewee.BigIntegerField(null=True)
    amount_unknown = peewee.BooleanField(default=False)

    class Meta:
        table_name = "refunds"


MODELS: tuple[type[BaseModel], ...] = (OrderRecord, OrderLineRecord, EventRecord, RefundRecord)
