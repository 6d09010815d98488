"""A countdown as a bar that fills, changes colour, and says what it means in words.

The words wrap instead of being cut, so "ACCEPT NOW – auto-cancel in 0:44" is whole in any language and
width; the colour is never the only signal (the words change with the level too).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from posapp.ui.restyle import set_style_property
from posapp.ui.urgency import Level, Urgency

STEPS = 1000


class CountdownBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, STEPS)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(14)
        self.words = QLabel()
        self.words.setWordWrap(True)
        self.words.setProperty("role", "countdown")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.bar)
        layout.addWidget(self.words)

    def show_urgency(self, urgency: Urgency | None, used: float = 0.0) -> None:
        """``used``: the part of the time gone (0 just placed … 1 deadline), the bar's fill."""
        if urgency is None or urgency.level is Level.NONE:
            self.hide()
            self.words.hide()  # it may sit apart from the bar (the order detail's header)
            return
        level = urgency.level.value
        self._fill(round(max(0.0, min(1.0, used)) * STEPS))
        self.words.setText(urgency.text)
        self.words.setAccessibleName(urgency.text)
        set_style_property(self.bar, "urgency", level)
        set_style_property(self.words, "urgency", level)
        self.show()
        self.words.show()

    def _fill(self, value: int) -> None:
        """The bar's fill, drawn with the next frame: QProgressBar.setValue repaints at once (a paint
        of the window's dirty region per card per tick, ahead of whatever the Qt thread had to do)."""
        if value == self.bar.value():
            return
        self.bar.setUpdatesEnabled(False)  # setValue's own repaint() is skipped while updates are off
        self.bar.setValue(value)
        self.bar.setUpdatesEnabled(True)  # schedules an ordinary update(): painted with the next frame
