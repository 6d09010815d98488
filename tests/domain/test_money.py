from __future__ import annotations

import pytest

from posapp.domain.money import Money


def test_money_adds_in_cents_and_formats_hkd() -> None:
    total = Money(4200).times(2) + Money(2600) - Money(1000)
    assert total == Money(10000)
    assert total.format() == "HK$100.00"
    assert Money(-550).format() == "-HK$5.50"
    assert Money(123456789).format() == "HK$1,234,567.89"


def test_money_refuses_floats_and_mixed_currencies() -> None:
    with pytest.raises(TypeError):
        Money(12.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="cannot mix"):
        Money(100, "HKD") + Money(100, "SAR")


def test_three_decimal_currency_formats_with_its_exponent() -> None:
    assert Money(1500, "KWD").format() == "KWD 1.500"
