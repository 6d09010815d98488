"""Sold-out items ("86"): a searchable list where one tap marks an item sold out or back on sale, and
the day's sold-out list with one button to put everything back (closing time). With several brands
(several Keeta shops, each its own menu) a brand is chosen first; "put all back" acts on that brand,
and a second button on every brand.

Before an item goes off, Keeta is asked which choice groups it would leave empty; if any, the dialog
says so and waits for "Mark anyway". The change goes through the outbox; what Keeta refused comes
back through the bridge (``sold_out_settled``) and is named here.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from posapp.brands import Brand
from posapp.engine.brand_controls import BrandControls
from posapp.engine.keeta_terms import KeetaError
from posapp.engine.sold_out import ItemView, SoldOut, SoldOutChange
from posapp.ui.brand_choice import fit_choices
from posapp.ui.store_status import short_label

SPU_ROLE = Qt.ItemDataRole.UserRole
ROW_HEIGHT = 48  # px: each row is tapped, so it is at least a 44 px touch target
ROW_PADDING = 16
WINDOW_MARGIN = 32  # px of the window's height left for the dialog's own title bar


class SoldOutDialog(QDialog):
    def __init__(
        self, sold_out: SoldOut | BrandControls, parent: QWidget | None = None, brands: Sequence[Brand] = ()
    ) -> None:
        super().__init__(parent)
        self.lists = _lists(sold_out)
        self.sold_out = next(iter(self.lists.values()))
        self.brand = QComboBox()
        self.brand.setMinimumHeight(40)
        self.brand.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMinimumSize(560, 520)
        self._note: Callable[[], str] = str
        self._waiting: list[int] = []  # items waiting for "Mark anyway"
        self._tasks: set[asyncio.Task[None]] = set()
        self._sized = False
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumHeight(40)
        self.items = QListWidget()
        self.items.setMinimumHeight(240)
        self.today_title = QLabel()
        self.today = QListWidget()
        # As tall as its rows, up to what the menu above (240 px at least) leaves.
        self.today.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.today.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.anyway_button = QPushButton()
        self.anyway_button.setProperty("role", "danger")
        self.keep_button = QPushButton()
        self.restore_button = QPushButton()
        self.restore_all_brands_button = QPushButton()
        self.restore_all_brands_button.setVisible(len(self.lists) > 1)
        self.close_button = QPushButton()
        self.set_brands(brands)
        confirm = QHBoxLayout()
        confirm.addWidget(self.note, 1)
        confirm.addWidget(self.keep_button)
        confirm.addWidget(self.anyway_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.restore_button)
        bottom.addWidget(self.restore_all_brands_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.brand)
        layout.addWidget(self.search)
        layout.addWidget(self.items, 1)
        layout.addLayout(confirm)
        layout.addWidget(self.today_title)
        layout.addWidget(self.today)
        layout.addLayout(bottom)
        self.search.textChanged.connect(lambda _: self.reload())
        self.items.itemClicked.connect(self._tapped)
        self.today.itemClicked.connect(self._tapped)
        self.anyway_button.clicked.connect(self._mark_anyway)
        self.keep_button.clicked.connect(self._keep)
        self.restore_button.clicked.connect(self.restore_all)
        self.restore_all_brands_button.clicked.connect(self.restore_all_brands)
        self.brand.currentIndexChanged.connect(self._brand_chosen)
        self.close_button.clicked.connect(self.accept)
        self.retranslate()
        self._show_confirm(False)
        self.reload()

    # --- the brand ------------------------------------------------------------------------------

    def set_brands(self, brands: Sequence[Brand]) -> None:
        """The brands' names (from Settings; renamed in place); the choice stays on the same shop."""
        names = {brand.shop_id: brand.label for brand in brands}
        chosen = self.sold_out.shop_id
        self.brand.blockSignals(True)
        self.brand.clear()
        for shop_id in self.lists:
            self.brand.addItem(names.get(shop_id, str(shop_id)), shop_id)
        self.brand.setCurrentIndex(max(0, self.brand.findData(chosen)))
        self.brand.blockSignals(False)
        self.brand.setVisible(len(self.lists) > 1)
        fit_choices(self.brand)
        self._name_restore()

    def choose_brand(self, shop_id: int) -> None:
        """Show this shop's menu (the offer after a cancel names the order's own shop)."""
        index = self.brand.findData(shop_id)
        if index >= 0:
            self.brand.setCurrentIndex(index)

    def _brand_chosen(self, index: int) -> None:
        shop_id = self.brand.itemData(index)
        if shop_id in self.lists and self.lists[shop_id] is not self.sold_out:
            self.sold_out = self.lists[shop_id]
            self._waiting = []
            self._show_confirm(False)
            self._say(str)
            self._name_restore()
            self.reload()

    def _name_restore(self) -> None:
        if len(self.lists) > 1:
            brand = short_label(self.brand.currentText())
            self.restore_button.setText(self.tr("Put all of {0} back on sale").format(brand))
        else:
            self.restore_button.setText(self.tr("Put all back on sale"))

    # --- showing --------------------------------------------------------------------------------

    def reload(self, _items: object = None) -> None:
        self._fill(self.items, self.sold_out.items(self.search.text()))
        today = self.sold_out.sold_out_today()
        self._fill(self.today, today)
        self.restore_button.setEnabled(bool(today))
        self.restore_all_brands_button.setEnabled(any(s.sold_out_today() for s in self.lists.values()))

    def sizeHint(self) -> QSize:
        # The window's height, not the smallest that fits: the day's sold-out list shows whole.
        hint = super().sizeHint()
        window = self.parentWidget()
        if window is not None:
            hint.setHeight(max(hint.height(), window.height() - WINDOW_MARGIN))
        return hint

    def showEvent(self, event: QShowEvent) -> None:
        if not self._sized:  # once: Qt opens a dialog at most 2/3 of the screen high
            self._sized = True
            self.resize(self.width(), self.sizeHint().height())
        super().showEvent(event)

    def _fill(self, widget: QListWidget, items: Sequence[ItemView]) -> None:
        widget.clear()
        for item in items:
            row = QListWidgetItem(self._row_text(item))
            row.setData(SPU_ROLE, item.spu_id)
            row.setData(Qt.ItemDataRole.UserRole + 1, item.sold_out)
            row.setSizeHint(self._row_size(widget, row.text()))
            widget.addItem(row)

    @staticmethod
    def _row_size(widget: QListWidget, text: str) -> QSize:
        # A row is tapped, so it is a touch target; an item's own hint (-1 wide) is invalid and was ignored.
        metrics = widget.fontMetrics()
        height = max(ROW_HEIGHT, metrics.height() + ROW_PADDING)
        return QSize(metrics.horizontalAdvance(text) + ROW_PADDING, height)

    def _row_text(self, item: ItemView) -> str:
        name = f"{item.name}  {item.name_zh}".strip()
        if item.sending:
            state = self.tr("sending…")
        elif item.sold_out:
            state = self.tr("SOLD OUT – tap to put back")
        else:
            state = self.tr("on sale – tap to mark sold out")
        return f"{name}    [{state}]"

    def row_for(self, spu_id: int) -> QListWidgetItem | None:
        for index in range(self.items.count()):
            row = self.items.item(index)
            if row.data(SPU_ROLE) == spu_id:
                return row
        return None

    # --- one tap --------------------------------------------------------------------------------

    def _tapped(self, row: QListWidgetItem) -> None:
        spu_id = int(row.data(SPU_ROLE))
        if bool(row.data(Qt.ItemDataRole.UserRole + 1)):
            self.sold_out.mark([spu_id], False)
            self._say(lambda: self.tr("Putting it back on sale…"))
            return
        self._spawn(self.check_then_mark([spu_id]))

    def start_marking(self, spu_ids: list[int], shop_id: int | None = None) -> None:
        """Mark these sold out in ``shop_id``'s menu (by default the one shown), the choice-group check
        first (the offer after a cancel or refund)."""
        if shop_id is not None:
            self.choose_brand(shop_id)
        self._spawn(self.check_then_mark(list(spu_ids)))

    async def check_then_mark(self, spu_ids: list[int]) -> None:
        """Ask Keeta about choice groups first; mark at once when none would be left empty."""
        self._say(lambda: self.tr("Asking Keeta about choice groups…"))
        asked = self.sold_out
        try:
            conflicts = await asked.conflicts(spu_ids)
        except KeetaError:
            self._waiting = spu_ids
            self._say(lambda: self.tr("Keeta could not be asked whether a choice group would be left empty."))
            self._show_confirm(True)
            return
        if conflicts:
            self._waiting = spu_ids
            groups = sorted({g for c in conflicts for g in c.group_ids})
            text = ", ".join(str(g) for g in groups)
            self._say(
                lambda: self.tr(
                    "Marking this sold out leaves choice group {0} with nothing to choose: dishes that need"
                    " it cannot be ordered."
                ).format(text)
            )
            self._show_confirm(True)
            return
        if asked is self.sold_out:  # not when the cashier chose another brand meanwhile
            self._mark(spu_ids)

    def _mark(self, spu_ids: list[int]) -> None:
        self.sold_out.mark(spu_ids, True)
        self._say(lambda: self.tr("Marking it sold out on Keeta…"))

    def _mark_anyway(self) -> None:
        waiting, self._waiting = self._waiting, []
        self._show_confirm(False)
        if waiting:
            self._mark(waiting)

    def _keep(self) -> None:
        self._waiting = []
        self._show_confirm(False)
        self._say(str)

    def restore_all(self) -> None:
        if self.sold_out.restore_all() is not None:
            self._say(lambda: self.tr("Putting today's sold-out items back on sale…"))

    def restore_all_brands(self) -> None:
        """Closing time on a counter of several brands: every brand's list back in one tap."""
        sent = [s.restore_all() for s in self.lists.values()]
        if any(action is not None for action in sent):
            self._say(lambda: self.tr("Putting every brand's sold-out items back on sale…"))

    # --- Keeta's answer -------------------------------------------------------------------------

    def settled(self, change: SoldOutChange) -> None:
        names = ", ".join(change.refused)
        if change.failed:
            self._say(lambda: self.tr("Keeta did not take the change for: {0}").format(names))
        elif change.refused:
            self._say(lambda: self.tr("Done, except (Keeta refused): {0}").format(names))
        else:
            self._say(lambda: self.tr("Done."))
        self.reload()

    # --- plumbing -------------------------------------------------------------------------------

    def _show_confirm(self, shown: bool) -> None:
        self.anyway_button.setVisible(shown)
        self.keep_button.setVisible(shown)

    def _say(self, note: Callable[[], str]) -> None:
        self._note = note
        self.note.setText(note())

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sold-out items"))
        self.search.setPlaceholderText(self.tr("Search items (English or 中文)"))
        self.today_title.setText(self.tr("Sold out today (marked here)"))
        self.anyway_button.setText(self.tr("Mark anyway"))
        self.keep_button.setText(self.tr("Keep on sale"))
        self._name_restore()
        self.restore_all_brands_button.setText(self.tr("All brands back on sale"))
        self.close_button.setText(self.tr("Close"))
        self._say(self._note)
        self.reload()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _lists(sold_out: SoldOut | BrandControls) -> dict[int, SoldOut]:
    """Each brand's sold-out list by shop id, the main shop's first."""
    if isinstance(sold_out, SoldOut):
        return {sold_out.shop_id: sold_out}
    return {shop: sold_out.sold_out[shop] for shop in sold_out.shops if shop in sold_out.sold_out}
