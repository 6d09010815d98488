"""The cache's tables, every one of them, as peewee models bound to ``database_proxy``.

One style for the whole cache: a table is a ``…Record`` model here; the store's modules query it
through the model, or, on the hot paths (every push, the board's start-up load), through literal SQL
that reads into the typed tuples of ``rows.py`` (``…Row``). The tables themselves are created by the
numbered migrations (``migrations/m00NN_*.py``, literal SQL: a migration is history and must not
change when a model does); ``tests/store/test_migrations.py`` checks every model here against the
migrated schema, so a column added here without a migration is caught. Enum-valued columns hold the
domain enum's ``value``; JSON columns hold compact JSON text.
"""

from __future__ import annotations

import peewee

from posapp.domain.delivery import DeliveryStatus
from posapp.domain.print_job import JobState
from posapp.store.db import database_proxy


class BaseModel(peewee.Model):
    class Meta:
        database = database_proxy


# The shapes several tables share: a base below carries them, so each table lists only its own columns.
class Stamped(BaseModel):
    """A row the app writes and rewrites: when it was made and last changed (epoch seconds)."""

    created_at = peewee.IntegerField()
    updated_at = peewee.IntegerField()


class PerShop(BaseModel):
    """One row per Keeta shop (brand) on this counter."""

    shop_id = peewee.BigIntegerField(primary_key=True)


class PerMenuItem(BaseModel):
    """One row per item of a shop's menu: Keeta's spu id within the shop."""

    shop_id = peewee.BigIntegerField()
    spu_id = peewee.BigIntegerField()

    class Meta:
        primary_key = peewee.CompositeKey("shop_id", "spu_id")


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


# Zeek bookings (m0002): the booking, the courier's track, each callback as received.
class BookingRecord(Stamped):
    id = peewee.AutoField()
    client_order_id = peewee.TextField(unique=True)
    client_merchant_id = peewee.TextField(default="")
    pickup_code = peewee.TextField()
    order_id = peewee.TextField(null=True, unique=True)
    keeta_order_view_id = peewee.IntegerField(null=True)
    status = peewee.TextField(default=DeliveryStatus.CREATED.value)
    status_code = peewee.IntegerField(default=0)
    status_at = peewee.IntegerField(default=0)
    cancel_code = peewee.TextField(default="")
    cancel_reason = peewee.TextField(default="")
    cancel_by = peewee.TextField(default="")
    cancel_at = peewee.IntegerField(default=0)
    partner_name = peewee.TextField(default="")
    partner_phone = peewee.TextField(default="")
    partner_location = peewee.TextField(default="")
    partner_vehicle = peewee.TextField(default="")
    predictions = peewee.TextField(default="{}")
    requested_pickup_time = peewee.IntegerField(null=True)
    requested_delivery_time = peewee.IntegerField(null=True)
    order_url = peewee.TextField(default="")
    direct_distance_m = peewee.IntegerField(null=True)
    travel_distance_m = peewee.IntegerField(null=True)
    total_cents = peewee.IntegerField(default=0)
    request_json = peewee.TextField(default="{}")

    class Meta:
        table_name = "zeek_bookings"


class PositionRecord(BaseModel):
    id = peewee.AutoField()
    order_id = peewee.TextField()
    latitude = peewee.FloatField()
    longitude = peewee.FloatField()
    at = peewee.IntegerField()

    class Meta:
        table_name = "zeek_positions"


class CallbackEventRecord(BaseModel):
    id = peewee.AutoField()
    dedup_key = peewee.TextField(unique=True)
    order_id = peewee.TextField()
    status_code = peewee.IntegerField()
    event_at = peewee.IntegerField()
    received_at = peewee.IntegerField()
    raw_json = peewee.TextField(column_name="raw")
    applied = peewee.BooleanField(default=False)

    class Meta:
        table_name = "zeek_callback_events"


# Relay streams (m0005, m0008): where each stream is, and the events the app could not read.
class SyncCursorRecord(BaseModel):
    stream = peewee.TextField(primary_key=True)
    cursor = peewee.IntegerField()
    updated_at = peewee.IntegerField()

    class Meta:
        table_name = "sync_cursor"


class UnparsedEventRecord(BaseModel):
    id = peewee.AutoField()
    stream = peewee.TextField()
    cursor = peewee.IntegerField()
    kind = peewee.TextField()
    body = peewee.BlobField()
    error = peewee.TextField()
    received_at = peewee.IntegerField()
    order_ref = peewee.TextField(null=True)
    acknowledged_at = peewee.IntegerField(null=True)

    class Meta:
        table_name = "sync_unparsed"


# The outbox (m0004, m0009): every cashier action, written before it is sent.
class OutboxActionRecord(Stamped):
    id = peewee.AutoField()
    idempotency_key = peewee.TextField(unique=True)
    platform = peewee.TextField()
    action = peewee.TextField()
    order_ref = peewee.TextField(default="")
    payload = peewee.TextField(default="{}")
    state = peewee.TextField()  # an ActionState value (store/outbox.py)
    attempts = peewee.IntegerField(default=0)
    next_attempt_at = peewee.FloatField(default=0)
    last_error = peewee.TextField(default="")
    error_code = peewee.IntegerField(null=True)
    result = peewee.TextField(default="")
    needs_check = peewee.IntegerField(default=0)
    platform_view = peewee.TextField(default="")
    checks = peewee.IntegerField(default=0)

    class Meta:
        table_name = "outbox_action"


# The print queue (m0003).
class PrintJobRecord(Stamped):
    id = peewee.AutoField()
    order_view_id = peewee.BigIntegerField(null=True)
    kind = peewee.TextField()
    printer = peewee.TextField()
    ticket = peewee.TextField()
    reprint_no = peewee.IntegerField(default=0)
    state = peewee.TextField(default=JobState.QUEUED.value)
    attempts = peewee.IntegerField(default=0)
    printed_on = peewee.TextField(default="")
    last_error = peewee.TextField(default="")

    class Meta:
        table_name = "print_job"


# Busy mode and sold-out items (migrations/m0012_store_controls.py).
class StoreStatusRecord(PerShop):
    status = peewee.IntegerField()
    changed_at = peewee.IntegerField()

    class Meta:
        table_name = "store_status"


class StorePauseRecord(PerShop):
    started_at = peewee.IntegerField()
    until = peewee.IntegerField(null=True)
    reminded_at = peewee.IntegerField(null=True)

    class Meta:
        table_name = "store_pause"


class MenuItemRecord(PerMenuItem):
    name = peewee.TextField(default="")
    name_zh = peewee.TextField(default="")
    code = peewee.TextField(default="")
    category = peewee.TextField(default="")
    from_menu = peewee.IntegerField(default=0)
    seen_at = peewee.IntegerField()

    class Meta:
        table_name = "menu_item"


class SoldOutRecord(PerMenuItem):
    marked_at = peewee.IntegerField()

    class Meta:
        table_name = "sold_out"


MODELS: tuple[type[BaseModel], ...] = (
    OrderRecord,
    OrderLineRecord,
    EventRecord,
    RefundRecord,
    BookingRecord,
    PositionRecord,
    CallbackEventRecord,
    SyncCursorRecord,
    UnparsedEventRecord,
    OutboxActionRecord,
    PrintJobRecord,
    StoreStatusRecord,
    StorePauseRecord,
    MenuItemRecord,
    SoldOutRecord,
)
