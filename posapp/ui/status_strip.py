"""Short statuses in a strip of fixed height: two rows, each status whole on one row.

A status never breaks inside a word (nor a Chinese phrase inside its characters): when the strip is
too narrow it first uses the statuses' short forms, then cuts the last one that fits after a whole word
or phrase with "…" and leaves out the rest. Every status's full text stays in its tooltip and
accessible name, and the strip's own tooltip lists them all, so nothing said is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QFontMetrics, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from posapp.ui.restyle import set_style_property

ROWS = 2
GAP = 16  # px between two statuses on a row
ROW_GAP = 2  # px between the rows
MARGIN = 2  # px above and below the rows
MIN_WIDTH = 160  # px: the strip gives way to the buttons beside it, down to this
ELLIPSIS = "…"
# A word, or a run of Chinese up to its punctuation: the units text is cut between, never inside.
_UNITS = re.compile(r"[^\s，、：；。]+[\s，、：；。]*")


@dataclass(frozen=True)
class Status:
    key: str
    text: str  # the full words
    short: str = ""  # what the status says when room is short ("" = the full words)
    problem: bool = False  # drawn as a problem (bold, in the problem colour)


def cut_at_words(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` as it fits in ``width``: whole, or its leading whole words and "…" ("" when not even the
    first word fits)."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    shown = ""
    for unit in _UNITS.findall(text):
        longer = shown + unit
        if metrics.horizontalAdvance(longer.rstrip() + ELLIPSIS) > width:
            break
        shown = longer
    shown = shown.rstrip(" ·–-,:：，、")
    return shown + ELLIPSIS if shown else ""


class StatusStrip(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._statuses: list[Status] = []
        self.labels: dict[str, QLabel] = {}
        self.complete = True  # every status is on screen (whole or in its short form)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._fit_height()

    def set_statuses(self, statuses: list[Status]) -> None:
        if statuses == self._statuses:
            return  # the countdown's tick: nothing to move
        self._statuses = list(statuses)
        for key in [k for k in self.labels if k not in {s.key for s in statuses}]:
            self.labels.pop(key).deleteLater()
        for status in statuses:
            label = self.labels.get(status.key)
            if label is None:
                label = self.labels[status.key] = QLabel(self)
                label.setWordWrap(False)
            label.setToolTip(status.text)
            label.setAccessibleName(status.text)
            set_style_property(label, "role", "problem" if status.problem else "")
        self.setToolTip("\n".join(s.text for s in statuses))
        self.setAccessibleName(" · ".join(s.text for s in statuses))
        self.updateGeometry()
        self._arrange()

    def text(self, key: str) -> str:
        """What ``key``'s status shows now ("" when left out for room)."""
        label = self.labels.get(key)
        return label.text() if label is not None and not label.isHidden() else ""

    # --- size and places ---------------------------------------------------------------------------

    def _row_height(self) -> int:
        return max(
            [self.fontMetrics().height()] + [label.sizeHint().height() for label in self.labels.values()]
        )

    def _fit_height(self) -> None:
        self.setFixedHeight(ROWS * self._row_height() + (ROWS - 1) * ROW_GAP + 2 * MARGIN)

    def sizeHint(self) -> QSize:
        one_row = sum(self._width(s.key, s.text) + GAP for s in self._statuses)
        return QSize(max(MIN_WIDTH, one_row), self.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(MIN_WIDTH, self.height())

    def _width(self, key: str, text: str) -> int:
        label = self.labels[key]
        return label.fontMetrics().horizontalAdvance(text) + label.contentsMargins().left() * 2 + 2

    def _place(self, texts: list[tuple[str, str]], cut_last: bool) -> list[tuple[str, str, int, int]] | None:
        """(key, text, x, row) for each status in turn, in order; None when they do not all fit. With
        ``cut_last`` the first status that does not fit is cut after a whole word on the row it would
        end, and the ones after it are left out."""
        width = self.width()
        placed: list[tuple[str, str, int, int]] = []
        ends = [0] * ROWS  # where each row's text ends
        row = 0
        for key, text in texts:
            need = self._width(key, text)
            while row < ROWS - 1 and ends[row] and ends[row] + GAP + need > width:
                row += 1
            start = ends[row] + GAP if ends[row] else 0
            if start + need <= width:
                placed.append((key, text, start, row))
                ends[row] = start + need
                continue
            if not cut_last:
                return None
            cut = cut_at_words(text, self.labels[key].fontMetrics(), width - start - self._width(key, ""))
            if cut:
                placed.append((key, cut, start, row))
            return placed
        return placed

    def _arrange(self) -> None:
        if not self._statuses:
            return
        if not self.isVisible():  # no width yet: the full words, fitted once shown
            for status in self._statuses:
                self.labels[status.key].setText(status.text)
            return
        full = [(s.key, s.text) for s in self._statuses]
        short = [(s.key, s.short or s.text) for s in self._statuses]
        placed = self._place(full, False) or self._place(short, False)
        self.complete = placed is not None
        if placed is None:
            placed = self._place(short, True) or []
        row_height = self._row_height()
        rows = 1 + max((row for *_, row in placed), default=0)
        top = (self.height() - rows * row_height - (rows - 1) * ROW_GAP) // 2  # one row: in the middle
        shown = set()
        for key, text, x, row in placed:
            label = self.labels[key]
            label.setText(text)
            label.setGeometry(x, top + row * (row_height + ROW_GAP), self._width(key, text), row_height)
            label.show()
            shown.add(key)
        for key, label in self.labels.items():
            label.setVisible(key in shown)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._arrange()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_height()  # a bigger text size: taller rows, still two of them
            self._arrange()
