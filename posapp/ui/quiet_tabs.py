"""The main window's tabs, without a repaint of the whole window at every change of a size hint inside.

Any text that changes inside a page (a lane's count, a card's countdown, a status word) ends in a
layout request that climbs to the tab widget, and QTabWidget answers each one by laying out its tab
bar and page again and repainting itself whole: the entire window, once per new order (~15-25 ms of
the Qt thread, in the frame that shows the order). The tab bar and the page only move when the tab
bar's size hint or the tab widget's own size changed; otherwise the request is passed on upwards
(so the window still learns of new minimum sizes) and nothing is repainted that did not change.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QTabWidget, QWidget


class QuietTabs(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._laid_out: tuple[QSize, QSize] | None = None  # (tab bar's hint, own size) last laid out

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            shape = (self.tabBar().sizeHint(), self.size())
            if shape == self._laid_out:
                self.updateGeometry()  # what QTabWidget does besides laying out and repainting
                return True
            self._laid_out = shape
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)  # lays the tab bar and the page out for the new size
        self._laid_out = (self.tabBar().sizeHint(), self.size())
