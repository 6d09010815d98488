"""The delivery map as a Qt widget: tiles from a real HTTP tile server on 127.0.0.1 under the markers and
path; offline, the markers and path alone, and a failed tile is not asked for again at every repaint."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from posapp.ui.delivery import tiles
from posapp.ui.delivery.map_scene import MapScene
from posapp.ui.delivery.tile_map import CUSTOMER, PATH, STORE, TileMapView
from posapp.ui.selftest import _has_colour

TILE_COLOUR = "#f2c14e"  # no marker uses it: seeing it means a tile was drawn
SHOP, CUSTOMER_AT, PARTNER = (22.2866, 114.1508), (22.2819, 114.1589), (22.2850, 114.1540)


def _png(colour: str) -> bytes:
    image = QImage(256, 256, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


class TileServer(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), TileHandler)
        self.requests: list[tuple[str, str]] = []  # (path, User-Agent)
        self.tile = _png(TILE_COLOUR)


class TileHandler(BaseHTTPRequestHandler):
    server: TileServer

    def do_GET(self) -> None:
        self.server.requests.append((self.path, self.headers.get("User-Agent", "")))
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(self.server.tile)))
        self.end_headers()
        self.wfile.write(self.server.tile)

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def tile_server() -> Iterator[TileServer]:
    server = TileServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _view(qtbot: QtBot, url: str) -> TileMapView:
    view = TileMapView(url)
    qtbot.addWidget(view)
    view.resize(480, 320)
    view.show()
    view.show_scene(MapScene("d1", SHOP, CUSTOMER_AT, PARTNER, "Partner", [SHOP, PARTNER]))
    return view


def test_tiles_arrive_from_the_tile_server_under_the_markers(qtbot: QtBot, tile_server: TileServer) -> None:
    view = _view(qtbot, f"http://127.0.0.1:{tile_server.server_port}/{{z}}/{{x}}/{{y}}.png")
    qtbot.waitUntil(lambda: view.cached_tiles >= 4, timeout=10_000)
    image = view.grab().toImage()
    for colour in (TILE_COLOUR, STORE, CUSTOMER, PATH):
        assert _has_colour(image, colour), colour
    path, agent = tile_server.requests[0]
    zoom = int(path.split("/")[1])
    assert zoom == view.zoom and tiles.MIN_ZOOM <= zoom <= tiles.MAX_ZOOM
    assert agent.startswith("posapp/")  # tile servers' usage policies ask clients to say who they are


def test_offline_the_markers_and_path_still_draw_and_failed_tiles_are_not_hammered(qtbot: QtBot) -> None:
    closed = ThreadingHTTPServer(("127.0.0.1", 0), TileHandler)
    port = closed.server_port
    closed.server_close()  # nothing listens: every tile fails at once
    view = _view(qtbot, f"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png")
    needed = len(list(tiles.visible_tiles(view.center, view.zoom, view.width(), view.height())))
    assert needed > 6  # more than the requests allowed at once: the rest are asked for later
    qtbot.waitUntil(lambda: len(view._failed) == needed, timeout=10_000)
    failed = dict(view._failed)
    view.repaint()
    assert view._failed == failed and not view._pending  # no new request for a tile that just failed
    image = view.grab().toImage()
    assert _has_colour(image, STORE) and _has_colour(image, CUSTOMER) and _has_colour(image, PATH)
    assert not _has_colour(image, TILE_COLOUR)


def test_the_view_refits_for_another_delivery_and_keeps_the_cashiers_zoom_otherwise(qtbot: QtBot) -> None:
    view = _view(qtbot, "")
    fitted = view.zoom
    view.zoom_out.click()  # the cashier zoomed out; the partner moves within the view
    view.show_scene(MapScene("d1", SHOP, CUSTOMER_AT, (22.2852, 114.1542), "Partner", [SHOP]))
    assert view.zoom == fitted - 1
    far = (22.3193, 114.1694)  # Mong Kok: another delivery, far away
    view.show_scene(MapScene("d2", SHOP, far, None, "", []))
    assert view.zoom < fitted
    assert all(view.rect().contains(view.to_pixel(p).toPoint()) for p in (SHOP, far))
    zoom = view.zoom
    view.zoom_in.click()
    assert view.zoom == zoom + 1
