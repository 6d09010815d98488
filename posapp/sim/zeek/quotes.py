"""Delivery modes, quotations and courier timings for the Zeek simulator.

The volume bands and the distance × volume → mode matrix are the seed's (API-3.3.3, Hong Kong only;
amounts in DOLLARS). Everything numeric that the seed leaves out is a STAND-IN kept in this module: the
delivery fees, the partner's vehicle and speed per mode, and the courier
timings (accept delay, dwell at the store, hand-over, "nearby" radius, assign timeout). The distance
band limits are the client's STAND-IN from posapp.zeek.codes, so both sides band alike.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum
from typing import Any

from posapp.sim.zeek.codes import DISTANCE_BAND_LIMITS_M
from posapp.sim.zeek.geo import ROAD_FACTOR


class Volume(Enum):
    SMALL_PARCEL = 0
    THERMAL_BAG = 1
    THERMAL_BOX = 2
    MULTI_BOX = 3


class Band(Enum):
    SHORT = 0
    MIDDLE = 1
    LONG = 2
    CITY_WIDE = 3


# (lower inclusive, upper exclusive) in dollars; the seed's example conversion.
VOLUME_BANDS: tuple[tuple[Volume, float, float | None], ...] = (
    (Volume.SMALL_PARCEL, 0, 200),
    (Volume.THERMAL_BAG, 200, 500),
    (Volume.THERMAL_BOX, 500, 1000),
    (Volume.MULTI_BOX, 1000, None),
)

MODE_MATRIX: dict[Band, tuple[str, str, str, str]] = {
    Band.SHORT: ("SHORT_RANGE", "SHORT_RANGE", "STANDARD", "LONG_DISTANCE"),
    Band.MIDDLE: ("STANDARD", "STANDARD", "STANDARD", "LONG_DISTANCE"),
    Band.LONG: ("LONG_DISTANCE",) * 4,
    Band.CITY_WIDE: ("CITY_WIDE",) * 4,
}

# STAND-IN shared with the client: upper limits (exclusive) of travel distance in metres per band.
BAND_LIMITS_M: tuple[tuple[Band, float], ...] = tuple(
    zip((Band.SHORT, Band.MIDDLE, Band.LONG), DISTANCE_BAND_LIMITS_M, strict=True)
)
# STAND-IN: the delivery area around a merchant (direct distance); the contract asks for ≥ 10 km.
DELIVERY_RADIUS_M = 15_000
# STAND-IN reference fees in dollars.
MODE_FEE: dict[str, float] = {"SHORT_RANGE": 20.0, "STANDARD": 30.0, "LONG_DISTANCE": 48.0, "CITY_WIDE": 75.0}


@dataclass(frozen=True)
class PartnerProfile:
    vehicle: str
    speed_mps: float
    start_min_m: float
    start_max_m: float


# STAND-IN: who carries each mode, how fast (door to door, HK traffic) and how far away they start.
PROFILES: dict[str, PartnerProfile] = {
    "SHORT_RANGE": PartnerProfile("walker", 1.4, 250, 600),
    "STANDARD": PartnerProfile("motorbike", 5.5, 800, 1_800),
    "LONG_DISTANCE": PartnerProfile("motorbike", 6.5, 1_000, 2_500),
    "CITY_WIDE": PartnerProfile("van", 7.0, 1_500, 3_000),
}

# STAND-IN courier timings, seconds on the simulator clock.
ACCEPT_DELAY_S = 90
ASSIGN_TIMEOUT_S = 600
DWELL_AT_STORE_S = 120
DEPART_TO_DELIVERING_S = 30
HANDOVER_S = 60
NEARBY_M = 150
REASSIGN_AFTER_S = 60


def volume_for(amount_dollars: float) -> Volume:
    for volume, low, high in VOLUME_BANDS:
        if amount_dollars >= low and (high is None or amount_dollars < high):
            return volume
    return Volume.SMALL_PARCEL


def band_for(travel_distance_m: float) -> Band:
    for band, limit in BAND_LIMITS_M:
        if travel_distance_m < limit:
            return band
    return Band.CITY_WIDE


def mode_for(travel_distance_m: float, amount_dollars: float) -> str:
    return MODE_MATRIX[band_for(travel_distance_m)][volume_for(amount_dollars).value]


def minutes_range(minutes: int) -> str:
    return f"{minutes}-{minutes + max(10, round(minutes * 0.5))}"


def expected_minutes(mode: str, travel_distance_m: float) -> int:
    """Creation → delivered, using the middle of the partner's usual start distance."""
    profile = PROFILES[mode]
    to_store = (profile.start_min_m + profile.start_max_m) / 2 * ROAD_FACTOR / profile.speed_mps
    to_customer = travel_distance_m / profile.speed_mps
    total = ACCEPT_DELAY_S + to_store + DWELL_AT_STORE_S + to_customer + HANDOVER_S
    return math.ceil(total / 60)


@dataclass(frozen=True)
class Quotation:
    quotation_id: str
    mode: str
    min_price: float
    max_price: float | None
    direct_distance_m: int
    travel_distance_m: int

    def to_wire(self) -> dict[str, Any]:
        minutes = expected_minutes(self.mode, self.travel_distance_m)
        return {
            "quotation_id": self.quotation_id,
            "mode": self.mode,
            "min_product_total_price": self.min_price,
            "max_product_total_price": self.max_price,
            "delivery_fee": MODE_FEE[self.mode],
            "predicted_quote_time": minutes,
            "predicted_quote_time_range": minutes_range(minutes),
            "direct_distance": self.direct_distance_m,
            "travel_distance": self.travel_distance_m,
        }


def conversion_table(quotation_id: str, direct_m: int, travel_m: int) -> list[Quotation]:
    """Scenario 1 (location only): one quotation per run of volumes that share a mode."""
    modes = MODE_MATRIX[band_for(travel_m)]
    table: list[Quotation] = []
    for (_, low, high), mode in zip(VOLUME_BANDS, modes, strict=True):
        if table and table[-1].mode == mode:
            last = table.pop()
            table.append(Quotation(quotation_id, mode, last.min_price, high, direct_m, travel_m))
        else:
            table.append(Quotation(quotation_id, mode, low, high, direct_m, travel_m))
    return table


def single_quotation(quotation_id: str, direct_m: int, travel_m: int, amount_dollars: float) -> Quotation:
    """Scenario 2 (location and amount): the one band that holds the amount."""
    for quotation in conversion_table(quotation_id, direct_m, travel_m):
        if amount_dollars >= quotation.min_price and (
            quotation.max_price is None or amount_dollars < quotation.max_price
        ):
            return quotation
    raise ValueError(f"no band holds {amount_dollars}")
