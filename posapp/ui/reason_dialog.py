"""Cancel an order / reject a refund: pick Keeta's reason, write one for "Other", then confirm.

Opened with ``open()`` and answered through ``finished`` (never ``exec()`` inside an asyncio task).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)


class ReasonDialog(QDialog):
    def __init__(
        self,
        title: str,
        question: str,
        reasons: list[tuple[int, str]],
        other_code: int,
        confirm_label: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self._other_code = other_code
        self._question = question
        self._confirm_label = confirm_label
        self._reasons = dict(reasons)
        self._pages = QStackedWidget()
        self._pages.addWidget(self._choose_page(reasons))
        self._pages.addWidget(self._confirm_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self._pages)
        self._update()

    # --- pages -------------------------------------------------------------------------------------

    def _choose_page(self, reasons: list[tuple[int, str]]) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self._prompt = QLabel(self.tr("Why?"))
        layout.addWidget(self._prompt)
        self._group = QButtonGroup(self)
        for code, label in reasons:
            button = QRadioButton(label)
            button.setMinimumHeight(44)
            self._group.addButton(button, code)
            layout.addWidget(button)
        self._text = QLineEdit()
        self._text.setPlaceholderText(self.tr("Write the reason the customer will see"))
        self._text.setMinimumHeight(44)
        layout.addWidget(self._text)
        self._hint = QLabel()
        self._hint.setProperty("role", "problem")
        layout.addWidget(self._hint)
        self._back_out = QPushButton(self.tr("Go back"))
        self._next = QPushButton(self.tr("Next"))
        self._next.setProperty("role", "primary")
        layout.addLayout(_row(self._back_out, self._next))
        self._group.idToggled.connect(lambda *_: self._update())
        self._text.textChanged.connect(lambda *_: self._update())
        self._back_out.clicked.connect(self.reject)
        self._next.clicked.connect(self._go_confirm)
        return page

    def _confirm_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self._summary = QLabel()
        self._summary.setWordWrap(True)
        layout.addWidget(self._summary)
        self._change = QPushButton(self.tr("Change reason"))
        self._yes = QPushButton(self._confirm_label)
        self._yes.setProperty("role", "danger")
        layout.addLayout(_row(self._change, self._yes))
        self._change.clicked.connect(lambda: self._pages.setCurrentIndex(0))
        self._yes.clicked.connect(self.accept)
        return page

    # --- state -------------------------------------------------------------------------------------

    def choose(self, code: int, text: str = "") -> None:
        """Select a reason (also used by tests, like a finger would)."""
        button = self._group.button(code)
        if button is not None:
            button.setChecked(True)
        self._text.setText(text)

    @property
    def next_button(self) -> QPushButton:
        return self._next

    @property
    def confirm_button(self) -> QPushButton:
        return self._yes

    def chosen(self) -> tuple[int, str]:
        return self._group.checkedId(), self._text.text().strip()

    def _update(self) -> None:
        code, text = self.chosen()
        needs_text = code == self._other_code
        self._text.setVisible(needs_text)
        if code == -1:
            self._hint.setText(self.tr("Choose a reason."))
        elif needs_text and not text:
            self._hint.setText(self.tr("“Other” needs a written reason."))
        else:
            self._hint.setText("")
        self._next.setEnabled(code != -1 and (not needs_text or bool(text)))

    def _go_confirm(self) -> None:
        self._show_summary()
        self._pages.setCurrentIndex(1)

    def _show_summary(self) -> None:
        code, text = self.chosen()
        reason = text if code == self._other_code else self._reasons.get(code, "")
        self._summary.setText(f"{self._question}\n\n{self.tr('Reason:')} {reason}")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._prompt.setText(self.tr("Why?"))
            self._next.setText(self.tr("Next"))
            self._back_out.setText(self.tr("Go back"))
            self._change.setText(self.tr("Change reason"))
        super().changeEvent(event)


def _row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row
