"""Keeta refund bodies (1005 full, 1007 partial, keeta.md §7.1), ``refundInfos`` rows and the partial-refund
preview (§7.3) → domain objects.

``refundInfos`` comes in two shapes: the 1005/1007 body (``afterSaleOrderId``, ``money``), and the one a
live integration reads (rows keyed by ``id`` with ``refundMoney``/``actRefundMoney``, ``applyType``,
``partRefund`` and a JSON-string ``commonExt``, no ``afterSaleOrderId``). Both give the same facts. An
amount that cannot be read is marked unknown, never read as 0.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from posapp.domain.bounds import as_cents, clean_text
from posapp.domain.money import Money
from posapp.domain.refund import Actor, RefundItem, RefundKind, RefundRequest, RefundStatus
from posapp.keeta import codes
from posapp.keeta.payload import KeetaPayloadError, Obj

log = logging.getLogger(__name__)

DEFAULT_CURRENCY = "HKD"
_MAX_PICTURES = 20
_URL_LIMIT = 2000


def refund_infos(root: Obj, order_view_id: int, currency: str) -> tuple[RefundRequest, ...]:
    """Refunds already on the order, in either known shape; an unreadable row is skipped and logged."""
    refunds = []
    for info in root.objects("refundInfos"):
        body = {"orderViewId": order_view_id, **_common_ext(info), **info.data}
        if "afterSaleOrderId" not in info.data and info.has("id"):
            body["afterSaleOrderId"] = info.data["id"]
        partial = _is_partial(Obj(body, info.path))
        try:
            refunds.append(parse_refund(body, partial=partial, currency=currency, path=info.path))
        except KeetaPayloadError as exc:
            log.warning("keeta order %s: skipping unreadable refund info (%s)", order_view_id, exc)
    return tuple(refunds)


def _common_ext(info: Obj) -> dict[str, Any]:
    """``commonExt`` is JSON text; facts found only there (pictures, reason, products) are kept."""
    raw = info.data.get("commonExt")
    if isinstance(raw, str) and raw.strip():
        try:
            raw = json.loads(raw)
        except (ValueError, RecursionError):
            log.warning("keeta refund: %s is not JSON, ignored", info.where("commonExt"))
            return {}
    return raw if isinstance(raw, dict) else {}


def _is_partial(body: Obj) -> bool:
    part = body.data.get("partRefund")
    if part is not None:
        return part in (True, 1, "1", "true", "True")
    # STAND-IN: applyType 2 = partial (unpublished); products or a 5xxx status also say partial.
    return body.has("refundProducts") or body.opt_int("applyType") == 2 or body.opt_int("status") // 1000 == 5


def parse_refund(
    data: Any, *, partial: bool, currency: str = DEFAULT_CURRENCY, path: str = ""
) -> RefundRequest:
    """A 1005 (full) or 1007 (partial) body, or a ``refundInfos`` row, as a :class:`RefundRequest`."""
    body = Obj(data, path)
    code = body.opt_int("status")
    status = codes.refund_status(code) if code else _status_without_code(body)
    currency = body.opt_str("currency", limit=8) or currency
    handled = codes.OP_TYPE.get(body.opt_int("handleOpType", -1))
    amount = _amount(body)
    return RefundRequest(
        after_sale_order_id=body.req_id("afterSaleOrderId"),
        order_view_id=body.req_id("orderViewId"),
        kind=RefundKind.PARTIAL if partial else RefundKind.FULL,
        status=status,
        amount=Money(amount or 0, currency),
        requested_at=body.opt_time("opTime") or body.opt_time("ctime") or 0,
        reason=body.opt_str("applyReason"),
        requested_by=codes.OP_TYPE.get(body.opt_int("applyOpType", 10), Actor.UNKNOWN),
        # Keeta's examples carry a handleOpType on fresh requests too; only a decision has a handler.
        handled_by=handled if status.is_final else None,
        handle_reason=body.opt_str("handleReason") if status.is_final else "",
        pictures=_pictures(body),
        items=tuple(_refund_item(item, currency) for item in body.objects("refundProducts")),
        is_appeal=body.opt_int("isAppeal") == 1,
        platform_status=code,
        amount_unknown=amount is None,
    )


def _status_without_code(body: Obj) -> RefundStatus:
    # STAND-IN: a refundInfos row without a status code but with the amount actually refunded is done.
    return RefundStatus.AGREED if body.has("actRefundMoney") else RefundStatus.PENDING


def _amount(body: Obj) -> int | None:
    """The refund's amount in cents; ``None`` when Keeta sent one that cannot be read (or none at all)."""
    for key in codes.REFUND_AMOUNT_KEYS:
        value = body.data.get(key)
        if value is None or value == "":
            continue
        cents = as_cents(value)
        if cents is None:
            log.warning("keeta refund: %s is not an amount, shown as unknown", body.where(key))
        return cents
    return None


def _refund_item(item: Obj, currency: str) -> RefundItem:
    names = item.opt_obj("nameI18n")
    price = item.first_cents(("refundPrice", "refundAmount", "refundMoney"))
    return RefundItem(
        spu_id=item.opt_id("spuId"),
        sku_id=item.opt_id("skuId"),
        count=item.opt_count(),
        name=item.opt_str("name") or names.opt_str("en") or names.zh(),
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
    urls = (clean_text(url, _URL_LIMIT) for url in value if isinstance(url, str) and url)
    return tuple(urls)[:_MAX_PICTURES]


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
                name=item.opt_str("name") or names.opt_str("en") or names.zh(),
                count_bought=count,
                refundable_count=item.first_int(codes.PREVIEW_REFUNDABLE_COUNT_KEYS, count),
                amount=Money(item.first_int(codes.PREVIEW_AMOUNT_KEYS), item.opt_str("currency") or currency),
            )
        )
    fallback = sum(line.amount.cents for line in lines)
    total = body.first_int(codes.PREVIEW_TOTAL_KEYS, fallback)
    return RefundPreview(lines=tuple(lines), total=Money(total, body.opt_str("currency") or currency))
