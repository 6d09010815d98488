"""Generated orders look like Keeta's and their money adds up; the seed makes them repeat."""

from __future__ import annotations

import random
from typing import Any

import pytest

from posapp.sim.keeta.generator import OrderSeed, generate_order


def _order(rng: random.Random, mode: str, n: int = 0) -> dict[str, Any]:
    seed = OrderSeed(750_000_000_000_000 + n, 880001, "Shop 店", mode, n + 1, 1_764_057_600_000, 9_001_001)
    return generate_order(rng, seed)


@pytest.mark.parametrize("mode", ["delivery", "pickup"])
def test_totals_are_consistent(mode: str) -> None:
    rng = random.Random(7)
    for n in range(200):
        info = _order(rng, mode, n)
        for line in info["products"]:
            options = sum(
                o["price"] * o["count"] for g in line["groups"] for o in g["shopProductGroupSkuList"]
            )
            assert line["priceWithGroup"]["unitPrice"] == line["price"] + options
            assert line["priceWithGroup"]["amount"] == line["priceWithGroup"]["unitPrice"] * line["count"]
            assert line["priceWithoutGroup"]["amount"] == line["price"] * line["count"]
            for group in line["groups"]:
                for option in group["shopProductGroupSkuList"]:
                    assert option["groupSkuCount"] == option["count"] * line["count"]
        fee = info["feeDtl"]["customerFee"]
        assert fee["productPrice"] == sum(p["priceWithGroup"]["amount"] for p in info["products"])
        assert fee["payTotal"] == (
            fee["productPrice"] + fee["packageFee"] + fee["shippingFee"] + fee["platformFee"]
            + fee["diffPrice"] + fee["tip"] - fee["discounts"]
        )  # fmt: skip
        assert fee["discounts"] == sum(p["reduceFee"] for p in info["orderPromotionDtlList"])
        merchant = info["feeDtl"]["merchantFee"]
        assert merchant["total"] == (
            merchant["productPrice"] + fee["packageFee"] - merchant["brokerage"] - merchant["activityFee"]
            - merchant["bankTransactionFee"]
        )  # fmt: skip
        assert all(isinstance(v, int) for v in fee.values() if not isinstance(v, (dict, str)))


def test_delivery_orders_carry_encrypted_customer_data() -> None:
    info = _order(random.Random(1), "delivery")
    recipient = info["recipientInfo"]
    assert all(recipient[k].startswith("ENC_") for k in ("name", "phone", "addressName"))
    assert info["merchantOrderDeliveries"][0]["deliveryMode"] == "1001"
    assert info["merchantOrder"]["userGetMode"] == "delivery"


def test_pickup_orders_have_no_delivery_and_a_ready_time() -> None:
    info = _order(random.Random(1), "pickup")
    assert info["merchantOrderDeliveries"] == [] and info["feeDtl"]["customerFee"]["shippingFee"] == 0
    assert info["baseOrder"]["estimatedDiningReadyUrgeTime"] > info["baseOrder"]["ctime"]
    assert not info["recipientInfo"]["name"].startswith("ENC_")


def test_lines_are_bilingual_with_ids_and_codes() -> None:
    rng = random.Random(3)
    lines = [line for n in range(30) for line in _order(rng, "delivery", n)["products"]]
    assert all(line["nameI18n"]["en"] and line["nameI18n"]["zh-HK"] for line in lines)
    assert any(line["remark"] for line in lines) and any(line["groups"] for line in lines)
    info = _order(random.Random(3), "delivery")
    ids = [line["id"] for line in info["products"]]
    assert ids == list(range(9_001_001, 9_001_001 + len(ids)))


def test_same_seed_same_orders() -> None:
    first = [_order(random.Random(42), "delivery", n) for n in range(5)]
    second = [_order(random.Random(42), "delivery", n) for n in range(5)]
    other = [_order(random.Random(43), "delivery", n) for n in range(5)]
    assert first == second
    assert first != other
