"""Several Keeta shops (brands) served from one counter: which shops, their names and colours, and the
keyring name of each shop's relay store token.

The first brand is the shop the app always had (``Settings.keeta_shop_id`` and the ``relay.store_token``
secret), so a settings file from before brands existed reads as one brand without being rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from posapp.settings import SECRET_RELAY_TOKEN, Settings

# Distinct on light and dark themes; a brand without its own colour takes the next one.
PALETTE = ("#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Brand:
    shop_id: int
    name: str  # "" : the shop id is shown instead
    colour: str  # "#rrggbb"

    @property
    def label(self) -> str:
        return self.name or str(self.shop_id)

    def as_setting(self) -> dict[str, Any]:
        return {"shop_id": self.shop_id, "name": self.name, "colour": self.colour}


def relay_token_name(shop_id: int) -> str:
    """The keyring name of one shop's relay store token (never kept in the settings file)."""
    return f"{SECRET_RELAY_TOKEN}.{shop_id}"


def brands_of(settings: Settings) -> tuple[Brand, ...]:
    """Every brand, the main shop (``keeta_shop_id``) first. Entries that are not a brand (no positive
    whole shop id, a shop listed twice) are skipped: a hand-edited file never stops the counter."""
    found: dict[int, Brand] = {}
    for entry in settings.brands:
        brand = _brand(entry, len(found))
        if brand is not None and brand.shop_id not in found:
            found[brand.shop_id] = brand
    main = found.pop(settings.keeta_shop_id, None) if settings.keeta_shop_id else None
    if settings.keeta_shop_id and main is None:
        main = Brand(settings.keeta_shop_id, "", PALETTE[0])
    ordered = ([main] if main is not None else []) + list(found.values())
    return tuple(ordered)


def other_brands(settings: Settings) -> tuple[Brand, ...]:
    """The brands after the main shop: each needs its own relay connection."""
    return tuple(brand for brand in brands_of(settings) if brand.shop_id != settings.keeta_shop_id)


def brand_for(brands: Sequence[Brand], shop_id: int) -> Brand | None:
    return next((brand for brand in brands if brand.shop_id == shop_id), None)


def _brand(entry: Any, index: int) -> Brand | None:
    if not isinstance(entry, dict):
        return None
    shop_id = entry.get("shop_id")
    if not isinstance(shop_id, int) or isinstance(shop_id, bool) or not 0 < shop_id < 2**63:
        return None
    name = entry.get("name")
    colour = entry.get("colour")
    return Brand(
        shop_id,
        name.strip()[:40] if isinstance(name, str) else "",
        colour if isinstance(colour, str) and _COLOUR.match(colour) else PALETTE[index % len(PALETTE)],
    )
