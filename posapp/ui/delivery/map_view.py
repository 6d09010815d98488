"""Chooses the map: tiles from the configured server under the markers, or the plain painted view
(no network at all, for a counter PC that must not reach out)."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QWidget

from posapp.ui.delivery.map_scene import LatLng, MapScene
from posapp.ui.delivery.plain_map import PlainMapView
from posapp.ui.delivery.tile_map import TileMapView


class MapView(Protocol):
    kind: str
    scene: MapScene

    def set_tiles(self, url: str) -> None: ...

    def set_labels(self, store: str, customer: str) -> None: ...

    def show_scene(self, scene: MapScene) -> None: ...

    async def wait_loaded(self, within_s: float = 10.0) -> bool: ...

    async def partner_position(self) -> LatLng | None: ...


def make_map_view(tiles_url: str, with_tiles: bool = True, parent: QWidget | None = None) -> QWidget:
    """A QWidget that is also a :class:`MapView`."""
    if with_tiles:
        return TileMapView(tiles_url, parent)
    return PlainMapView(parent)
