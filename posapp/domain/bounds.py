"""What a shop can mean: the readers every parsing edge (Keeta, Zeek) uses for ids, money, times, text.

A platform value outside these bounds is refused here (``None``) or clamped (text), never carried deep
into SQLite or Qt where it would raise ``OverflowError``/``UnicodeEncodeError`` and stop a loop:

- ids and amounts are integers in 0 … 2^63-1 (SQLite's INTEGER), never bool, never non-finite;
- times are epoch seconds (or milliseconds, converted) between 2000-01-01 and 2100-01-01 UTC;
- text keeps every character it can: a lone surrogate (half an emoji) becomes U+FFFD, and a string
  longer than its limit is cut with a "…" mark, so the cashier sees that something was cut.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

INT64_MAX = 2**63 - 1
EPOCH_MIN = 946_684_800  # 2000-01-01T00:00:00Z
EPOCH_MAX = 4_102_444_800  # 2100-01-01T00:00:00Z
# Keeta sends epoch milliseconds; anything this large cannot be seconds before the year 5138.
_MS_THRESHOLD = 100_000_000_000
_MAX_DIGITS = 40  # longer digit strings are not numbers a shop means (and int() would be slow)

TEXT_LIMIT = 1000  # names, addresses, reasons
REMARK_LIMIT = 500  # customer notes on the order and on a line
CUT_MARK = "…"
REPLACEMENT = "\ufffd"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def as_int64(value: Any) -> int | None:
    """An integer in SQLite's signed 64-bit range from a JSON number or digit string, else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            return None
        number = int(value)
    elif isinstance(value, str):
        text = value.strip()
        if not (text.lstrip("-").isdigit() and text.isascii() and len(text) <= _MAX_DIGITS):
            return None
        number = int(text)
    else:
        return None
    return number if -INT64_MAX - 1 <= number <= INT64_MAX else None


def as_id(value: Any) -> int | None:
    """A platform id: a non-negative 64-bit integer (a number or its digits), else ``None``."""
    number = as_int64(value)
    return number if number is not None and number >= 0 else None


def as_cents(value: Any) -> int | None:
    """An amount in integer minor units: 0 … 2^63-1, else ``None`` (negative, huge, NaN, 12.5, "x")."""
    return as_id(value)


def as_count(value: Any, limit: int = 100_000) -> int | None:
    """A quantity a counter can hold: 0 … ``limit``."""
    number = as_int64(value)
    return number if number is not None and 0 <= number <= limit else None


def as_epoch(value: Any) -> int | None:
    """Epoch seconds from seconds or milliseconds, only inside 2000–2100; else ``None``."""
    number = as_int64(value)
    if number is None:
        return None
    seconds = number // 1000 if abs(number) >= _MS_THRESHOLD else number
    return seconds if EPOCH_MIN <= seconds < EPOCH_MAX else None


def as_finite(value: Any) -> float | None:
    """A finite float (coordinates, distances); NaN, ±inf, bool and text that is not a number → ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError:  # an int beyond float's range
            return None
    elif isinstance(value, str) and len(value) <= _MAX_DIGITS:
        try:
            number = float(value)
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def dollars_as_cents(value: Any) -> int | None:
    """A major-unit amount (``10.505`` or ``"10.5"``) → cents rounded half up, within :func:`as_cents`."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    if isinstance(value, str) and len(value) > _MAX_DIGITS:
        return None
    try:
        amount = Decimal(str(value).strip())
        if not amount.is_finite():
            return None
        cents = (amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return None
    return as_cents(int(cents))


def clean_text(value: str, limit: int = TEXT_LIMIT) -> str:
    """Text safe for SQLite, Qt and a printer: lone surrogates replaced, cut to ``limit`` with a mark."""
    if len(value) > limit:
        value = value[: max(limit - len(CUT_MARK), 0)] + CUT_MARK
    if _LONE_SURROGATE.search(value):
        value = _LONE_SURROGATE.sub(REPLACEMENT, value)
    return value


def as_text(value: Any, limit: int = TEXT_LIMIT) -> str | None:
    """A JSON string (or a number written as text) cleaned by :func:`clean_text`; else ``None``."""
    if isinstance(value, str):
        return clean_text(value, limit)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value) if as_int64(value) is not None else None
    if isinstance(value, float) and math.isfinite(value):
        return repr(value)
    return None
