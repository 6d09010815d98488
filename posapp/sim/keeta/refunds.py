"""Partial-refund arithmetic and validation (keeta.md §7.3).

A line's refund amount is its unit price including options (``priceWithGroup.unitPrice``) × the count
refunded. No line may be refunded beyond what was bought minus what was already refunded.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from posapp.keeta import codes
from posapp.sim.keeta.state import ApiError, SimOrder

CUSTOMER_REASONS = (
    "食物灑瀉 Food spilled",
    "漏送食品 Missing item",
    "食物質素差 Poor food quality",
    "送錯餐 Wrong item delivered",
)
FULL_REASONS = (
    "等太耐 Waited too long",
    "唔想要啦 Changed my mind",
    "送錯地址 Wrong address",
)


def unit_price(line: Mapping[str, Any]) -> int:
    return int(line["priceWithGroup"]["unitPrice"])


def refund_product(line: Mapping[str, Any], count: int) -> dict[str, Any]:
    return {
        "id": line["id"],
        "spuId": line["spuId"],
        "skuId": line["skuId"],
        "name": line["name"],
        "nameI18n": line["nameI18n"],
        "count": count,
        "refundPrice": unit_price(line) * count,
    }


def parse_products(raw: Any, *, required: bool) -> dict[int, int]:
    """``products[]{orderProductId, refundCount}`` as line id → total count, or a PARAM_ERROR."""
    if raw is None or raw == "" or raw == []:
        if required:
            raise ApiError(codes.PARAM_ERROR, "products is required")
        return {}
    if not isinstance(raw, list):
        raise ApiError(codes.PARAM_ERROR, "products must be an array")
    wanted: dict[int, int] = {}
    for item in raw:
        if not isinstance(item, dict):
            raise ApiError(codes.PARAM_ERROR, "products[] entries must be objects")
        try:
            line_id, count = int(item["orderProductId"]), int(item["refundCount"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ApiError(codes.PARAM_ERROR, "products[] needs orderProductId and refundCount") from exc
        if count <= 0:
            raise ApiError(codes.PARAM_ERROR, f"refundCount for {line_id} must be positive")
        wanted[line_id] = wanted.get(line_id, 0) + count
    return wanted


def checked_lines(order: SimOrder, wanted: Mapping[int, int]) -> list[tuple[dict[str, Any], int]]:
    chosen: list[tuple[dict[str, Any], int]] = []
    for line_id, count in wanted.items():
        line = order.line(line_id)
        if line is None:
            raise ApiError(codes.PARAM_ERROR, f"orderProductId {line_id} is not in this order")
        left = order.refundable(line)
        if count > left:
            raise ApiError(
                codes.REFUND_COUNT_EXCEEDED,
                f"refundCount {count} for {line_id} exceeds the refundable quantity {left}",
            )
        chosen.append((line, count))
    return chosen


def preview(order: SimOrder, wanted: Mapping[int, int]) -> dict[str, Any]:
    """Every line with what can still be refunded; the asked-for lines carry their refund amount."""
    checked_lines(order, wanted)
    products = []
    for line in order.info["products"]:
        count = wanted.get(int(line["id"]), 0)
        products.append(
            {
                "id": line["id"],
                "spuId": line["spuId"],
                "skuId": line["skuId"],
                "name": line["name"],
                "nameI18n": line["nameI18n"],
                "count": line["count"],
                "refundableCount": order.refundable(line),
                "unitPrice": unit_price(line),
                "refundCount": count,
                "refundAmount": unit_price(line) * count,
                "currency": "HKD",
            }
        )
    total = sum(p["refundAmount"] for p in products)
    return {"products": products, "totalRefundAmount": total, "currency": "HKD"}


def customer_partial_pick(rng: random.Random, order: SimOrder) -> list[dict[str, Any]]:
    """What a customer complains about: one or two lines that still have something to refund."""
    open_lines = [line for line in order.info["products"] if order.refundable(line) > 0]
    if not open_lines:
        return []
    picked = rng.sample(open_lines, min(len(open_lines), rng.choice((1, 1, 2))))
    return [refund_product(line, rng.randint(1, order.refundable(line))) for line in picked]


def record_refunded(order: SimOrder, products: list[dict[str, Any]]) -> None:
    for product in products:
        line_id = int(product["id"])
        order.refunded[line_id] = order.refunded.get(line_id, 0) + int(product["count"])
