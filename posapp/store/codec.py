"""Domain objects ↔ cache rows: the one place that knows how an Order is laid out in the tables.

Pure functions, no database access. Lines and refund amounts use the order's (or refund's) currency
column; an option's price and a refund item's amount keep their own currency inside their JSON.

The decoders take the typed row tuples of ``rows.py`` (``OrderRow``, ``LineRow``, ``RefundRow``), which
the store fills straight from SQL: building a peewee query per event and a model instance per row
cost more than the rest.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from posapp.domain.money import Money
from posapp.domain.order import (
    Courier,
    CourierInfo,
    CourierStatus,
    Customer,
    Fulfilment,
    MoneyBreakdown,
    Order,
    OrderLine,
    OrderOption,
    OrderStatus,
)
from posapp.domain.refund import Actor, RefundItem, RefundKind, RefundRequest, RefundStatus
from posapp.store.models import OrderRecord
from posapp.store.rows import LineRow, OrderRow, RefundRow

Columns = dict[str, Any]


def _columns(model: Any, *, skip: tuple[str, ...] = ()) -> tuple[str, ...]:
    return tuple(f.column_name for f in model._meta.sorted_fields if f.column_name not in skip)


# Every orders column but the audit copy of the push, which no screen reads and which is the bulk
# of the row: reading it for thousands of orders costs time and memory for nothing.
ORDER_READ_COLUMNS: tuple[str, ...] = OrderRow._fields
ORDER_COLUMNS = _columns(OrderRecord)
LINE_COLUMNS: tuple[str, ...] = LineRow._fields
REFUND_COLUMNS: tuple[str, ...] = RefundRow._fields


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _money_json(money: Money | None) -> dict[str, Any] | None:
    return None if money is None else {"cents": money.cents, "currency": money.currency}


def _money_from_json(value: dict[str, Any] | None) -> Money | None:
    return None if value is None else Money(int(value["cents"]), str(value["currency"]))


def _cents(money: Money | None) -> int | None:
    return None if money is None else money.cents


# Decoding thousands of orders at start-up builds the same few amounts and enum members again and
# again; Money and OrderOption are frozen, so equal ones can be shared. Only for values read back
# from the cache (integers already), never for parsing platform input.
_stored_money = functools.lru_cache(maxsize=16384)(Money)
_STATUS = {s.value: s for s in OrderStatus}
_FULFILMENT = {f.value: f for f in Fulfilment}
_COURIER = {c.value: c for c in Courier}
_COURIER_STATUS = {c.value: c for c in CourierStatus}


def _money(cents: int | None, currency: str) -> Money | None:
    return None if cents is None else _stored_money(cents, currency)


def courier_columns(courier: CourierInfo) -> Columns:
    return {
        "courier_status": courier.status.value,
        "courier_name": courier.name,
        "courier_phone": courier.phone,
        "courier_updated_at": courier.updated_at,
        "courier_sub_order_id": courier.sub_order_id,
    }


def order_columns(order: Order) -> Columns:
    """Every ``orders`` column an Order determines (not ``raw_order_info`` nor ``needs_refresh``)."""
    money, customer = order.money, order.customer
    return {
        "order_view_id": order.order_view_id,
        "shop_id": order.shop_id,
        "shop_name": order.shop_name,
        "seq_no": order.seq_no,
        "status": order.status.value,
        "fulfilment": order.fulfilment.value,
        "courier_kind": order.courier_kind.value,
        **courier_columns(order.courier),
        "placed_at": order.placed_at,
        "updated_at": order.updated_at,
        "currency": money.total_paid.currency,
        "items_cents": money.items.cents,
        "delivery_fee_cents": money.delivery_fee.cents,
        "platform_fee_cents": money.platform_fee.cents,
        "discounts_cents": money.discounts.cents,
        "tip_cents": money.tip.cents,
        "total_paid_cents": money.total_paid.cents,
        "merchant_receivable_cents": _cents(money.merchant_receivable),
        "commission_cents": _cents(money.commission),
        "packaging_cents": money.packaging.cents,
        "small_order_fee_cents": money.small_order_fee.cents,
        "merchant_discount_cents": money.merchant_discount.cents,
        "platform_discount_cents": money.platform_discount.cents,
        "platform_service_fee_cents": _cents(money.platform_service_fee),
        "bank_fee_cents": _cents(money.bank_fee),
        "money_unknown": ",".join(sorted(money.unknown)),
        "customer_name": customer.name,
        "customer_phone": customer.phone,
        "customer_address": customer.address,
        "customer_latitude": customer.latitude,
        "customer_longitude": customer.longitude,
        "cutlery": order.cutlery,
        "remark": order.remark,
        "pay_type": order.pay_type,
        "delivery_eta": order.delivery_eta,
        "ready_eta": order.ready_eta,
        "ready_by": order.ready_by,
        "cancel_reason": order.cancel_reason,
        "cancelled_by": order.cancelled_by.value if order.cancelled_by is not None else "",
    }


def _option_json(option: OrderOption) -> dict[str, Any]:
    return {
        "name": option.name,
        "name_zh": option.name_zh,
        "group": option.group,
        "count": option.count,
        "price": _money_json(option.price),
    }


def _option_from_json(value: dict[str, Any]) -> OrderOption:
    price = _money_from_json(value.get("price")) or Money.zero()
    return OrderOption(
        name=value["name"],
        name_zh=value.get("name_zh", ""),
        group=value.get("group", ""),
        count=int(value.get("count", 1)),
        price=price,
    )


def line_rows(order: Order) -> list[Columns]:
    return [
        {
            "order_view_id": order.order_view_id,
            "position": position,
            "line_id": line.line_id,
            "name": line.name,
            "name_zh": line.name_zh,
            "spec": line.spec,
            "count": line.count,
            "unit_price_cents": line.unit_price.cents,
            "total_cents": line.total.cents,
            "options": _dumps([_option_json(o) for o in line.options]),
            "remark": line.remark,
            "spu_id": line.spu_id,
            "sku_id": line.sku_id,
            "item_code": line.item_code,
        }
        for position, line in enumerate(order.lines)
    ]


@functools.lru_cache(maxsize=4096)
def _options_from_text(text: str) -> tuple[OrderOption, ...]:
    return tuple(_option_from_json(o) for o in json.loads(text))


def line_from(record: LineRow, currency: str) -> OrderLine:
    # Positional arguments, in OrderLine's field order: the start-up load builds tens of thousands.
    return OrderLine(
        record.line_id,
        record.name,
        record.count,
        _stored_money(record.unit_price_cents, currency),
        _stored_money(record.total_cents, currency),
        record.name_zh,
        record.spec,
        _options_from_text(record.options),
        record.remark,
        record.spu_id,
        record.sku_id,
        record.item_code,
    )


def _item_json(item: RefundItem) -> dict[str, Any]:
    return {
        "spu_id": item.spu_id,
        "sku_id": item.sku_id,
        "count": item.count,
        "name": item.name,
        "amount": _money_json(item.amount),
        "line_id": item.line_id,
    }


def _item_from_json(value: dict[str, Any]) -> RefundItem:
    return RefundItem(
        spu_id=int(value["spu_id"]),
        sku_id=int(value["sku_id"]),
        count=int(value["count"]),
        name=value.get("name", ""),
        amount=_money_from_json(value.get("amount")),
        line_id=int(value.get("line_id", 0)),
    )


def refund_columns(refund: RefundRequest) -> Columns:
    """Every ``refunds`` column a RefundRequest determines (not ``handled_at``)."""
    return {
        "after_sale_order_id": refund.after_sale_order_id,
        "order_view_id": refund.order_view_id,
        "kind": refund.kind.value,
        "status": refund.status.value,
        "platform_status": refund.platform_status,
        "amount_cents": refund.amount.cents,
        "currency": refund.amount.currency,
        "reason": refund.reason,
        "requested_by": refund.requested_by.value,
        "handled_by": None if refund.handled_by is None else refund.handled_by.value,
        "handle_reason": refund.handle_reason,
        "pictures": _dumps(list(refund.pictures)),
        "items": _dumps([_item_json(i) for i in refund.items]),
        "is_appeal": refund.is_appeal,
        "requested_at": refund.requested_at,
        "amount_unknown": refund.amount_unknown,
    }


def refund_from(record: RefundRow) -> RefundRequest:
    return RefundRequest(
        after_sale_order_id=record.after_sale_order_id,
        order_view_id=record.order_view_id,
        kind=RefundKind(record.kind),
        status=RefundStatus(record.status),
        amount=Money(record.amount_cents, record.currency),
        requested_at=record.requested_at,
        reason=record.reason,
        requested_by=Actor(record.requested_by),
        handled_by=None if record.handled_by is None else Actor(record.handled_by),
        handle_reason=record.handle_reason,
        pictures=tuple(json.loads(record.pictures)),
        items=tuple(_item_from_json(i) for i in json.loads(record.items)),
        is_appeal=bool(record.is_appeal),
        platform_status=record.platform_status,
        amount_unknown=bool(record.amount_unknown),
    )


def _breakdown_from(r: OrderRow) -> MoneyBreakdown:
    c, money = r.currency, _stored_money
    return MoneyBreakdown(
        money(r.items_cents, c),
        money(r.delivery_fee_cents, c),
        money(r.platform_fee_cents, c),
        money(r.discounts_cents, c),
        money(r.tip_cents, c),
        money(r.total_paid_cents, c),
        _money(r.merchant_receivable_cents, c),
        _money(r.commission_cents, c),
        money(r.packaging_cents, c),
        money(r.small_order_fee_cents, c),
        money(r.merchant_discount_cents, c),
        money(r.platform_discount_cents, c),
        _money(r.platform_service_fee_cents, c),
        _money(r.bank_fee_cents, c),
        _unknown(r.money_unknown),
    )


@functools.lru_cache(maxsize=64)
def _unknown(text: str) -> frozenset[str]:
    return frozenset(text.split(",")) if text else frozenset()


@functools.lru_cache(maxsize=4096)
def _courier_info(status: str, name: str, phone: str, updated_at: int, sub_order_id: str) -> CourierInfo:
    # Most cached orders share one courier state (none yet, or the same few riders): frozen, so shared.
    return CourierInfo(_COURIER_STATUS[status], name, phone, updated_at, sub_order_id)


def order_from(r: OrderRow, lines: list[LineRow], refunds: list[RefundRow]) -> Order:
    """Rebuild the domain Order; ``lines`` must be in position order.

    Arguments are positional, in Order's field order (``tests/store`` round-trips every field): the
    board's start-up load decodes every open order, and keyword calls cost a fifth of that time.
    """
    currency = r.currency
    return Order(
        r.order_view_id,
        r.shop_id,
        r.seq_no,
        _STATUS[r.status],
        _FULFILMENT[r.fulfilment],
        _COURIER[r.courier_kind],
        tuple([line_from(line, currency) for line in lines]),
        _breakdown_from(r),
        r.placed_at,
        r.shop_name,
        Customer(
            r.customer_name, r.customer_phone, r.customer_address, r.customer_latitude, r.customer_longitude
        ),
        bool(r.cutlery),
        r.remark,
        r.pay_type,
        r.delivery_eta,
        r.ready_eta,
        _courier_info(
            r.courier_status, r.courier_name, r.courier_phone, r.courier_updated_at, r.courier_sub_order_id
        ),
        tuple([refund_from(x) for x in refunds]) if refunds else (),
        r.cancel_reason,
        r.updated_at,
        r.ready_by,
        Actor(r.cancelled_by) if r.cancelled_by else None,
    )
