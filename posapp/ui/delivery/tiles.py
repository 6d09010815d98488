"""Slippy-map arithmetic (Web Mercator, 256-px tiles, as OpenStreetMap serves them), without Qt.

World pixel coordinates at zoom z run from 0 to 256·2^z; tile (x, y) covers [256x, 256x+256).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence

TILE = 256
MAX_ZOOM = 17  # as close as the Leaflet page went: a street and its neighbours
MIN_ZOOM = 3
MAX_LAT = 85.05112878

LatLng = tuple[float, float]


def to_world(point: LatLng, zoom: float) -> tuple[float, float]:
    lat = max(-MAX_LAT, min(MAX_LAT, point[0]))
    scale = TILE * 2**zoom
    x = (point[1] + 180.0) / 360.0 * scale
    sin = math.sin(math.radians(lat))
    y = (0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi)) * scale
    return x, y


def from_world(x: float, y: float, zoom: float) -> LatLng:
    scale = TILE * 2**zoom
    lng = x / scale * 360.0 - 180.0
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / scale))))
    return lat, lng


def fit(points: Sequence[LatLng], width: int, height: int, padding: int = 56) -> tuple[int, LatLng]:
    """The closest whole zoom (tiles stay sharp) that shows every point, and the centre to show."""
    lats, lngs = [p[0] for p in points], [p[1] for p in points]
    corners = ((max(lats), min(lngs)), (min(lats), max(lngs)))
    room_w, room_h = max(width - 2 * padding, 32), max(height - 2 * padding, 32)
    zoom = MAX_ZOOM
    while zoom > MIN_ZOOM:
        (x0, y0), (x1, y1) = (to_world(c, zoom) for c in corners)
        if x1 - x0 <= room_w and y1 - y0 <= room_h:
            break
        zoom -= 1
    (x0, y0), (x1, y1) = (to_world(c, zoom) for c in corners)
    return zoom, from_world((x0 + x1) / 2, (y0 + y1) / 2, zoom)


def visible_tiles(
    center: LatLng, zoom: int, width: int, height: int
) -> Iterator[tuple[int, int, float, float]]:
    """(tile x, tile y, left, top in widget pixels) of each tile the view needs, centre first."""
    cx, cy = to_world(center, zoom)
    left, top = cx - width / 2, cy - height / 2
    count = 2**zoom
    first_x, first_y = math.floor(left / TILE), math.floor(top / TILE)
    last_x, last_y = math.floor((left + width) / TILE), math.floor((top + height) / TILE)
    middle = ((first_x + last_x) / 2, (first_y + last_y) / 2)
    cells = [(x, y) for x in range(first_x, last_x + 1) for y in range(first_y, last_y + 1) if 0 <= y < count]
    cells.sort(key=lambda c: (c[0] - middle[0]) ** 2 + (c[1] - middle[1]) ** 2)
    for x, y in cells:
        yield x % count, y, x * TILE - left, y * TILE - top


def tile_url(template: str, zoom: int, x: int, y: int) -> str:
    """``{z}/{x}/{y}`` as OSM-style servers name them (``{s}`` picks a subdomain)."""
    return template.replace("{s}", "abc"[(x + y) % 3]).format(z=zoom, x=x, y=y)
