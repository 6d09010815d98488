"""Chooses the map: Leaflet in QtWebEngine when it is installed and works, else the plain Qt view."""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtWidgets import QWidget

from posapp.ui.delivery.map_scene import LatLng, MapScene
from posapp.ui.delivery.plain_map import PlainMapView

log = logging.getLogger(__name__)


class MapView(Protocol):
    kind: str
    scene: MapScene

    def set_tiles(self, url: str) -> None: ...

    def set_labels(self, store: str, customer: str) -> None: ...

    def show_scene(self, scene: MapScene) -> None: ...

    async def wait_loaded(self, within_s: float = 10.0) -> bool: ...

    async def partner_position(self) -> LatLng | None: ...


def make_map_view(tiles_url: str, prefer_web: bool = True, parent: QWidget | None = None) -> QWidget:
    """A QWidget that is also a :class:`MapView`."""
    if prefer_web:
        try:
            from posapp.ui.delivery.web_map import WebMapView
        except ImportError as error:  # QtWebEngine is an optional, large part of Qt
            log.warning("QtWebEngine is not available (%s): using the plain map", error)
        else:
            return WebMapView(tiles_url, parent)
    view = PlainMapView(parent)
    return view
