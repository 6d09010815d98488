"""Planning a partner's trip: start point → store → customer, with each status's time on the sim clock.

Statuses follow 9005 → 9010 → 9011 → 8012 → 9015 → 9017 → 9021. All randomness comes from the
simulator's seeded ``random.Random``, so a run with the same seed repeats exactly.
"""

from __future__ import annotations

import random

from posapp.sim.zeek.codes import Status
from posapp.sim.zeek.geo import LatLng, Path, destination, travel_m
from posapp.sim.zeek.quotes import (
    DEPART_TO_DELIVERING_S,
    DWELL_AT_STORE_S,
    HANDOVER_S,
    NEARBY_M,
    PROFILES,
)
from posapp.sim.zeek.state import Leg, Partner, Stint

_NAMES = (
    "Chan Tai Man",
    "Wong Siu Ming",
    "Lee Ka Yan",
    "Cheung Wai Kit",
    "Lam Chi Keung",
    "Ho Mei Ling",
    "Ng Ka Ho",
    "Tsang Wing Sze",
)


def new_partner(rng: random.Random, vehicle: str) -> Partner:
    phone = f"{rng.choice('5679')}{rng.randrange(10**7):07d}"
    carno = (
        ""
        if vehicle == "walker"
        else f"{rng.choice('ABCDEFGHJKLMN')}{rng.choice('KLMNPRSTUV')}{rng.randrange(1, 9999)}"
    )
    return Partner(name=rng.choice(_NAMES), phone=phone, carno=carno, vehicle=vehicle)


def _leg(t0: float, start: LatLng, end: LatLng, speed: float, lat_first: bool) -> Leg:
    return Leg(t0, t0 + travel_m(start, end) / speed, Path.dogleg(start, end, lat_first))


def plan_stint(
    rng: random.Random, mode: str, store: LatLng, customer: LatLng, accept_at: float
) -> tuple[Stint, dict[Status, float]]:
    """A fresh partner accepting at ``accept_at`` and the planned time of every later status."""
    profile = PROFILES[mode]
    start = destination(store, rng.uniform(0, 360), rng.uniform(profile.start_min_m, profile.start_max_m))
    to_store = _leg(accept_at, start, store, profile.speed_mps, rng.random() < 0.5)
    near_window = NEARBY_M / profile.speed_mps
    depart = to_store.t1 + DWELL_AT_STORE_S
    to_customer = _leg(depart, store, customer, profile.speed_mps, rng.random() < 0.5)
    delivering = min(depart + DEPART_TO_DELIVERING_S, to_customer.t1)
    plan = {
        Status.ACCEPTED: accept_at,
        Status.NEAR_MERCHANT: max(accept_at, to_store.t1 - near_window),
        Status.AT_MERCHANT: to_store.t1,
        Status.DEPARTED: depart,
        Status.DELIVERING: delivering,
        Status.NEAR_CUSTOMER: max(delivering, to_customer.t1 - near_window),
        Status.COMPLETED: to_customer.t1 + HANDOVER_S,
    }
    stint = Stint(new_partner(rng, profile.vehicle), accept_at, [to_store, to_customer])
    return stint, plan
