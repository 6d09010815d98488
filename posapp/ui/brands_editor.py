"""Settings: the brands (Keeta shops) this counter serves — shop ID, name, colour and each further
shop's relay store token, which goes to the keyring only (posapp/brands.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posapp.brands import PALETTE, brands_of, relay_token_name
from posapp.secrets import SecretChange
from posapp.settings import Settings


class BrandRow:
    """One brand's controls in the editor's grid."""

    def __init__(self, shop_id: int, name: str, colour: str) -> None:
        self.shop_id = QLineEdit(str(shop_id) if shop_id else "")
        self.name = QLineEdit(name)
        self.name.setMaxLength(40)
        self.colour = QComboBox()
        for value in PALETTE:
            swatch = QPixmap(16, 16)
            swatch.fill(QColor(value))
            self.colour.addItem(QIcon(swatch), value, value)
        self.colour.setCurrentIndex(max(0, self.colour.findData(colour)))
        self.token = QLineEdit()
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.remove = QPushButton()
        self.saved_shop = shop_id  # the shop whose token the keyring holds for this row

    def widgets(self) -> list[QWidget]:
        return [self.shop_id, self.name, self.colour, self.token, self.remove]

    def shop(self) -> int:
        text = self.shop_id.text().strip()
        return int(text) if text.isdigit() and 0 < int(text) < 2**63 else 0


class BrandsEditor(QGroupBox):
    """Brand #1 is the Keeta shop ID set above; each further brand needs its own relay store token."""

    def __init__(self, current: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[BrandRow] = []
        self._removed: list[int] = []  # shops whose token leaves the keyring on save
        self._main_shop = current.keeta_shop_id
        # What the file holds and how it reads: saving unchanged brands leaves the file's list as it was
        # (an old file's one brand is not written out, so a save elsewhere never reconnects).
        self._saved = (current.brands, [brand.as_setting() for brand in brands_of(current)])
        layout = QVBoxLayout(self)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.grid = QGridLayout()
        self.headers = [QLabel() for _ in range(4)]
        for column, header in enumerate(self.headers):
            self.grid.addWidget(header, 0, column)
        layout.addLayout(self.grid)
        self.problem = QLabel()
        self.problem.setProperty("role", "problem")
        self.problem.hide()
        layout.addWidget(self.problem)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(lambda: self.add_brand())
        layout.addWidget(self.add_button)
        layout.addStretch(1)  # the rows stay together at the top of the page
        for brand in brands_of(current):
            self.add_brand(brand.shop_id, brand.name, brand.colour)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Brands on this counter"))
        self.hint.setText(self.tr(
            "Each brand is one Keeta shop. The first is this counter's Keeta shop ID (its token is the relay "
            "store token on the Keeta page); each other brand needs its own relay store token, kept in the "
            "system keyring."
        ))  # fmt: skip
        words = (self.tr("Shop ID"), self.tr("Name on cards and tickets"), self.tr("Colour"),
                 self.tr("Relay store token"))  # fmt: skip
        for header, text in zip(self.headers, words, strict=True):
            header.setText(text)
        self.add_button.setText(self.tr("Add a brand"))
        for row in self.rows:
            row.remove.setText(self.tr("Remove"))
            row.token.setPlaceholderText(self.tr("saved in the system keyring"))
            row.shop_id.setAccessibleName(self.tr("Shop ID"))
            row.name.setAccessibleName(self.tr("Name on cards and tickets"))
            row.colour.setAccessibleName(self.tr("Colour"))
            row.token.setAccessibleName(self.tr("Relay store token"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def add_brand(self, shop_id: int = 0, name: str = "", colour: str = "") -> BrandRow:
        row = BrandRow(shop_id, name, colour or PALETTE[len(self.rows) % len(PALETTE)])
        self.rows.append(row)
        row.remove.clicked.connect(lambda: self.remove_brand(row))
        self._lay_out()
        self.retranslate()
        return row

    def remove_brand(self, row: BrandRow) -> None:
        self.rows.remove(row)
        if row.saved_shop:
            self._removed.append(row.saved_shop)
        for widget in row.widgets():
            widget.deleteLater()
        self._lay_out()

    def _lay_out(self) -> None:
        for index, row in enumerate(self.rows, start=1):
            for column, widget in enumerate(row.widgets()):
                self.grid.addWidget(widget, index, column)
            # The main shop's token is the "Relay store token" above.
            main = row.shop() == self._main_shop and bool(self._main_shop)
            row.token.setEnabled(not main)

    def main_shop_changed(self, text: str) -> None:
        """The Keeta shop ID typed on the Keeta page: that row's token is the main relay token."""
        text = text.strip()
        self._main_shop = int(text) if text.isdigit() else 0
        self._lay_out()

    def validate(self) -> bool:
        """Each row a positive whole shop ID, none twice; the problem is said under the list."""
        seen: set[int] = set()
        for row in self.rows:
            shop = row.shop()
            if not shop:
                return self._refuse(self.tr("A brand's shop ID must be a whole number above 0."), row)
            if shop in seen:
                return self._refuse(self.tr("Shop {0} is listed twice.").replace("{0}", str(shop)), row)
            seen.add(shop)
        self.problem.hide()
        return True

    def _refuse(self, text: str, row: BrandRow) -> bool:
        self.problem.setText(text)
        self.problem.show()
        row.shop_id.setFocus()
        return False

    def values(self) -> dict[str, Any]:
        """The settings the editor owns."""
        entries = [
            {"shop_id": row.shop(), "name": row.name.text().strip(), "colour": str(row.colour.currentData())}
            for row in self.rows
            if row.shop()
        ]
        original, read = self._saved
        return {"brands": original if entries == read else entries}

    def set_brands(self, entries: list[dict[str, Any]]) -> None:
        """Shows ``entries`` instead of the current rows (the rows' tokens are left in the keyring)."""
        for row in list(self.rows):
            self.remove_brand(row)
        self._removed.clear()
        for entry in entries:
            self.add_brand(
                int(entry.get("shop_id", 0)), str(entry.get("name", "")), str(entry.get("colour", ""))
            )

    def token_changes(self) -> list[SecretChange]:
        """What Save writes to the keyring: typed tokens under each shop's name; a removed (or
        renumbered) brand's token leaves it. An empty field keeps what is stored."""
        kept = {row.shop() for row in self.rows}
        changes = [
            SecretChange(relay_token_name(shop), "")
            for shop in [*self._removed, *(row.saved_shop for row in self.rows)]
            if shop and shop not in kept
        ]
        for row in self.rows:
            token = row.token.text().strip()
            if token and row.token.isEnabled():
                changes.append(SecretChange(relay_token_name(row.shop()), token))
        return changes

    def tokens_written(self) -> None:
        """The keyring holds what :meth:`token_changes` said: the typed tokens leave their fields."""
        self._removed.clear()
        for row in self.rows:
            if row.token.isEnabled():
                row.token.clear()
            row.saved_shop = row.shop()
