"""Customer photos of a refund request, fetched in the background by Qt's network stack."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

THUMB = 160


class PhotoStrip(QWidget):
    settled = Signal()  # every photo asked for has loaded or failed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._network = QNetworkAccessManager(self)
        self._network.setTransferTimeout(10_000)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._urls: tuple[str, ...] = ()
        self._replies: list[QNetworkReply] = []

    @property
    def loading(self) -> bool:
        return bool(self._replies)

    def show_photos(self, urls: tuple[str, ...]) -> None:
        if urls == self._urls:
            return
        self._urls = urls
        for reply in self._replies:
            reply.abort()
        self._replies = []
        while (item := self._layout.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        if not urls:
            self._layout.addWidget(QLabel(self.tr("No photos")))
            return
        for url in urls:
            label = QLabel(self.tr("Loading photo…"))
            label.setFixedSize(THUMB, THUMB)
            label.setFrameShape(QLabel.Shape.Box)
            label.setWordWrap(True)
            self._layout.addWidget(label)
            reply = self._network.get(QNetworkRequest(QUrl(url)))
            reply.finished.connect(lambda r=reply, target=label: self._loaded(r, target))
            self._replies.append(reply)
        self._layout.addStretch(1)

    def _loaded(self, reply: QNetworkReply, label: QLabel) -> None:
        if not shiboken6.isValid(self):
            return  # the strip went with its window while the photo was in flight
        reply.deleteLater()
        if reply in self._replies:
            self._replies.remove(reply)
            if not self._replies:
                self.settled.emit()
        if not shiboken6.isValid(label):
            return  # its label went first (the window closing): nothing is left to show the photo in
        pixmap = QPixmap()
        if reply.error() is QNetworkReply.NetworkError.NoError and pixmap.loadFromData(reply.readAll()):
            label.setPixmap(
                pixmap.scaled(
                    THUMB,
                    THUMB,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        elif reply.error() is not QNetworkReply.NetworkError.OperationCanceledError:
            label.setText(self.tr("Photo could not be loaded"))
