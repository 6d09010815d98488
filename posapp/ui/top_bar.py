"""The row above the tabs: demo banner, store status, connection statuses, language and Settings.

Its height follows the text size only, never the words in it: the statuses keep to their two rows
(status_strip.py) and the banner to two lines, so switching language, a longer status or another
screen size never moves the board below it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QWidget

BANNER_PADDING = 8  # px: the banner's padding above and below its two lines (themes.py)
LINES = 2
MAX_BANNER_WIDTH = 900  # px: a banner never takes more of the bar than this
WIDEN_STEP = 20  # px


class TopBar(QWidget):
    def __init__(self, left: list[QWidget], statuses: QWidget, right: list[QWidget]) -> None:
        super().__init__()
        self._single_line = [statuses, *(w for w in left + right if not _wraps(w))]
        # A wrapping label (the demo banner) and the widths it was given for the base text size.
        self._wrapping = [(w, w.minimumWidth(), w.maximumWidth()) for w in left + right if _wraps(w)]
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in left:
            layout.addWidget(widget)
        layout.addWidget(statuses, 1)
        for widget in right:
            layout.addWidget(widget)
        self.fit()

    def fit(self) -> None:
        """Fixed height for the current text size: two lines of banner, or the tallest control; a
        wrapping label widens (with a bigger text size, or longer words) until its text takes two lines."""
        lines = LINES * self.fontMetrics().lineSpacing() + BANNER_PADDING
        height = max([lines, *(w.sizeHint().height() for w in self._single_line)])
        self.setFixedHeight(height)
        for widget, least, most in self._wrapping:
            width = least
            while widget.heightForWidth(width) > height and width < MAX_BANNER_WIDTH:
                width += WIDEN_STEP
            widget.setMinimumWidth(width)
            widget.setMaximumWidth(max(width, most))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit()

    def showEvent(self, event: QShowEvent) -> None:
        self.fit()  # the theme's sizes are known once polished
        super().showEvent(event)


def _wraps(widget: QWidget) -> bool:
    word_wrap = getattr(widget, "wordWrap", None)
    return bool(word_wrap()) if callable(word_wrap) else False
