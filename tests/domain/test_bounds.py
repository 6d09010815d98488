"""The parsing edge's readers: what a shop can mean is kept, anything else is refused or clamped."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posapp.domain.bounds import (
    CUT_MARK,
    EPOCH_MAX,
    EPOCH_MIN,
    INT64_MAX,
    REMARK_LIMIT,
    REPLACEMENT,
    as_cents,
    as_epoch,
    as_finite,
    as_id,
    as_int64,
    as_text,
    clean_text,
    dollars_as_cents,
)

ANY_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (756823555555859, 756823555555859),
        ("756823555555859", 756823555555859),
        (12.0, 12),
        (0, 0),
        (INT64_MAX, INT64_MAX),
        (INT64_MAX + 1, None),
        (2**64, None),
        (-1, None),
        ("-5", None),
        (1e309, None),
        (math.nan, None),
        (1.5, None),
        (True, None),
        ("12a", None),
        ("١٢", None),  # Arabic-Indic digits are digits to str.isdigit, not to a platform id
        ("9" * 41, None),
        (None, None),
        ([1], None),
    ],
)
def test_ids(value: Any, expected: int | None) -> None:
    assert as_id(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(2800, 2800), ("2800", 2800), (0, 0), (1e20, None), (-100, None), (math.inf, None), (28.5, None)],
)
def test_cents(value: Any, expected: int | None) -> None:
    assert as_cents(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1764057600, 1764057600),
        (1764057600123, 1764057600),  # Keeta's milliseconds
        ("1764057600", 1764057600),
        (EPOCH_MIN, EPOCH_MIN),
        (EPOCH_MIN - 1, None),
        (EPOCH_MAX, None),
        (1e30, None),
        (10**16, None),  # milliseconds in the year 318857
        (0, None),
        (-1764057600, None),
        (math.nan, None),
    ],
)
def test_epoch(value: Any, expected: int | None) -> None:
    assert as_epoch(value) == expected


def test_lone_surrogates_become_replacement_characters() -> None:
    assert clean_text("Extra chilli \ud83c please") == f"Extra chilli {REPLACEMENT} please"
    assert clean_text("\udf5c") == REPLACEMENT
    assert clean_text("noodles 🍜") == "noodles 🍜"  # a whole emoji is kept
    clean_text("a\ud83c").encode("utf-8")  # encodable: SQLite and Qt take it


def test_long_text_is_cut_with_a_mark() -> None:
    remark = "少辣" * 400
    cut = clean_text(remark, REMARK_LIMIT)
    assert len(cut) == REMARK_LIMIT and cut.endswith(CUT_MARK) and cut.startswith("少辣少辣")
    assert clean_text("short", REMARK_LIMIT) == "short"


def test_dollars() -> None:
    assert dollars_as_cents(10.505) == 1051
    assert dollars_as_cents("128.5") == 12850
    assert dollars_as_cents(0) == 0
    for bad in (math.inf, math.nan, "1e309", -1, True, "abc", None, 1e300):
        assert dollars_as_cents(bad) is None


def test_finite() -> None:
    assert as_finite(22.28) == 22.28 and as_finite("114.1") == 114.1
    for bad in (math.nan, math.inf, 10**400, True, "nan", "x", None):
        assert as_finite(bad) is None


@given(ANY_JSON)
def test_readers_never_raise_and_stay_in_bounds(value: Any) -> None:
    number = as_int64(value)
    assert number is None or -INT64_MAX - 1 <= number <= INT64_MAX
    for reader in (as_id, as_cents):
        read = reader(value)
        assert read is None or 0 <= read <= INT64_MAX
    seconds = as_epoch(value)
    assert seconds is None or EPOCH_MIN <= seconds < EPOCH_MAX
    real = as_finite(value)
    assert real is None or math.isfinite(real)
    cents = dollars_as_cents(value)
    assert cents is None or 0 <= cents <= INT64_MAX
    text = as_text(value)
    assert text is None or isinstance(text, str)


@given(
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=700),
    st.integers(1, 600),
)
def test_clean_text_is_encodable_and_bounded(value: str, limit: int) -> None:
    cleaned = clean_text(value, limit)
    cleaned.encode("utf-8")  # no lone surrogate survives
    assert len(cleaned) <= max(limit, len(CUT_MARK))
    if len(value) <= limit and not any(0xD800 <= ord(c) <= 0xDFFF for c in value):
        assert cleaned == value
