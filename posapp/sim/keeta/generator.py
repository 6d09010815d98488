"""Realistic, seeded Hong Kong orders in Keeta's ``orderInfo`` shape (keeta.md §4).

Every amount is integer HKD cents and the totals add up: a line's ``priceWithGroup.amount`` is
(spec price + options per item) × count, ``productPrice`` is the sum of the lines, and ``payTotal`` is
products + packaging + delivery + platform fee + small-order top-up + tip − discounts. What Keeta pays
the shop (``merchantFee.total``) is products + packaging − commission − the shop's share of promotions
− the bank's fee.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from posapp.sim.keeta import menu

CURRENCY = "HKD"
DELIVERY_MODE_KEETA = "1001"
SMALL_ORDER_FLOOR = 4000
PROMO_SILL, PROMO_REDUCE = 10000, 1000
COMMISSION = {"delivery": 0.25, "pickup": 0.12}
# STAND-IN: a box fee per line (keeta.md names no packaging field; codes.PACKAGING_KEYS reads it) and a
# card-processing fee on what the shop is paid for. Both are derived, not drawn, so the random stream
# (and every seeded order's content) stays as it was.
PACKAGING_PER_LINE = 200
BANK_FEE_RATE = 0.012


def hkd(cents: int) -> str:
    return f"HK${cents / 100:.2f}"


@dataclass(frozen=True)
class OrderSeed:
    """What the simulator decides before the generator fills in the content."""

    order_view_id: int
    shop_id: int
    shop_name: str
    mode: str  # "delivery" or "pickup"
    seq_no: int
    now_ms: int
    first_line_id: int
    # What customers can order now: sold-out dishes and options never appear (all of the menu by default).
    dishes: tuple[menu.Dish, ...] = menu.MENU
    options_off: frozenset[int] = frozenset()


def generate_order(rng: random.Random, seed: OrderSeed) -> dict[str, Any]:
    if not seed.dishes:
        raise ValueError("every dish is sold out")
    lines = rng.choice((1, 1, 2, 2, 2, 3, 4))
    products = [_line(rng, seed.first_line_id + i, seed) for i in range(lines)]
    product_price = sum(p["priceWithGroup"]["amount"] for p in products)
    fees, promotions = _fees(rng, seed.mode, product_price, PACKAGING_PER_LINE * len(products))
    pay_type, pay_desc = rng.choice(menu.PAY_TYPES)
    delivery = seed.mode == "delivery"
    eta = seed.now_ms + (35 if delivery else 15) * 60_000
    return {
        "baseOrder": {
            "orderViewId": seed.order_view_id,
            "orderViewIdStr": str(seed.order_view_id),
            "chooseTableware": rng.choice((0, 1, 1)),
            "ctime": seed.now_ms,
            "deliveryTime": eta if delivery else 0,
            "estimatedDiningReadyUrgeTime": 0 if delivery else eta,
            "payType": pay_type,
            "payTypeDesc": pay_desc,
            "remark": rng.choice(menu.ORDER_REMARKS) if delivery and rng.random() < 0.3 else "",
        },
        "merchantOrder": {
            "orderViewId": seed.order_view_id,
            "shopId": seed.shop_id,
            "shopName": seed.shop_name,
            "userId": rng.randint(5_000_000, 5_999_999),
            "seqNoStr": f"#{seed.seq_no}",
            "status": 10,
            "userGetMode": seed.mode,
            "ctime": seed.now_ms,
            "unconfirmedStatusTime": seed.now_ms,
        },
        "merchantOrderDeliveries": _deliveries(seed) if delivery else [],
        "deliveryInfos": (
            [{"waybillId": f"WB{seed.order_view_id}", "estimatedTime": 2100, "estimatedAbsolutelyTime": eta}]
            if delivery
            else []
        ),
        "recipientInfo": _recipient(rng, seed),
        "feeDtl": fees,
        "orderPromotionDtlList": promotions,
        "refundInfos": [],
        "bigOrderTag": False,
        "subOrderInfoList": [],
        "products": products,
    }


def _deliveries(seed: OrderSeed) -> list[dict[str, Any]]:
    return [
        {
            "deliveryMode": DELIVERY_MODE_KEETA,
            "deliveryStatus": 0,
            "courierName": "",
            "courierPhone": "",
            "waybillId": f"WB{seed.order_view_id}",
            "deliveryStatusTime": seed.now_ms,
            "merchantOrderDeliveryHisList": [],
        }
    ]


def _recipient(rng: random.Random, seed: OrderSeed) -> dict[str, Any]:
    if seed.mode == "pickup":
        name, phone = rng.choice(menu.PICKUP_NAMES)
        return {"name": name, "phone": phone, "interCode": "852"}
    lat, lng = rng.choice(menu.DROP_OFFS)

    def enc(n: int) -> str:
        # Keeta-courier orders carry personal data encrypted; only Keeta can read it.
        return "ENC_" + "".join(rng.choice("0123456789abcdef") for _ in range(n))

    return {
        "name": enc(10),
        "phone": enc(10),
        "interCode": "852",
        "addressName": enc(12),
        "houseNumber": enc(6),
        "point": {"latitude": lat, "longitude": lng},
    }


def _line(rng: random.Random, line_id: int, seed: OrderSeed) -> dict[str, Any]:
    dish = rng.choice(seed.dishes)
    spec = rng.choice(dish.specs)
    count = rng.choice((1, 1, 1, 2, 2, 3))
    picked = (_pick_group(rng, group, count, seed.options_off) for group in dish.groups)
    groups = [g for g in picked if g]
    per_item_options = sum(o["price"] * o["count"] for g in groups for o in g["shopProductGroupSkuList"])
    unit = spec.price + per_item_options
    return {
        "id": line_id,
        "spuId": dish.spu_id,
        "skuId": spec.sku_id,
        "name": dish.en,
        "nameI18n": {"en": dish.en, "zh-HK": dish.zh, "default": dish.zh},
        "spec": spec.en,
        "specI18n": {"en": spec.en, "zh-HK": spec.zh},
        "count": count,
        "price": spec.price,
        "priceStr": hkd(spec.price),
        "originPrice": spec.price,
        "currency": CURRENCY,
        "priceWithGroup": _amounts(unit, count),
        "priceWithoutGroup": _amounts(spec.price, count),
        "remark": rng.choice(menu.LINE_REMARKS) if rng.random() < 0.35 else "",
        "spuOpenItemCode": dish.code,
        "skuOpenItemCode": spec.code,
        "groups": groups,
    }


def _amounts(unit: int, count: int) -> dict[str, int]:
    return {"unitPrice": unit, "amount": unit * count, "originUnitPrice": unit, "originAmount": unit * count}


def _pick_group(
    rng: random.Random, group: menu.OptionGroup, count: int, off: frozenset[int]
) -> dict[str, Any] | None:
    wanted = rng.randint(group.min_pick, group.max_pick)
    if wanted == 0 or (group.min_pick == 0 and rng.random() < 0.4):
        return None
    options = [o for o in group.options if o.sku_id not in off]
    if not options:
        return None
    chosen = rng.sample(options, min(wanted, len(options)))
    return {
        "groupId": group.group_id,
        "groupName": group.name,
        "groupOpenItemCode": group.code,
        "shopProductGroupSkuList": [
            {
                "groupSkuId": o.sku_id,
                "spuName": o.en,
                "spuNameI18n": {"en": o.en, "zh-HK": o.zh},
                "price": o.price,
                "currency": CURRENCY,
                "count": 1,
                "groupSkuCount": count,
                "groupSkuOpenItemCode": o.code,
                "groups": [],
            }
            for o in chosen
        ],
    }


def _fees(
    rng: random.Random, mode: str, product_price: int, packaging: int
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    delivery = mode == "delivery"
    shipping = rng.choice((900, 1200, 1500)) if delivery else 0
    platform = 300 if delivery else 0
    tip = rng.choice((0, 0, 500, 1000)) if delivery else 0
    diff = max(0, SMALL_ORDER_FLOOR - product_price) if delivery else 0
    promotions: list[dict[str, Any]] = []
    discounts = 0
    if product_price >= PROMO_SILL:
        discounts = PROMO_REDUCE
        promotions.append(
            {
                "type": 1,
                "typeName": "滿減 Spend & save",
                "promotionRuleDesc": "Spend $100 save $10",
                "activityId": 6001,
                "sillAmount": PROMO_SILL,
                "reduceFee": PROMO_REDUCE,
                "merchantActivityFee": PROMO_REDUCE // 2,
                "platformActivityFee": PROMO_REDUCE - PROMO_REDUCE // 2,
            }
        )
    merchant_activity = sum(p["merchantActivityFee"] for p in promotions)
    pay_total = product_price + packaging + shipping + platform + diff + tip - discounts
    brokerage = round(product_price * COMMISSION[mode])
    bank_fee = round((product_price + packaging) * BANK_FEE_RATE)
    customer = {
        "i18n": {"currency": CURRENCY},
        "productPrice": product_price,
        "packageFee": packaging,
        "shippingFee": shipping,
        "platformFee": platform,
        "discounts": discounts,
        "tip": tip,
        "diffPrice": diff,
        "payTotal": pay_total,
    }
    customer.update({f"{k}Str": hkd(v) for k, v in list(customer.items()) if isinstance(v, int)})
    merchant = {
        "productPrice": product_price,
        "brokerage": brokerage,
        "activityFee": merchant_activity,
        "platformServiceFee": 0,
        "bankTransactionFee": bank_fee,
        "total": product_price + packaging - brokerage - merchant_activity - bank_fee,
        "merchantActivityFeeDtls": [],
    }
    return {"customerFee": customer, "merchantFee": merchant}, promotions
