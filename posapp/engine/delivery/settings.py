"""The delivery tab's own settings, read from the app's :class:`~posapp.settings.Settings`.

The fields may not exist on ``Settings`` yet (the composition root adds them); every one has a default
so the tab works either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

OSM_TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


@dataclass(frozen=True)
class DeliverySettings:
    auto_quote_on_accept: bool = False
    auto_book_on_ready: bool = False
    # Book this many minutes before the order's ready time; None: only when it is marked ready.
    auto_book_minutes_before_ready: int | None = None
    rebook_on_assign_timeout: bool = True
    # A partner predicted to show up this much after the food is ready raises the late alert.
    late_alert_grace_min: int = 5
    poll_interval_s: float = 15.0
    tiles_url: str = OSM_TILES_URL
    cod_type: int = 2
    staff_code: str = "0000"


def delivery_settings(settings: Any) -> DeliverySettings:
    """Pick ``delivery_*`` fields off the app settings where present (``delivery_poll_interval_s`` …)."""
    defaults = DeliverySettings()
    values = {
        name: getattr(settings, f"delivery_{name}", getattr(defaults, name))
        for name in DeliverySettings.__dataclass_fields__
    }
    return DeliverySettings(**values)
