"""The live map as a plain Qt widget: map tiles (OpenStreetMap by default) when the shop is online, the
shop, the customer, the partner and the partner's path always.

It replaced a Leaflet page in QtWebEngine, which cost ~250 MB in the installer and three helper
processes at run time for the same picture (issue 14). Tiles are fetched with QNetworkAccessManager
(asynchronous: the Qt thread never waits), kept in a small memory cache, and a tile that failed is not
asked for again for a minute, so an offline shop costs nothing. The view re-centres for another delivery
or when the partner leaves it; otherwise the cashier's own zoom (wheel) and pan (drag) stay.
"""

from __future__ import annotations

import time
from collections import OrderedDict

from PySide6.QtCore import QCoreApplication, QPoint, QPointF, QRectF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest
from PySide6.QtWidgets import QPushButton, QWidget

from posapp import __version__
from posapp.ui.delivery import tiles
from posapp.ui.delivery.map_scene import MAP_MIN_HEIGHT, LatLng, MapScene

STORE, CUSTOMER, PARTNER, PATH = "#2e7d32", "#c62828", "#1f6feb", "#1f6feb"
BACKGROUND = "#e8eef2"
CACHE_TILES = 48  # ~12 MB of decoded 256×256 tiles: a full-screen map and some panning
RETRY_FAILED_S = 60.0
MAX_REQUESTS = 6  # what tile servers' usage policies allow per client
ATTRIBUTION = "© OpenStreetMap contributors"
HONG_KONG = (22.2866, 114.1508)

TileKey = tuple[int, int, int]


class TileMapView(QWidget):
    kind = "tiles"

    def __init__(self, tiles_url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene = MapScene()
        self.store_label, self.customer_label = "Shop", "Customer"
        self.zoom, self.center = 14, HONG_KONG
        self.tiles_url = tiles_url
        self._fitted_for: str | None = None
        self._cache: OrderedDict[TileKey, QPixmap] = OrderedDict()
        self._failed: dict[TileKey, float] = {}
        self._pending: dict[TileKey, QNetworkReply] = {}
        self._network: QNetworkAccessManager | None = None
        self._drag_from: QPoint | None = None
        self.setMinimumSize(320, MAP_MIN_HEIGHT)
        # Counter PCs are touchscreens: buttons, not only the wheel, zoom the map.
        self.zoom_in, self.zoom_out = QPushButton("+", self), QPushButton("−", self)
        for offset, button, step in ((10, self.zoom_in, 1), (64, self.zoom_out, -1)):
            button.setGeometry(10, offset, 48, 48)  # a finger's size, like every other button
            button.setStyleSheet("font: bold 24px; padding: 0; min-height: 0; background: white;")
            button.clicked.connect(lambda _checked=False, step=step: self.zoom_by(step))
        self.zoom_in.setAccessibleName(QCoreApplication.translate("Delivery", "Zoom in"))
        self.zoom_out.setAccessibleName(QCoreApplication.translate("Delivery", "Zoom out"))

    # --- the MapView protocol --------------------------------------------------------------------------
    def set_tiles(self, url: str) -> None:
        if url != self.tiles_url:
            self.tiles_url = url
            self._cache.clear()
            self._failed.clear()
            self.update()

    def set_labels(self, store: str, customer: str) -> None:
        self.store_label, self.customer_label = store, customer
        self.update()

    def show_scene(self, scene: MapScene) -> None:
        self.scene = scene
        if scene.points and (self._fitted_for != scene.key or not self._all_visible()):
            self._fitted_for = scene.key
            self.fit()
        self.update()

    async def wait_loaded(self, within_s: float = 10.0) -> bool:
        return True  # draws synchronously; tiles fill in as they arrive

    async def partner_position(self) -> LatLng | None:
        return self.scene.partner

    # --- view --------------------------------------------------------------------------------------------
    def fit(self) -> None:
        points = self.scene.points
        if points:
            self.zoom, self.center = tiles.fit(points, self.width(), self.height())
        self.update()

    def to_pixel(self, point: LatLng) -> QPointF:
        x, y = tiles.to_world(point, self.zoom)
        cx, cy = tiles.to_world(self.center, self.zoom)
        return QPointF(x - cx + self.width() / 2, y - cy + self.height() / 2)

    def _all_visible(self) -> bool:
        area = QRectF(self.rect())
        return all(area.contains(self.to_pixel(p)) for p in self.scene.points)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.scene.points:
            self.fit()  # shown, hidden or resized with the window: the delivery fits the new size

    def zoom_by(self, step: int) -> None:
        self.zoom = max(tiles.MIN_ZOOM, min(tiles.MAX_ZOOM + 1, self.zoom + step))
        self.update()

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.zoom_by(1 if event.angleDelta().y() > 0 else -1)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._drag_from = event.position().toPoint()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is None:
            return
        now = event.position().toPoint()
        cx, cy = tiles.to_world(self.center, self.zoom)
        delta = now - self._drag_from
        self.center = tiles.from_world(cx - delta.x(), cy - delta.y(), self.zoom)
        self._drag_from = now
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag_from = None

    # --- painting ----------------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(BACKGROUND))
        self._paint_tiles(painter)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scene = self.scene
        if len(scene.path) > 1:
            painter.setPen(QPen(QColor(PATH), 5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawPolyline(QPolygonF([self.to_pixel(p) for p in scene.path]))
        markers = [
            (self.to_pixel(where), color, label, radius, below)
            for where, color, label, radius, below in (
                (scene.store, STORE, self.store_label, 10, True),
                (scene.customer, CUSTOMER, self.customer_label, 10, False),
                (scene.partner, PARTNER, scene.partner_label or "Partner", 12, False),
            )
            if where is not None
        ]
        for at, color, _, radius, _ in markers:
            self._dot(painter, at, color, radius)
        for at, _, label, radius, below in markers:  # labels last: no marker hides a name
            self._label(painter, at, label, radius, below)
        if self.tiles_url:
            painter.setPen(QColor("#333333"))
            painter.setFont(self.font())
            corner = QRectF(0, self.height() - 18, self.width() - 6, 16)
            painter.drawText(corner, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, ATTRIBUTION)
        painter.end()

    def _paint_tiles(self, painter: QPainter) -> None:
        if not self.tiles_url:
            return
        for x, y, left, top in tiles.visible_tiles(self.center, self.zoom, self.width(), self.height()):
            key = (self.zoom, x, y)
            pixmap = self._cache.get(key)
            if pixmap is None:
                self._request(key)
                continue
            self._cache.move_to_end(key)
            painter.drawPixmap(QPointF(left, top), pixmap)

    def _dot(self, painter: QPainter, at: QPointF, color: str, radius: int) -> None:
        painter.setPen(QPen(QColor("#ffffff"), 3))
        painter.setBrush(QColor(color))
        painter.drawEllipse(at, radius, radius)

    def _label(self, painter: QPainter, at: QPointF, label: str, radius: int, below: bool) -> None:
        font = painter.font()
        font.setBold(True)
        font.setPixelSize(13)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        width = metrics.horizontalAdvance(label) + 12
        top = at.y() + radius + 4 if below else at.y() - radius - 4 - 22
        box = QRectF(at.x() - width / 2, top, width, 22)
        painter.setPen(QPen(QColor("#9aa5ad"), 1))
        painter.setBrush(QColor(255, 255, 255, 235))
        painter.drawRoundedRect(box, 4, 4)
        painter.setPen(QColor("#1b1b1b"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)

    # --- tiles over the network --------------------------------------------------------------------------
    def _request(self, key: TileKey) -> None:
        if key in self._pending or len(self._pending) >= MAX_REQUESTS:
            return
        failed_at = self._failed.get(key)
        if failed_at is not None and time.monotonic() - failed_at < RETRY_FAILED_S:
            return
        if self._network is None:
            self._network = QNetworkAccessManager(self)
        request = QNetworkRequest(QUrl(tiles.tile_url(self.tiles_url, *key)))
        # Tile servers' usage policies ask every client to say who it is.
        request.setHeader(
            QNetworkRequest.KnownHeaders.UserAgentHeader, f"posapp/{__version__} (delivery map)"
        )
        request.setTransferTimeout(10_000)
        reply = self._network.get(request)
        self._pending[key] = reply
        reply.finished.connect(lambda: self._arrived(key, reply))

    def _arrived(self, key: TileKey, reply: QNetworkReply) -> None:
        self._pending.pop(key, None)
        pixmap = QPixmap()
        ok = reply.error() == QNetworkReply.NetworkError.NoError and pixmap.loadFromData(reply.readAll())
        reply.deleteLater()
        if not ok:
            self._failed[key] = time.monotonic()
            self.update()  # the next paint asks for the tiles still waiting their turn (not this one)
            return
        self._failed.pop(key, None)
        self._cache[key] = pixmap
        while len(self._cache) > CACHE_TILES:
            self._cache.popitem(last=False)
        self.update()

    @property
    def cached_tiles(self) -> int:
        return len(self._cache)
