"""Keeta ``orderInfo`` JSON (keeta.md §4) → posapp domain objects.

Strict on what an order cannot exist without (``orderViewId``, ``shopId``, ``products``), lenient on
everything else; see :mod:`posapp.keeta.payload` for the rules. Money is read by
:mod:`posapp.keeta.money_parser`, refunds by :mod:`posapp.keeta.refund_parser`.
"""

from __future__ import annotations

import logging
from typing import Any

from posapp.domain.bounds import REMARK_LIMIT, as_cents, as_finite
from posapp.domain.money import Money
from posapp.domain.order import (
    Courier,
    CourierInfo,
    CourierStatus,
    Customer,
    Fulfilment,
    Order,
    OrderLine,
    OrderOption,
    OrderStatus,
)
from posapp.keeta import codes
from posapp.keeta.money_parser import parse_money
from posapp.keeta.payload import KeetaPayloadError, Obj
from posapp.keeta.refund_parser import (
    DEFAULT_CURRENCY,
    PreviewLine,
    RefundPreview,
    parse_refund,
    parse_refund_preview,
    refund_infos,
)

# Refund parsing moved to refund_parser; these names stay importable from here.
__all__ = ["PreviewLine", "RefundPreview", "parse_order", "parse_refund", "parse_refund_preview"]

log = logging.getLogger(__name__)

# Keeta documents two levels of options; deeper nesting is not a menu a counter could make.
_OPTION_DEPTH = 4


def parse_order(data: Any, path: str = "", *, shop_id: int | None = None) -> Order:
    """An ``orderInfo`` object (without its wrapper) as an :class:`Order`.

    ``shop_id`` is the shop the order came for (the push envelope's, or the one asked): some pushes
    carry no ``merchantOrder.shopId``.
    """
    root = Obj(data, path)
    base = root.opt_obj("baseOrder")
    merchant = root.opt_obj("merchantOrder")
    order_view_id = _order_view_id(base, merchant)
    if merchant.has("shopId"):
        shop_id = merchant.req_id("shopId")
    elif shop_id is None:
        raise KeetaPayloadError(merchant.where("shopId"), "missing")
    currency = _currency(root)
    fulfilment = Fulfilment.PICKUP if merchant.opt_str("userGetMode") == "pickup" else Fulfilment.DELIVERY
    delivery = next(root.objects("merchantOrderDeliveries"), Obj({}, root.where("merchantOrderDeliveries")))
    lines = tuple(_line(item, currency) for item in _products(root))
    return Order(
        order_view_id=order_view_id,
        shop_id=shop_id,
        seq_no=merchant.opt_str("seqNoStr"),
        status=_status(merchant),
        fulfilment=fulfilment,
        courier_kind=_courier_kind(fulfilment, delivery),
        lines=lines,
        money=parse_money(root, lines, currency),
        placed_at=_time(base, "ctime") or _time(merchant, "ctime") or 0,
        shop_name=merchant.opt_str("shopName"),
        customer=_customer(root.opt_obj("recipientInfo")),
        cutlery=base.opt_int("chooseTableware") == 1,
        remark=base.opt_str("remark", limit=REMARK_LIMIT),
        pay_type=base.opt_str("payTypeDesc") or base.opt_str("payType"),
        delivery_eta=_time(base, "deliveryTime"),
        ready_eta=_time(base, "estimatedDiningReadyUrgeTime"),
        courier=_courier(delivery) if fulfilment is Fulfilment.DELIVERY else CourierInfo(),
        refunds=refund_infos(root, order_view_id, currency),
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


def _cents_sum(parts: list[int]) -> int:
    """A computed amount, kept inside what an amount can be (0 when the parts overflow 64 bits)."""
    return as_cents(sum(parts)) or 0


def _currency(root: Obj) -> str:
    fee = root.opt_obj("feeDtl").opt_obj("customerFee").opt_obj("i18n").opt_str("currency", limit=8)
    if fee:
        return fee
    first = next(root.objects("products"), None)
    return (first.opt_str("currency", limit=8) if first else "") or DEFAULT_CURRENCY


def _line(item: Obj, currency: str) -> OrderLine:
    names = item.opt_obj("nameI18n")
    count = item.opt_count()
    options = tuple(_options(item, currency))
    with_group = item.opt_obj("priceWithGroup")
    unit = with_group.opt_cents("unitPrice")
    if unit is None:
        unit = item.opt_cents("unitPrice")
    if unit is None:
        unit = _cents_sum([item.opt_cents("price") or 0, *(o.price.cents * o.count for o in options)])
    total = with_group.opt_cents("amount")
    return OrderLine(
        line_id=item.opt_id("id"),
        name=item.opt_str("name") or names.opt_str("en") or names.zh(),
        count=count,
        unit_price=Money(unit, currency),
        total=Money(total if total is not None else _cents_sum([unit * count]), currency),
        name_zh=names.zh(),
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
                    name=sku.opt_str("spuName") or names.opt_str("en") or names.zh(),
                    name_zh=names.zh(),
                    group=group_name,
                    count=sku.opt_count(),
                    # Some shapes put an add-on's price in unitPrice only.
                    price=Money(
                        sku.first_cents(("price", "unitPrice")) or 0, sku.opt_str("currency") or currency
                    ),
                )
            )
            found.extend(_options(sku, currency, depth + 1))
    return found


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
