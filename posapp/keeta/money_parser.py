"""Keeta's money blocks (keeta.md §4.5) → one :class:`MoneyBreakdown`, whatever shape they come in.

Known shapes, each kept to the same facts:

- ``feeDtl.customerFee`` / ``feeDtl.merchantFee`` with ``brokerage`` and ``total`` (the documented one);
- ``merchantFee`` with ``earnings``, ``commission``, ``basicCommission``, ``distanceFee`` instead;
- fees as a ``feeDtls[]`` array of ``{code, currency, price}`` (codes in :data:`codes.FEE_DTL_CODES`);
- promotions in ``orderPromotionDtlList[]`` split into what the shop and what Keeta funds.

A field that is present but cannot be an amount (NaN, negative, 1e20, text) makes its fact *unknown*:
the order then says "amount unknown" for it rather than a wrong number, and the facts built from it
(the customer's total, the shop's payout) are unknown too.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from posapp.domain.bounds import as_cents
from posapp.domain.money import Money
from posapp.domain.order import MoneyBreakdown, OrderLine
from posapp.keeta import codes
from posapp.keeta.payload import Obj

log = logging.getLogger(__name__)

# Facts whose unknown value makes the customer's computed total unknown too.
_TOTAL_PARTS = ("items", "packaging", "delivery_fee", "platform_fee", "tip", "small_order_fee", "discounts")


class _Facts:
    """Reads amounts, remembering which facts were present but unreadable."""

    def __init__(self, listed: dict[str, int]) -> None:
        self.unknown: set[str] = set()
        self.listed = listed

    def read(self, block: Obj, keys: Iterable[str], fact: str) -> int | None:
        """The first present key of ``block``, else the ``feeDtls`` entry for ``fact``; ``None`` if absent."""
        for key in keys:
            value = block.data.get(key)
            if value is None or value == "":
                continue
            cents = as_cents(value)
            if cents is None:
                log.warning("keeta money: %s is not an amount, shown as unknown", block.where(key))
                self.unknown.add(fact)
            return cents
        return self.listed.get(fact)


def parse_money(root: Obj, lines: tuple[OrderLine, ...], currency: str) -> MoneyBreakdown:
    """Every money fact of an ``orderInfo``."""
    fee_dtl = root.opt_obj("feeDtl")
    customer, merchant = fee_dtl.opt_obj("customerFee"), fee_dtl.opt_obj("merchantFee")
    facts = _Facts({})
    facts.listed = _fee_list(facts, (root, fee_dtl, customer, merchant))

    def amount(cents: int | None) -> Money:
        return Money(cents or 0, currency)

    items = facts.read(customer, ("productPrice",), "items")
    if items is None:
        items = as_cents(sum(line.total.cents for line in lines))
        if items is None:
            facts.unknown.add("items")
    packaging = facts.read(customer, codes.PACKAGING_KEYS, "packaging") or 0
    delivery = facts.read(customer, ("shippingFee",), "delivery_fee") or 0
    platform = facts.read(customer, ("platformFee",), "platform_fee") or 0
    tip = facts.read(customer, ("tip",), "tip") or 0
    small = facts.read(customer, ("diffPrice",), "small_order_fee") or 0

    shop_promo, keeta_promo, promoted = _promotions(root, facts)
    activity = facts.read(merchant, ("activityFee",), "merchant_discount")
    merchant_discount = activity if activity is not None else shop_promo
    discounts = facts.read(customer, ("discounts",), "discounts")
    if discounts is None:
        discounts = merchant_discount + keeta_promo
    platform_discount = keeta_promo if promoted else max(discounts - merchant_discount, 0)

    total = facts.read(customer, ("payTotal",), "total_paid")
    if total is None:
        computed = (items or 0) + packaging + delivery + platform + tip + small - discounts
        total = as_cents(computed)
        if total is None or facts.unknown.intersection(_TOTAL_PARTS):
            facts.unknown.add("total_paid")

    merchant_known = bool(merchant.data) or any(
        fact in facts.listed for fact in ("commission", "merchant_receivable", "bank_fee")
    )
    commission = _commission(merchant, facts)
    service = facts.read(merchant, ("platformServiceFee",), "platform_service_fee")
    bank = facts.read(merchant, ("bankTransactionFee",), "bank_fee")
    receivable = facts.read(merchant, ("total", "earnings"), "merchant_receivable")

    def merchant_side(cents: int | None, fact: str) -> Money | None:
        # merchantFee may be missing on the first push (keeta.md §4.5): unknown yet, not zero.
        if fact in facts.unknown or (cents is None and not merchant_known):
            return None
        return amount(cents)

    return MoneyBreakdown(
        items=amount(items),
        delivery_fee=amount(delivery),
        platform_fee=amount(platform),
        discounts=amount(discounts),
        tip=amount(tip),
        total_paid=amount(total),
        merchant_receivable=None if receivable is None else merchant_side(receivable, "merchant_receivable"),
        commission=None if commission is None else merchant_side(commission, "commission"),
        packaging=amount(packaging),
        small_order_fee=amount(small),
        merchant_discount=amount(merchant_discount),
        platform_discount=amount(platform_discount),
        platform_service_fee=merchant_side(service, "platform_service_fee"),
        bank_fee=merchant_side(bank, "bank_fee"),
        unknown=frozenset(facts.unknown),
    )


def _commission(merchant: Obj, facts: _Facts) -> int | None:
    """``brokerage`` (documented) or ``commission``; else ``basicCommission`` + ``distanceFee`` (STAND-IN:
    a live integration's merchantFee carries these instead of ``brokerage``)."""
    whole = facts.read(merchant, ("brokerage", "commission"), "commission")
    if whole is not None or "commission" in facts.unknown:
        return whole
    parts = [facts.read(merchant, (key,), "commission") for key in ("basicCommission", "distanceFee")]
    known = [p for p in parts if p is not None]
    return as_cents(sum(known)) if known else None


def _promotions(root: Obj, facts: _Facts) -> tuple[int, int, bool]:
    """(shop-funded, Keeta-funded, whether any promotion was listed) from ``orderPromotionDtlList``."""
    shop = keeta = 0
    listed = False
    for promo in root.objects("orderPromotionDtlList"):
        listed = True
        shop += facts.read(promo, ("merchantActivityFee",), "merchant_discount") or 0
        keeta += facts.read(promo, ("platformActivityFee",), "platform_discount") or 0
    return as_cents(shop) or 0, as_cents(keeta) or 0, listed


def _fee_list(facts: _Facts, blocks: Iterable[Obj]) -> dict[str, int]:
    """``feeDtls[] {code, currency, price}`` wherever it appears, summed per fact."""
    found: dict[str, int] = {}
    for block in blocks:
        for entry in block.objects("feeDtls"):
            code = entry.opt_str("code", limit=64).strip().upper()
            fact = codes.FEE_DTL_CODES.get(code)
            if fact is None:
                log.info(
                    "keeta money: fee code %r at %s is not known; kept in the raw order", code, entry.path
                )
                continue
            value = entry.data.get("price")
            cents = as_cents(value)
            if cents is None:
                if value is not None:
                    log.warning("keeta money: %s is not an amount, shown as unknown", entry.where("price"))
                    facts.unknown.add(fact)
                continue
            found[fact] = found.get(fact, 0) + cents
    return found
