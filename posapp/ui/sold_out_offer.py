"""After a cancel or partial refund for "insufficient ingredients": offer to mark the item sold out,
so the next customer cannot order it. The refunded items are ticked; the cashier confirms."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QCheckBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class SoldOutOffer(QDialog):
    chosen = Signal(list)  # spu ids to mark sold out

    def __init__(self, items: list[tuple[int, str, bool]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.boxes: dict[int, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        for spu_id, name, proposed in items:
            box = QCheckBox(name)
            box.setChecked(proposed)
            box.setMinimumHeight(40)
            self.boxes[spu_id] = box
            layout.addWidget(box)
        self.no_button = QPushButton()
        self.yes_button = QPushButton()
        buttons = QHBoxLayout()
        buttons.addWidget(self.no_button)
        buttons.addStretch(1)
        buttons.addWidget(self.yes_button)
        layout.addLayout(buttons)
        self.no_button.clicked.connect(self.reject)
        self.yes_button.clicked.connect(self._yes)
        for box in self.boxes.values():
            box.toggled.connect(self._update)
        self.retranslate()

    def ticked(self) -> list[int]:
        return [spu_id for spu_id, box in self.boxes.items() if box.isChecked()]

    def _update(self) -> None:
        self.yes_button.setEnabled(bool(self.ticked()))

    def _yes(self) -> None:
        self.chosen.emit(self.ticked())
        self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Mark sold out?"))
        self.question.setText(self.tr("Not enough ingredients: mark these items sold out on Keeta?"))
        self.no_button.setText(self.tr("Not now"))
        self.yes_button.setText(self.tr("Mark sold out"))
        self._update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
