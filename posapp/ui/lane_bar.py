"""The board's lanes (New, In progress, Ready, Done, Refund requests) as big buttons that wrap onto a
second row when the board is narrow, instead of tabs that scroll out of sight at 1024 px.

It keeps QTabBar's names (``currentIndex``, ``setCurrentIndex``, ``currentChanged``, ``tabText``…),
so the board and its benchmark drive it as they drove the tab bar.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QPushButton, QSizePolicy, QWidget


class LaneBar(QWidget):
    currentChanged = Signal(int)

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[QPushButton] = []
        for index in range(count):
            button = QPushButton()
            button.setCheckable(True)
            button.setProperty("role", "lane")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.group.addButton(button, index)
            self.buttons.append(button)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(4)
        self._columns = 0
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.buttons[0].setChecked(True)
        self.group.idToggled.connect(self._toggled)
        self.installEventFilter(self)
        self._arrange(count)

    # --- QTabBar's names -------------------------------------------------------------------------------

    def count(self) -> int:
        return len(self.buttons)

    def currentIndex(self) -> int:
        return self.group.checkedId()

    def setCurrentIndex(self, index: int) -> None:
        if 0 <= index < len(self.buttons) and index != self.currentIndex():
            self.buttons[index].setChecked(True)

    def tabText(self, index: int) -> str:
        return str(self.buttons[index].text())

    def setTabText(self, index: int, text: str) -> None:
        self.buttons[index].setText(text)
        self._arrange(self._fitting_columns())

    def _toggled(self, index: int, checked: bool) -> None:
        if checked:
            self.currentChanged.emit(index)

    # --- wrapping ----------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        changes = (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.StyleChange)
        if watched is self and event.type() in changes:
            self._arrange(self._fitting_columns())
        return False

    def _fitting_columns(self) -> int:
        """As many buttons to a row as fit whole; the rows share the buttons evenly (5 → 3 + 2)."""
        room = self.width()
        widest = max(button.sizeHint().width() for button in self.buttons)
        self.setMinimumWidth(widest)  # one lane to a row is the narrowest it gets
        spacing = self._grid.horizontalSpacing()
        count = len(self.buttons)
        for columns in range(count, 0, -1):
            rows = -(-count // columns)
            columns = -(-count // rows)
            if columns * widest + (columns - 1) * spacing <= room:
                return columns
        return 1

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for button in self.buttons:
            self._grid.removeWidget(button)
        for index, button in enumerate(self.buttons):
            self._grid.addWidget(button, index // columns, index % columns)
