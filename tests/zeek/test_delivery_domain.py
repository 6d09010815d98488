"""The seed's delivery-mode rule, quote lookup, Zeek's status table and monotonic updates."""

from __future__ import annotations

import pytest

from posapp.domain.delivery import (
    CANCEL_CODES,
    BookingUpdate,
    CancelReason,
    DeliveryMode,
    DeliveryStatus,
    Eta,
    Quote,
    quote_for_amount,
    supersedes,
)
from posapp.domain.money import Money
from posapp.sim.zeek.quotes import MODE_MATRIX, Band, Volume, band_for, mode_for, volume_for
from posapp.zeek import codes


# The mode rule is Zeek's (its estimates answer with the mode); the simulator applies the seed's table.
@pytest.mark.parametrize(
    ("cents", "volume"),
    [
        (0, Volume.SMALL_PARCEL),
        (19_999, Volume.SMALL_PARCEL),
        (20_000, Volume.THERMAL_BAG),
        (49_999, Volume.THERMAL_BAG),
        (50_000, Volume.THERMAL_BOX),
        (99_999, Volume.THERMAL_BOX),
        (100_000, Volume.MULTI_BOX),
        (1_000_000, Volume.MULTI_BOX),
    ],
)
def test_volume_comes_from_the_amount_in_dollars_bands(cents: int, volume: Volume) -> None:
    assert volume_for(cents / 100) is volume


M = DeliveryMode


@pytest.mark.parametrize(
    ("band", "expected"),
    [
        (Band.SHORT, [M.SHORT_RANGE, M.SHORT_RANGE, M.STANDARD, M.LONG_DISTANCE]),
        (Band.MIDDLE, [M.STANDARD, M.STANDARD, M.STANDARD, M.LONG_DISTANCE]),
        (Band.LONG, [M.LONG_DISTANCE] * 4),
        (Band.CITY_WIDE, [M.CITY_WIDE] * 4),
    ],
)
def test_mode_table_matches_the_seed(band: Band, expected: list[DeliveryMode]) -> None:
    assert [DeliveryMode(mode) for mode in MODE_MATRIX[band]] == expected


def test_distance_bands_use_exclusive_upper_limits() -> None:
    limits = codes.DISTANCE_BAND_LIMITS_M
    assert band_for(0) is Band.SHORT
    assert band_for(limits[0]) is Band.MIDDLE
    assert band_for(limits[1]) is Band.LONG
    assert band_for(limits[2]) is Band.CITY_WIDE
    assert mode_for(limits[2], 1000) == DeliveryMode.CITY_WIDE.value


def _quote(mode: DeliveryMode, low: int, high: int | None) -> Quote:
    return Quote("q", mode, Money(low), None if high is None else Money(high), Money(1050), Eta(30), 500, 650)


def test_conversion_table_lookup_respects_inclusive_and_exclusive_bounds() -> None:
    table = [
        _quote(M.SHORT_RANGE, 0, 20_000),
        _quote(M.STANDARD, 20_000, 75_000),
        _quote(M.LONG_DISTANCE, 75_000, None),
    ]
    assert quote_for_amount(table, Money(19_999)) is table[0]
    assert quote_for_amount(table, Money(20_000)) is table[1]
    assert quote_for_amount(table, Money(5_000_000)) is table[2]
    assert quote_for_amount(table[:2], Money(75_000)) is None


def test_every_documented_status_code_maps_and_unknown_codes_do_not_fail() -> None:
    assert codes.status_for(9005) is DeliveryStatus.ACCEPTED
    assert codes.status_for(8012) is DeliveryStatus.DEPARTED
    assert codes.status_for(8001) is DeliveryStatus.REASSIGNED
    assert codes.status_for(9999) is DeliveryStatus.UNKNOWN
    assert len({codes.status_for(c) for c in codes.STATUS}) == len(codes.STATUS)


def test_cancel_codes_7001_to_7007_all_map() -> None:
    assert (
        {CancelReason.for_code(c) for c in range(7001, 7008)}
        == set(CANCEL_CODES.values())
        == set(CancelReason)
    )
    assert CancelReason.for_code("") is None and CancelReason.for_code("7100") is None


def test_fee_risk_starts_when_the_partner_is_at_the_store() -> None:
    assert not DeliveryStatus.NEAR_STORE.cancel_may_cost
    assert DeliveryStatus.AT_STORE.cancel_may_cost and DeliveryStatus.DELIVERING.cancel_may_cost
    assert not DeliveryStatus.COMPLETED.cancel_may_cost


def _update(status: DeliveryStatus, at: int) -> BookingUpdate:
    return BookingUpdate("FD1", "C1", status, 0, at)


S = DeliveryStatus


@pytest.mark.parametrize(
    ("current", "current_at", "status", "at", "applies"),
    [
        (S.CREATED, 100, S.ACCEPTED, 110, True),
        (S.ACCEPTED, 110, S.CREATED, 120, False),  # never backwards
        (S.DELIVERING, 200, S.AT_STORE, 150, False),  # late, lower
        (S.AT_STORE, 200, S.DELIVERING, 150, False),  # higher but older than what is known
        (S.AT_STORE, 200, S.DELIVERING, 0, True),  # no time given: rank decides
        (S.ACCEPTED, 110, S.ACCEPTED, 110, False),  # the same fact again
        (S.ACCEPTED, 110, S.ACCEPTED, 130, True),  # same step, fresher details
        (S.AT_STORE, 200, S.REASSIGNED, 210, True),  # new partner before pickup
        (S.DELIVERING, 200, S.REASSIGNED, 210, False),  # too late: food picked up
        (S.AT_STORE, 200, S.REASSIGNED, 190, False),
        (S.REASSIGNED, 210, S.ACCEPTED, 220, True),
        (S.REASSIGNED, 210, S.NEAR_STORE, 205, False),  # old partner's late news
        (S.NEAR_CUSTOMER, 300, S.CANCELLED_AFTER_PICKUP, 250, True),  # final always lands
        (S.COMPLETED, 300, S.CANCELLED_AFTER_PICKUP, 400, False),  # final stays final
        (S.ACCEPTED, 100, S.UNKNOWN, 400, False),
    ],
)
def test_updates_apply_monotonically(
    current: DeliveryStatus, current_at: int, status: DeliveryStatus, at: int, applies: bool
) -> None:
    assert supersedes(_update(status, at), current, current_at) is applies
