"""A photo arriving after its label is gone (the window closing around it) ends quietly, instead of
raising in Qt's event loop."""

from __future__ import annotations

import base64
import socket
import threading

import shiboken6
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from posapp.ui.photos import PhotoStrip

# A 1×1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)


def _serve_once(server: socket.socket, release: threading.Event) -> None:
    conn, _ = server.accept()
    with conn:
        conn.recv(65536)
        release.wait(10)  # answer only once the test has removed the label
        head = (
            "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n"
            f"Content-Length: {len(PNG)}\r\nConnection: close\r\n\r\n"
        )
        conn.sendall(head.encode() + PNG)


def test_a_photo_arriving_after_its_label_is_gone_ends_quietly(qtbot: QtBot) -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    release = threading.Event()
    thread = threading.Thread(target=_serve_once, args=(server, release), daemon=True)
    thread.start()
    try:
        strip = PhotoStrip()
        qtbot.addWidget(strip)
        strip.show_photos((f"http://127.0.0.1:{server.getsockname()[1]}/a.png",))
        (reply,) = strip._replies
        for label in strip.findChildren(QLabel):
            shiboken6.delete(label)
        with qtbot.waitSignal(strip.settled):  # pytest-qt fails the test on an exception in the slot
            release.set()
        assert not strip.loading and reply.error() is reply.NetworkError.NoError
    finally:
        release.set()
        server.close()
        thread.join(5)
