"""Keeta ``orderInfo`` JSON (keeta.md §4) and refund bodies (§7.1) → posapp domain objects.

Strict on what an order cannot exist without (``orderViewId``, ``shopId``, ``products``), lenient on
everything else; see :mod:`posapp.keeta.payload` for the rules.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from posapp.domain.bounds import REMARK_LIMIT, as_cents, as_count, as_finite
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
from posapp.keeta import codes
from posapp.keeta.payload import KeetaPayloadError, Obj

log = logging.getLogger(__name__)

DEFAULT_CURRENCY = "HKD"
# nameI18n keys tried for the Chinese name, Hong Kong first (keeta.md §11.9: HK keys unconfirmed).
_ZH_KEYS = ("zh-HK", "zh_HK", "zh-TW", "zh_TW", "zh", "zh-CN", "default")
# Keeta documents two levels of options; deeper nesting is not a menu a counter could make.
_OPTION_DEPTH = 4


def parse_order(data: Any, path: str = "") -> Order:
    """An ``orderInfo`` object (without its wrapper) as an :class:`Order`."""
    root = Obj(data, path)
    base = root.opt_obj("baseOrder")
    merchant = root.opt_obj("merchantOrder")
    order_view_id = _order_view_id(base, merchant)
    if not merchant.has("shopId"):
        raise KeetaPayloadError(merchant.where("shopId"), "missing")
    currency = _currency(root)
    fulfilment = Fulfilment.PICKUP if merchant.opt_str("userGetMode") == "pickup" else Fulfilment.DELIVERY
    delivery = next(root.objects("merchantOrderDeliveries"), Obj({}, root.where("merchantOrderDeliveries")))
    lines = tuple(_line(item, currency) for item in _products(root))
    return Order(
        order_view_id=order_view_id,
        shop_id=merchant.req_id("shopId"),
        seq_no=merchant.opt_str("seqNoStr"),
        status=_status(merchant),
        fulfilment=fulfilment,
        courier_kind=_courier_kind(fulfilment, delivery),
        lines=lines,
        money=_money(root.opt_obj("feeDtl"), lines, currency),
        placed_at=_time(base, "ctime") or _time(merchant, "ctime") or 0,
        shop_name=merchant.opt_str("shopName"),
        customer=_customer(root.opt_obj("recipientInfo")),
        cutlery=base.opt_int("chooseTableware") == 1,
        remark=base.opt_str("remark", limit=REMARK_LIMIT),
        pay_type=base.opt_str("payTypeDesc") or base.opt_str("payType"),
        delivery_eta=_time(base, "deliveryTime"),
        ready_eta=_time(base, "estimatedDiningReadyUrgeTime"),
        courier=_courier(delivery) if fulfilment is Fulfilment.DELIVERY else CourierInfo(),
        refunds=_refund_infos(root, order_view_id, currency),
        updated_at=_time(base, "ctime") or 0,
    )


def _order_view_id(base: Obj, merchant: Obj) -> int:
    for block, key in ((base, "orderViewId"), (base, "orderViewIdStr"), (merchant, "orderViewId")):
        if block.has(key):
            return block.req_id(key)
    raise KeetaPayloadError(base.where("orderViewId"), "missing")


def _products(root: Obj) -> list[Obj]:
    """Top-level products, or for a split big order those of its sub-orders (keeta.md §4.6)."""
    products = list(root.objects("products")) if root.has("products") else []
    if not products:
        for sub in root.objects("subOrderInfoList"):
            products.extend(sub.objects("products"))
    if products:
        return products
    if not root.has("products"):
        raise KeetaPayloadError(root.where("products"), "missing")
    raise KeetaPayloadError(root.where("products"), "no products in the order or its sub-orders")


def _status(merchant: Obj) -> OrderStatus:
    code = merchant.opt_int("status", 10)
    status = codes.ORDER_STATUS.get(code)
    if status is None:
        # The lowest rank is the safe reading: later events can still move the order on.
        log.warning("keeta order status %s is unknown; treating the order as new", code)
        return OrderStatus.NEW
    return status


def _courier_kind(fulfilment: Fulfilment, delivery: Obj) -> Courier:
    if fulfilment is Fulfilment.PICKUP:
        return Courier.NONE
    mode = delivery.opt_str("deliveryMode")
    if mode and mode not in codes.DELIVERY_MODE:
        log.warning("keeta deliveryMode %r is unknown; assuming a Keeta courier", mode)
    return codes.DELIVERY_MODE.get(mode, Courier.KEETA)


def _courier(delivery: Obj) -> CourierInfo:
    code = delivery.opt_int("deliveryStatus", -1)
    return CourierInfo(
        status=codes.LOGISTICS_STATUS.get(code, CourierStatus.UNKNOWN),
        name=delivery.opt_str("courierName"),
        phone=delivery.opt_str("courierPhone") or delivery.opt_str("courierPrivacyPhone"),
        updated_at=_time(delivery, "deliveryStatusTime") or 0,
    )


def _time(block: Obj, key: str) -> int | None:
    return block.opt_time(key)


def _count(item: Obj) -> int:
    """A line's quantity; a count no counter could hold reads as 1 (the line is kept, its count logged)."""
    value = item.data.get("count")
    count = 1 if value is None else as_count(value)
    if count is None:
        log.warning("keeta payload: %s is not a quantity, read as 1", item.where("count"))
        return 1
    return count


def _cents_sum(parts: list[int]) -> int:
    """A computed amount, kept inside what an amount can be (0 when the parts overflow 64 bits)."""
    return as_cents(sum(parts)) or 0


def _currency(root: Obj) -> str:
    fee = root.opt_obj("feeDtl").opt_obj("customerFee").opt_obj("i18n").opt_str("currency", limit=8)
    if fee:
        return fee
    first = next(root.objects("products"), None)
    return (first.opt_str("currency", limit=8) if first else "") or DEFAULT_CURRENCY


def _zh(names: Obj) -> str:
    return next((names.opt_str(key) for key in _ZH_KEYS if names.opt_str(key)), "")


def _line(item: Obj, currency: str) -> OrderLine:
    names = item.opt_obj("nameI18n")
    count = _count(item)
    options = tuple(_options(item, currency))
    with_group = item.opt_obj("priceWithGroup")
    unit = with_group.opt_cents("unitPrice")
    if unit is None:
        unit = _cents_sum([item.opt_cents("price") or 0, *(o.price.cents * o.count for o in options)])
    total = with_group.opt_cents("amount")
    return OrderLine(
        line_id=item.opt_id("id"),
        name=item.opt_str("name") or names.opt_str("en") or _zh(names),
        count=count,
        unit_price=Money(unit, currency),
        total=Money(total if total is not None else _cents_sum([unit * count]), currency),
        name_zh=_zh(names),
        spec=item.opt_str("spec") or item.opt_obj("specI18n").opt_str("en"),
        options=options,
        remark=item.opt_str("remark", limit=REMARK_LIMIT).strip(),
        spu_id=item.opt_id("spuId"),
        sku_id=item.opt_id("skuId"),
        item_code=item.opt_str("spuOpenItemCode") or item.opt_str("skuOpenItemCode"),
    )


def _options(holder: Obj, currency: str, depth: int = 0) -> list[OrderOption]:
    """Options of every group, second-level groups flattened after their parent option."""
    found: list[OrderOption] = []
    if depth >= _OPTION_DEPTH:
        return found
    for group in holder.objects("groups"):
        group_name = group.opt_str("groupName")
        for sku in group.objects("shopProductGroupSkuList"):
            names = sku.opt_obj("spuNameI18n")
            found.append(
                OrderOption(
                    name=sku.opt_str("spuName") or names.opt_str("en") or _zh(names),
                    name_zh=_zh(names),
                    group=group_name,
                    count=_count(sku),
                    price=Money(sku.opt_cents("price") or 0, sku.opt_str("currency") or currency),
                )
            )
            found.extend(_options(sku, currency, depth + 1))
    return found


def _money(fee_dtl: Obj, lines: tuple[OrderLine, ...], currency: str) -> MoneyBreakdown:
    customer = fee_dtl.opt_obj("customerFee")
    merchant = fee_dtl.opt_obj("merchantFee")

    def cents(block: Obj, key: str, default: int = 0) -> Money:
        cents = block.opt_cents(key)
        return Money(default if cents is None else cents, currency)

    items = cents(customer, "productPrice", _cents_sum([line.total.cents for line in lines]))
    delivery, platform = cents(customer, "shippingFee"), cents(customer, "platformFee")
    discounts, tip = cents(customer, "discounts"), cents(customer, "tip")
    # payTotal includes the courier's tip; it is kept apart so it never counts as the shop's takings.
    parts = [items, delivery, platform, tip, cents(customer, "diffPrice")]
    computed = Money(_cents_sum([*(m.cents for m in parts), -discounts.cents]), currency)
    return MoneyBreakdown(
        items=items,
        delivery_fee=delivery,
        platform_fee=platform,
        discounts=discounts,
        tip=tip,
        total_paid=cents(customer, "payTotal", computed.cents),
        # merchantFee may be missing on the first push (keeta.md §4.5).
        merchant_receivable=cents(merchant, "total") if merchant.has("total") else None,
        commission=cents(merchant, "brokerage") if merchant.has("brokerage") else None,
    )


def _customer(recipient: Obj) -> Customer:
    point = recipient.opt_obj("point")
    address = [recipient.opt_str("addressName"), recipient.opt_str("houseNumber")]
    return Customer(
        name=recipient.opt_str("name"),
        phone=recipient.opt_str("phone"),
        address=", ".join(part for part in address if part),
        latitude=_coordinate(point, "latitude"),
        longitude=_coordinate(point, "longitude"),
    )


def _coordinate(point: Obj, key: str) -> float | None:
    value = as_finite(point.data.get(key))
    limit = 90.0 if key == "latitude" else 180.0
    return value if value is not None and -limit <= value <= limit else None


def _refund_infos(root: Obj, order_view_id: int, currency: str) -> tuple[RefundRequest, ...]:
    """Refunds already on the order. STAND-IN: assumed to have the shape of a 1005/1007 body."""
    refunds = []
    for info in root.objects("refundInfos"):
        body = {"orderViewId": order_view_id, **info.data}
        partial = info.has("refundProducts") or info.opt_int("status") // 1000 == 5
        try:
            refunds.append(parse_refund(body, partial=partial, currency=currency, path=info.path))
        except KeetaPayloadError as exc:
            log.warning("keeta order %s: skipping unreadable refund info (%s)", order_view_id, exc)
    return tuple(refunds)


def parse_refund(
    data: Any, *, partial: bool, currency: str = DEFAULT_CURRENCY, path: str = ""
) -> RefundRequest:
    """A 1005 (full) or 1007 (partial) body as a :class:`RefundRequest`."""
    body = Obj(data, path)
    code = body.opt_int("status")
    status = codes.refund_status(code) if code else RefundStatus.PENDING
    currency = body.opt_str("currency", limit=8) or currency
    handled = codes.OP_TYPE.get(body.opt_int("handleOpType", -1))
    return RefundRequest(
        after_sale_order_id=body.req_id("afterSaleOrderId"),
        order_view_id=body.req_id("orderViewId"),
        kind=RefundKind.PARTIAL if partial else RefundKind.FULL,
        status=status,
        amount=Money(body.opt_cents("money") or 0, currency),
        requested_at=_time(body, "opTime") or 0,
        reason=body.opt_str("applyReason"),
        requested_by=codes.OP_TYPE.get(body.opt_int("applyOpType", 10), Actor.UNKNOWN),
        # Keeta's examples carry a handleOpType on fresh requests too; only a decision has a handler.
        handled_by=handled if status.is_final else None,
        handle_reason=body.opt_str("handleReason") if status.is_final else "",
        pictures=_pictures(body),
        items=tuple(_refund_item(item, currency) for item in body.objects("refundProducts")),
        is_appeal=body.opt_int("isAppeal") == 1,
        platform_status=code,
    )


def _refund_item(item: Obj, currency: str) -> RefundItem:
    names = item.opt_obj("nameI18n")
    price = item.first_cents(("refundPrice", "refundAmount"))
    return RefundItem(
        spu_id=item.opt_id("spuId"),
        sku_id=item.opt_id("skuId"),
        count=_count(item),
        name=item.opt_str("name") or names.opt_str("en") or _zh(names),
        amount=Money(price, currency) if price is not None else None,
        line_id=item.opt_id("orderProductId") or item.opt_id("id"),
    )


def _pictures(body: Obj) -> tuple[str, ...]:
    """``pictures`` is a JSON array *as a string* (keeta.md §7.1); a real array is accepted too."""
    value = body.data.get("pictures")
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return ()
        try:
            value = json.loads(text)
        except (ValueError, RecursionError):
            value = [text] if text.startswith("http") else []
            if not value:
                log.warning("keeta refund: %s is not a JSON array, ignored", body.where("pictures"))
    if not isinstance(value, list):
        return ()
    return tuple(url for url in value if isinstance(url, str) and url)


@dataclass(frozen=True)
class PreviewLine:
    """One order line as the partial-refund preview sees it."""

    line_id: int
    spu_id: int
    sku_id: int
    name: str
    count_bought: int
    refundable_count: int
    amount: Money


@dataclass(frozen=True)
class RefundPreview:
    lines: tuple[PreviewLine, ...]
    total: Money


def parse_refund_preview(data: Any, currency: str = DEFAULT_CURRENCY) -> RefundPreview:
    """``data`` of ``/order/refund/part/products/preview`` (keeta.md §7.3; amount fields are STAND-IN)."""
    body = Obj(data, "data")
    lines = []
    for item in Obj({"products": body.req_list("products")}, "data").objects("products"):
        names = item.opt_obj("nameI18n")
        count = item.opt_int("count")
        lines.append(
            PreviewLine(
                line_id=item.req_int("id"),
                spu_id=item.opt_int("spuId"),
                sku_id=item.opt_int("skuId"),
                name=item.opt_str("name") or names.opt_str("en") or _zh(names),
                count_bought=count,
                refundable_count=item.first_int(codes.PREVIEW_REFUNDABLE_COUNT_KEYS, count),
                amount=Money(item.first_int(codes.PREVIEW_AMOUNT_KEYS), item.opt_str("currency") or currency),
            )
        )
    fallback = sum(line.amount.cents for line in lines)
    total = body.first_int(codes.PREVIEW_TOTAL_KEYS, fallback)
    return RefundPreview(lines=tuple(lines), total=Money(total, body.opt_str("currency") or currency))
