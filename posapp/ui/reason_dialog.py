"""Cancel an order / reject a refund: pick Keeta's reason, write one for "Other", then confirm.

Opened with ``open()`` and answered through ``finished`` (never ``exec()`` inside an asyncio task).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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

from posapp.engine.keeta_terms import reason_required


@dataclass(frozen=True)
class ReasonWords:
    """The dialog's words in the current language; asked for again when the language changes."""

    title: str
    question: str
    reasons: list[tuple[int, str]]  # (code, label)
    confirm: str


class ReasonDialog(QDialog):
    def __init__(self, words: Callable[[], ReasonWords], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(520)
        self._words = words
        self._current = words()
        self._pages = QStackedWidget()
        self._pages.addWidget(self._choose_page(self._current.reasons))
        self._pages.addWidget(self._confirm_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self._pages)
        self.retranslate()

    # --- pages -------------------------------------------------------------------------------------

    def _choose_page(self, reasons: list[tuple[int, str]]) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self._prompt = QLabel()
        layout.addWidget(self._prompt)
        self._group = QButtonGroup(self)
        for code, _ in reasons:
            button = QRadioButton()
            button.setMinimumHeight(44)
            self._group.addButton(button, code)
            layout.addWidget(button)
        self._text = QLineEdit()
        self._text.setMinimumHeight(44)
        layout.addWidget(self._text)
        self._hint = QLabel()
        self._hint.setProperty("role", "problem")
        layout.addWidget(self._hint)
        self._back_out = QPushButton()
        self._next = QPushButton()
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
        self._change = QPushButton()
        self._yes = QPushButton()
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
        needs_text = code != -1 and reason_required(code)
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
        reason = text if code != -1 and reason_required(code) else dict(self._current.reasons).get(code, "")
        label = self.tr("Reason:")  # outside the f-string, where lupdate can see it
        self._summary.setText(f"{self._current.question}\n\n{label} {reason}")

    def retranslate(self) -> None:
        """Every word again in the current language; the chosen reason, its text and the page stay."""
        self._current = words = self._words()
        self.setWindowTitle(words.title)
        for code, label in words.reasons:
            button = self._group.button(code)
            if button is not None:
                button.setText(label)
        self._prompt.setText(self.tr("Why?"))
        self._text.setPlaceholderText(self.tr("Write the reason the customer will see"))
        self._next.setText(self.tr("Next"))
        self._back_out.setText(self.tr("Go back"))
        self._change.setText(self.tr("Change reason"))
        self._yes.setText(words.confirm)
        self._show_summary()
        self._update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row
