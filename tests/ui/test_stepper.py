"""The +/− stepper that replaces spin boxes: big buttons, typing, keys, limits, names."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from posapp.ui.stepper import Stepper


def test_buttons_step_within_the_range_and_are_finger_sized(qapp: QApplication, qtbot: QtBot) -> None:
    stepper = Stepper(5, 20, 15, step=5)
    qtbot.addWidget(stepper)
    seen: list[int] = []
    stepper.valueChanged.connect(seen.append)
    qtbot.mouseClick(stepper.more, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(stepper.more, Qt.MouseButton.LeftButton)  # already at the top: no change
    assert (stepper.value(), seen) == (20, [20])
    assert not stepper.more.isEnabled()
    for _ in range(4):
        stepper.less.click()
    assert stepper.value() == 5
    assert not stepper.less.isEnabled()
    assert min(stepper.less.width(), stepper.less.height(), stepper.more.height()) >= 48


def test_typed_and_keyed_values_are_kept_in_range(qapp: QApplication, qtbot: QtBot) -> None:
    stepper = Stepper(0, 3)
    qtbot.addWidget(stepper)
    stepper.edit.setText("2")
    stepper.edit.editingFinished.emit()
    assert stepper.value() == 2
    qtbot.keyClick(stepper.edit, Qt.Key.Key_Up)
    qtbot.keyClick(stepper.edit, Qt.Key.Key_Up)
    assert stepper.value() == 3
    qtbot.keyClick(stepper.edit, Qt.Key.Key_PageDown)
    assert stepper.value() == 0
    stepper.setValue(99)
    assert (stepper.value(), stepper.edit.text()) == (3, "3")


def test_every_part_has_a_name_a_screen_reader_can_say(qapp: QApplication, qtbot: QtBot) -> None:
    stepper = Stepper(5, 90, 15, step=5)
    qtbot.addWidget(stepper)
    stepper.setSuffix("min")
    stepper.setAccessibleName("Preparation time")
    assert stepper.edit.accessibleName() == "Preparation time (min)"
    assert stepper.less.accessibleName() == "Less: Preparation time"
    assert stepper.more.accessibleName() == "More: Preparation time"
    assert stepper.unit.text() == "min"
