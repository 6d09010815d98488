"""Distances and partner paths for the Zeek simulator.

Travel distance is the great-circle distance times a road factor (STAND-IN 1.35, typical of Hong Kong's
hilly, one-way street grid). A partner's path is a dog-leg through one corner, which looks like driving
along two streets rather than flying over buildings.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from typing import NamedTuple

EARTH_RADIUS_M = 6_371_000.0
ROAD_FACTOR = 1.35

_LOCATION = re.compile(r"^(-?\d{1,3}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?)$")


class LatLng(NamedTuple):
    lat: float
    lng: float

    def text(self) -> str:
        """Zeek's ``"lat,lng"`` form, as in its examples (10 decimals, no space)."""
        return f"{self.lat:.10f},{self.lng:.10f}"


def parse_location(text: object) -> LatLng | None:
    """A ``"lat,lng"`` string in range, or None when it is not one."""
    if not isinstance(text, str):
        return None
    match = _LOCATION.match(text)
    if match is None:
        return None
    point = LatLng(float(match.group(1)), float(match.group(2)))
    if not (-90 <= point.lat <= 90 and -180 <= point.lng <= 180):
        return None
    return point


def haversine_m(a: LatLng, b: LatLng) -> float:
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat, dlng = lat2 - lat1, math.radians(b.lng - a.lng)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlng / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def travel_m(a: LatLng, b: LatLng) -> float:
    return haversine_m(a, b) * ROAD_FACTOR


def destination(origin: LatLng, bearing_deg: float, distance_m: float) -> LatLng:
    """The point ``distance_m`` from ``origin`` on an initial bearing (degrees clockwise from north)."""
    angular = distance_m / EARTH_RADIUS_M
    bearing = math.radians(bearing_deg)
    lat1, lng1 = math.radians(origin.lat), math.radians(origin.lng)
    lat2 = math.asin(
        math.sin(lat1) * math.cos(angular) + math.cos(lat1) * math.sin(angular) * math.cos(bearing)
    )
    lng2 = lng1 + math.atan2(
        math.sin(bearing) * math.sin(angular) * math.cos(lat1),
        math.cos(angular) - math.sin(lat1) * math.sin(lat2),
    )
    return LatLng(math.degrees(lat2), math.degrees(lng2))


@dataclass(frozen=True)
class Path:
    """A polyline walked at constant speed; positions are interpolated by distance covered."""

    points: tuple[LatLng, ...]

    @classmethod
    def dogleg(cls, start: LatLng, end: LatLng, lat_first: bool = True) -> Path:
        corner = LatLng(end.lat, start.lng) if lat_first else LatLng(start.lat, end.lng)
        return cls((start, corner, end))

    @property
    def start(self) -> LatLng:
        return self.points[0]

    @property
    def end(self) -> LatLng:
        return self.points[-1]

    def length_m(self) -> float:
        return sum(haversine_m(a, b) for a, b in itertools.pairwise(self.points))

    def at_fraction(self, fraction: float) -> LatLng:
        """The point ``fraction`` (0..1) of the way along the path."""
        remaining = max(0.0, min(1.0, fraction)) * self.length_m()
        for a, b in itertools.pairwise(self.points):
            leg = haversine_m(a, b)
            if remaining <= leg and leg > 0:
                t = remaining / leg
                return LatLng(a.lat + (b.lat - a.lat) * t, a.lng + (b.lng - a.lng) * t)
            remaining -= leg
        return self.end
