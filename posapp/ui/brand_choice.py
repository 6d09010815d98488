"""All brands or one: the choice the board and the day report offer when the counter serves several
Keeta shops (Settings, Brands); hidden with one."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from posapp.brands import Brand


@dataclass(frozen=True)
class ShopChoice:
    shop_id: int | None  # None: every brand


class BrandChoice(QComboBox):
    shop_chosen = Signal(ShopChoice)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(48)
        self.brands: tuple[Brand, ...] = ()
        self.addItem("", None)
        self.hide()
        self.currentIndexChanged.connect(lambda _index: self.shop_chosen.emit(ShopChoice(self.shop)))
        self.retranslate()

    @property
    def shop(self) -> int | None:
        data = self.currentData() if len(self.brands) > 1 else None
        return data if isinstance(data, int) else None

    def set_brands(self, brands: tuple[Brand, ...]) -> None:
        """The counter's brands; the chosen one stays chosen while it is still a brand."""
        if brands == self.brands:
            return
        chosen = self.shop
        self.brands = brands
        self.blockSignals(True)
        while self.count() > 1:
            self.removeItem(1)
        for brand in brands:
            self.addItem(brand.label, brand.shop_id)
        self.setCurrentIndex(max(0, self.findData(chosen)) if chosen is not None else 0)
        self.blockSignals(False)
        self.setVisible(len(brands) > 1)
        self.shop_chosen.emit(ShopChoice(self.shop))

    def retranslate(self) -> None:
        self.setItemText(0, self.tr("All brands"))
        self.setAccessibleName(self.tr("Show the orders of"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
