"""A big − value + control for whole numbers (minutes, counts), in place of QSpinBox.

A spin box's arrows are a few pixels tall (and draw as clipped lines under the app's style sheet); a
wet finger at the counter needs two 56 px buttons. The value can also be typed, and the arrow keys,
Page Up/Down and +/− work when it has focus, so it is usable without a mouse. It keeps QSpinBox's
names (``value``, ``setValue``, ``setRange``, ``valueChanged``…) so it drops in where one was.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QIntValidator, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QWidget

from posapp.ui.themes import TOUCH_HEIGHT

BUTTON_SIZE = TOUCH_HEIGHT  # px, square: well over the 48 px a stepper needs to be hit reliably


class Stepper(QWidget):
    valueChanged = Signal(int)

    def __init__(
        self,
        minimum: int = 0,
        maximum: int = 99,
        value: int | None = None,
        step: int = 1,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._minimum, self._maximum, self._step = minimum, maximum, step
        self._value = minimum
        self._name = ""
        self._suffix = ""
        self._prefix = ""
        self._special = ""
        self.less = _step_button("−")
        self.more = _step_button("+")
        self.edit = QLineEdit()
        self.edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.edit.setMinimumHeight(BUTTON_SIZE)
        self.edit.setValidator(QIntValidator(minimum, maximum, self))
        self.edit.installEventFilter(self)
        self.unit = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.less)
        layout.addWidget(self.edit)
        layout.addWidget(self.more)
        layout.addWidget(self.unit)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setFocusProxy(self.edit)
        self.less.clicked.connect(self.stepDown)
        self.more.clicked.connect(self.stepUp)
        self.edit.editingFinished.connect(self._typed)
        self.setValue(minimum if value is None else value)

    # --- QSpinBox's names ------------------------------------------------------------------------------

    def value(self) -> int:
        return self._value

    def setValue(self, value: int) -> None:
        value = max(self._minimum, min(self._maximum, int(value)))
        changed = value != self._value
        self._value = value
        self._show()
        if changed:
            self.valueChanged.emit(value)

    def minimum(self) -> int:
        return self._minimum

    def maximum(self) -> int:
        return self._maximum

    def setRange(self, minimum: int, maximum: int) -> None:
        self._minimum, self._maximum = minimum, max(minimum, maximum)
        validator = self.edit.validator()
        if isinstance(validator, QIntValidator):
            validator.setRange(self._minimum, self._maximum)
        self.setValue(self._value)

    def setMinimum(self, minimum: int) -> None:
        self.setRange(minimum, self._maximum)

    def setMaximum(self, maximum: int) -> None:
        self.setRange(self._minimum, maximum)

    def singleStep(self) -> int:
        return self._step

    def setSingleStep(self, step: int) -> None:
        self._step = max(1, step)

    def setSuffix(self, suffix: str) -> None:
        """Words after the number ("min"), outside the typed field so typing never fights them."""
        self._suffix = suffix.strip()
        self.unit.setText(self._suffix)
        self.unit.setVisible(bool(self._suffix))
        self._name_parts()

    def setPrefix(self, prefix: str) -> None:
        self._prefix = prefix
        self._show()

    def setSpecialValueText(self, text: str) -> None:
        """Words shown in place of the minimum ("not set", "when marked ready"), as QSpinBox does."""
        self._special = text
        self._show()

    def text(self) -> str:
        return self.edit.text()

    def stepUp(self) -> None:
        self.setValue(self._value + self._step)

    def stepDown(self) -> None:
        self.setValue(self._value - self._step)

    # --- words ---------------------------------------------------------------------------------------------

    def setAccessibleName(self, name: str) -> None:
        """One name for the whole control; the buttons say what they do to it ("less: Preparation time")."""
        super().setAccessibleName(name)
        self._name = name
        self._name_parts()

    def _name_parts(self) -> None:
        name = self._name or self.tr("value")
        self.edit.setAccessibleName(f"{name} ({self._suffix})" if self._suffix else name)
        self.less.setAccessibleName(self.tr("Less: {0}").format(name))
        self.more.setAccessibleName(self.tr("More: {0}").format(name))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._name_parts()
        super().changeEvent(event)

    # --- showing and typing ------------------------------------------------------------------------------

    def _show(self) -> None:
        if self._special and self._value == self._minimum:
            self.edit.setText(self._special)
        else:
            self.edit.setText(f"{self._prefix}{self._value}" if self._prefix else str(self._value))
        self.less.setEnabled(self._value > self._minimum)
        self.more.setEnabled(self._value < self._maximum)
        digits = max(len(str(self._minimum)), len(str(self._maximum))) + len(self._prefix)
        metrics = self.edit.fontMetrics()
        width = (
            max(metrics.horizontalAdvance("0" * (digits + 1)), metrics.horizontalAdvance(self._special)) + 24
        )
        self.edit.setFixedWidth(max(width, BUTTON_SIZE))

    def _typed(self) -> None:
        text = self.edit.text().removeprefix(self._prefix).strip()
        if text.lstrip("-").isdigit():
            self.setValue(int(text))
        else:
            self._show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            steps = {Qt.Key.Key_Up: 1, Qt.Key.Key_Plus: 1, Qt.Key.Key_Down: -1, Qt.Key.Key_Minus: -1,
                     Qt.Key.Key_PageUp: 5, Qt.Key.Key_PageDown: -5}  # fmt: skip
            step = steps.get(Qt.Key(event.key()))
            if step is not None:
                self.setValue(self._value + step * self._step)
                return True
        return super().eventFilter(watched, event)


def _step_button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setProperty("role", "step")
    button.setFixedSize(BUTTON_SIZE, BUTTON_SIZE)
    button.setAutoRepeat(True)  # held down, it keeps counting
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field takes the keys; Tab skips the buttons
    return button
