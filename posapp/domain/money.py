"""Money as integer minor units (cents) with a currency, end to end."""

from __future__ import annotations

from dataclasses import dataclass

_EXPONENTS = {"HKD": 2, "SAR": 2, "AED": 2, "USD": 2, "MOP": 2, "KWD": 3, "BHD": 3, "OMR": 3}
_SYMBOLS = {"HKD": "HK$", "USD": "US$", "MOP": "MOP$"}


@dataclass(frozen=True, order=True)
class Money:
    """An amount in the currency's minor unit. Never a float."""

    cents: int
    currency: str = "HKD"

    def __post_init__(self) -> None:
        if isinstance(self.cents, bool) or not isinstance(self.cents, int):
            raise TypeError(f"Money needs integer cents, got {self.cents!r}")

    @classmethod
    def zero(cls, currency: str = "HKD") -> Money:
        return cls(0, currency)

    def _same(self, other: Money) -> None:
        if other.currency != self.currency:
            raise ValueError(f"cannot mix {self.currency} and {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.cents + other.cents, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.cents - other.cents, self.currency)

    def times(self, count: int) -> Money:
        return Money(self.cents * count, self.currency)

    @property
    def exponent(self) -> int:
        return _EXPONENTS.get(self.currency, 2)

    def format(self) -> str:
        """Text for screens and tickets, e.g. ``HK$28.00``; minus sign before the symbol."""
        sign = "-" if self.cents < 0 else ""
        whole, frac = divmod(abs(self.cents), 10**self.exponent)
        symbol = _SYMBOLS.get(self.currency, self.currency + " ")
        return f"{sign}{symbol}{whole:,}.{frac:0{self.exponent}d}"

    def __str__(self) -> str:
        return self.format()
