"""The live map: a local Leaflet page (``resources/map/``, no CDN) in a QWebEngineView.

Tiles come from a configurable URL (OpenStreetMap by default); without them the vector markers and the
path still draw on a blank background. Calls made before the page has loaded are replayed after.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QShowEvent
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from posapp.assets import resources_dir
from posapp.ui.delivery.map_scene import LatLng, MapScene

log = logging.getLogger(__name__)


class _LoggingPage(QWebEnginePage):
    """Sends the page's console (script errors above all) to the app log instead of stderr."""

    def javaScriptConsoleMessage(
        self, level: QWebEnginePage.JavaScriptConsoleMessageLevel, message: str, line: int, source: str
    ) -> None:
        log.info("map page: %s (%s:%d)", message, source, line)


def map_page_url() -> QUrl:
    return QUrl.fromLocalFile(str(resources_dir() / "map" / "index.html"))


class WebMapView(QWebEngineView):
    kind = "web"

    def __init__(self, tiles_url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loaded = False
        self._loaded_event = asyncio.Event()
        self.scene = MapScene()
        self._tiles = tiles_url
        self._labels = ("Shop", "Customer")
        self.setPage(_LoggingPage(self))
        self.setMinimumSize(320, 200)
        self.loadFinished.connect(self._loaded)
        self.load(map_page_url())

    def _loaded(self, ok: bool) -> None:
        self.loaded = ok
        self._loaded_event.set()
        if ok:
            self.set_tiles(self._tiles)
            self.show_scene(self.scene)

    async def wait_loaded(self, within_s: float = 10.0) -> bool:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._loaded_event.wait(), within_s)
        return self.loaded

    def _run(self, script: str) -> None:
        if self.loaded:
            self.page().runJavaScript(script)

    def set_tiles(self, url: str) -> None:
        self._tiles = url
        self._run(f"posappMap.setTiles({json.dumps(url)})")

    def set_labels(self, store: str, customer: str) -> None:
        self._labels = (store, customer)
        self.show_scene(self.scene)

    def show_scene(self, scene: MapScene) -> None:
        self.scene = scene
        self._run(f"posappMap.show({json.dumps(scene.to_js(*self._labels))})")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._run("posappMap.fit()")  # loaded while hidden, the page measured itself as 0×0

    async def evaluate(self, script: str) -> Any:
        """Run JavaScript on the page and wait for its result."""
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()

        def done(value: Any) -> None:
            if not future.done():
                future.set_result(value)

        self.page().runJavaScript(script, 0, done)
        return await future

    async def partner_position(self) -> LatLng | None:
        """Where the page itself has the partner's marker (not just what Python last sent)."""
        if not self.loaded:
            return None
        # JSON text: Qt hands JS arrays back unreliably, strings always.
        value = json.loads(str(await self.evaluate("JSON.stringify(posappMap.partnerLatLng())")))
        return (float(value[0]), float(value[1])) if isinstance(value, list) and len(value) == 2 else None
