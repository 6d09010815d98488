"""A field for an amount in Hong Kong dollars, read out as integer cents (never a float)."""

from __future__ import annotations

import re

from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from posapp.domain.bounds import dollars_as_cents
from posapp.ui.themes import TOUCH_HEIGHT

# Up to HK$9,999.99: more than any delivery fee; two decimals at most, as on a receipt.
_AMOUNT = r"\d{0,4}(\.\d{0,2})?"


class MoneyEdit(QLineEdit):
    def __init__(self, cents: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(QRegularExpressionValidator(_AMOUNT, self))
        self.setMinimumHeight(TOUCH_HEIGHT)
        self.set_cents(cents)

    def set_cents(self, cents: int | None) -> None:
        self.setText("" if not cents else f"{cents // 100}.{cents % 100:02d}")

    def acceptable(self) -> bool:
        text = self.text().strip()
        return not text or (
            re.fullmatch(_AMOUNT, text) is not None and text != "." and self.cents() is not None
        )

    def cents(self) -> int | None:
        """The amount in cents; None when the field is empty or not an amount."""
        text = self.text().strip()
        return dollars_as_cents(text) if text and text != "." else None
