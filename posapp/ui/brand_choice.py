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
        # Its words change (brands renamed, the language switched): measured again each time, not only
        # at the first show (then it was sized before any brand was in it and cut "All brands").
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
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
        fit_choices(self)
        self.shop_chosen.emit(ShopChoice(self.shop))

    def retranslate(self) -> None:
        self.setItemText(0, self.tr("All brands"))
        self.setAccessibleName(self.tr("Show the orders of"))
        fit_choices(self)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


ARROW_AND_FRAME = 48  # px beside the text: the drop-down arrow and the frame, whatever the style


def fit_choices(combo: QComboBox) -> None:
    """Wide enough for its longest choice (some styles' own hint leaves the arrow over the text)."""
    metrics = combo.fontMetrics()
    widest = max((metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count())), default=0)
    combo.setMinimumWidth(widest + ARROW_AND_FRAME)
