"""The map without tiles or network: store, customer, path and partner drawn with QPainter on a plain
background. Same ``show_scene`` / ``partner_position`` as the tile map."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from posapp.ui.delivery.map_scene import MAP_MIN_HEIGHT, LatLng, MapScene

MARGIN = 40
STORE, CUSTOMER, PARTNER, PATH = "#2e7d32", "#c62828", "#1f6feb", "#1f6feb"


class PlainMapView(QWidget):
    kind = "plain"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scene = MapScene()
        self.setMinimumSize(320, MAP_MIN_HEIGHT)
        self.store_label, self.customer_label = "Shop", "Customer"

    def set_tiles(self, url: str) -> None:
        """No tiles in the plain view; kept so both views take the same settings."""

    def set_labels(self, store: str, customer: str) -> None:
        self.store_label, self.customer_label = store, customer
        self.update()

    def show_scene(self, scene: MapScene) -> None:
        self.scene = scene
        self.update()

    async def wait_loaded(self, within_s: float = 10.0) -> bool:
        return True

    async def partner_position(self) -> LatLng | None:
        return self.scene.partner

    def _projector(self) -> tuple[float, float, float, float, float] | None:
        points = self.scene.points
        if not points:
            return None
        lats, lngs = [p[0] for p in points], [p[1] for p in points]
        squash = math.cos(math.radians(sum(lats) / len(lats)))  # metres per degree of longitude shrink
        width = max((max(lngs) - min(lngs)) * squash, 1e-4)
        height = max(max(lats) - min(lats), 1e-4)
        scale = min((self.width() - 2 * MARGIN) / width, (self.height() - 2 * MARGIN) / height)
        return min(lngs), max(lats), squash, scale, height

    def to_pixel(self, point: LatLng) -> QPointF:
        projector = self._projector()
        if projector is None:
            return QPointF(self.width() / 2, self.height() / 2)
        west, north, squash, scale, _ = projector
        return QPointF(MARGIN + (point[1] - west) * squash * scale, MARGIN + (north - point[0]) * scale)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#e8eef2"))
        scene = self.scene
        if len(scene.path) > 1:
            painter.setPen(QPen(QColor(PATH), 4))
            painter.drawPolyline(QPolygonF([self.to_pixel(p) for p in scene.path]))
        for where, color, label in (
            (scene.store, STORE, self.store_label),
            (scene.customer, CUSTOMER, self.customer_label),
            (scene.partner, PARTNER, scene.partner_label or "Partner"),
        ):
            if where is not None:
                self._dot(painter, self.to_pixel(where), color, label)
        painter.end()

    def _dot(self, painter: QPainter, at: QPointF, color: str, label: str) -> None:
        painter.setPen(QPen(QColor("#ffffff"), 3))
        painter.setBrush(QColor(color))
        painter.drawEllipse(at, 10, 10)
        painter.setPen(QColor("#1b1b1b"))
        painter.drawText(QRectF(at.x() - 90, at.y() - 34, 180, 20), Qt.AlignmentFlag.AlignCenter, label)
