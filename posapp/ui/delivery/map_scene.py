"""What the delivery map shows, independent of how it is drawn (tile map or plain view)."""

from __future__ import annotations

from dataclasses import dataclass, field

from posapp.domain.delivery_request import parse_location

LatLng = tuple[float, float]


# px: the streets between the shop and the customer stay readable at 1024x768; the courier list below
# takes what its couriers need (at least two rows) and the map the rest.
MAP_MIN_HEIGHT = 240


@dataclass(frozen=True)
class MapScene:
    key: str = ""  # which delivery; the view re-centres only when it changes
    store: LatLng | None = None
    customer: LatLng | None = None
    partner: LatLng | None = None
    partner_label: str = ""
    path: list[LatLng] = field(default_factory=list)

    @property
    def points(self) -> list[LatLng]:
        extra = [p for p in (self.store, self.customer, self.partner) if p is not None]
        return [*self.path, *extra]


def point(text: str) -> LatLng | None:
    """``"lat,lng"`` → a point; None for empty or unreadable text (the map just leaves it out)."""
    try:
        return parse_location(text.strip()) if text.strip() else None
    except ValueError:
        return None
