"""Order tables that fit their width: each column as wide as its longest words, the least needed
columns hidden when the table is narrow, never a cut "R…" in the deadline column.

Widths come from the font and the longest texts a column can show in the current language, not from
the rows (measuring thousands of rows on each resize would be slow, and a countdown ticking from
"9:59" to "10:00" would make the columns jump). They are worked out again when the table is resized,
its font changes (text size setting) or the language changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView

from posapp.domain.money import Money
from posapp.domain.order import Fulfilment, OrderStatus
from posapp.ui import labels
from posapp.ui.board_model import BoardModel, Column, seq_font
from posapp.ui.i18n import shown_language

CELL_PADDING = 14  # px: the delegate's margins on both sides of a cell's text, with room to spare
HEADER_PADDING = 14  # px: the header's padding (6 px each side in themes.py) and its sort arrow room
# The order a narrow table gives columns up: the number and the deadline stay to the last.
PRIORITY = (Column.SEQ, Column.DEADLINE, Column.TOTAL, Column.STATE, Column.KIND, Column.ITEMS, Column.AGE)


def _t(text: str) -> str:
    return QCoreApplication.translate("Board", text)


def _u(text: str) -> str:
    return QCoreApplication.translate("Urgency", text)


def samples(column: Column) -> list[str]:
    """The longest texts ``column`` shows, in the current language."""
    if column is Column.SEQ:
        return ["#8888"]
    if column is Column.KIND:
        return [labels.fulfilment_text(f) for f in Fulfilment]
    if column is Column.ITEMS:
        return ["888"]
    if column is Column.TOTAL:
        return [Money(888_888).format(), labels.amount_text(None)]
    if column is Column.AGE:
        return [_t("{0} min").format(888)]
    if column is Column.DEADLINE:
        return [
            _t("Ready by {0} · {1} min late").format("88:88", 88),
            _t("Ready by {0} · {1} min").format("88:88", 88),
            _t("Refund: answer by {0}").format("88:88"),
            _u("Accept within {0}").format("8:88"),
            _u("ACCEPT NOW – auto-cancel in {0}").format("0:88"),
            _u("ACCEPT NOW – Keeta is cancelling it"),
        ]
    action = labels.action_text("confirm")
    return [labels.status_text(s) for s in OrderStatus] + [
        _t("{0}: sending…").format(action),
        _t("{0}: check needed").format(action),
        _t("{0} failed").format(action),
    ]


class ColumnFitter(QObject):
    """Keeps ``table``'s column widths fitted; ``hidden`` columns are never shown (the refund desk's)."""

    def __init__(
        self,
        table: QTableView,
        hidden: Sequence[Column] = (),
    ) -> None:
        super().__init__(table)
        self._table = table
        self._hidden = set(hidden)
        self._widths: dict[tuple[str, str, str], dict[Column, int]] = {}  # per fonts and language
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.installEventFilter(self)
        table.viewport().installEventFilter(self)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.StyleChange,
                            QEvent.Type.LanguageChange, QEvent.Type.Show):  # fmt: skip
            self.fit()
        return False

    def needed(self, column: Column) -> int:
        table = self._table
        font = table.font()
        cell = QFontMetrics(seq_font(font) if column is Column.SEQ else font)
        bold = QFont(table.horizontalHeader().font())
        bold.setBold(True)
        title = str(table.model().headerData(column, Qt.Orientation.Horizontal) or "")
        widest = max(cell.horizontalAdvance(text) for text in samples(column))
        return max(widest + CELL_PADDING, QFontMetrics(bold).horizontalAdvance(title) + HEADER_PADDING)

    def fit(self) -> None:
        table = self._table
        if table.model() is None:
            return
        room = table.viewport().width() or table.width()
        board = _board_of(table)
        if board is not None:
            board.set_base_font(table.font())  # the number's font follows the text size setting
        key = (table.font().toString(), table.horizontalHeader().font().toString(), shown_language())
        if key not in self._widths:
            wanted = [column for column in PRIORITY if column not in self._hidden]
            self._widths[key] = {column: self.needed(column) for column in wanted}
        widths = dict(self._widths[key])
        shown: list[Column] = []
        used = 0
        for column in PRIORITY:
            if column in widths and used + widths[column] <= room:
                shown.append(column)
                used += widths[column]
        if Column.DEADLINE in shown:  # the spare room goes to the words that change
            widths[Column.DEADLINE] += room - used
        elif shown:
            widths[shown[-1]] += room - used
        for column in Column:
            visible = column in shown
            if table.isColumnHidden(column) == visible:
                table.setColumnHidden(column, not visible)
            if visible and table.columnWidth(column) != widths[column]:
                table.setColumnWidth(column, widths[column])


def _board_of(table: QTableView) -> BoardModel | None:
    model: object = table.model()
    while isinstance(model, QSortFilterProxyModel):
        model = model.sourceModel()
    return model if isinstance(model, BoardModel) else None
